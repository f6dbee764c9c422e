package org.fairness4j.examples.study;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.fairness4j.cli.nih.PaperTables;

/**
 * The study's self-contained HTML index ({@code report.html}): the synthetic-data notice, the
 * study's figure ({@link StudyFigure}), links to each run's fairness report, the paper-style table,
 * the corrected metrics with intervals, the seed summary and the paired comparisons.
 */
final class StudyHtml {
  private StudyHtml() {}

  static void write(
      Writer w,
      StudyTables.Study st,
      List<List<String>> md,
      List<List<PaperIntervals.Bounds>> iv,
      List<PaperIntervals.Comparison> cmp)
      throws IOException {
    String notice = st.notice();
    w.write(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>NIH study</title>"
            + "<style>body{font-family:system-ui,sans-serif;margin:2rem}table{display:block;overflow-x:auto;border-collapse:collapse;"
            + "font-size:.8rem}th,td{border:1px solid #ddd;padding:.2rem .4rem;text-align:right}"
            + "td:nth-child(-n+3),th:nth-child(-n+3){text-align:left}figure{margin:1rem 0}</style>"
            + "</head><body>\n");
    w.write(
        "<h1>NIH ChestX-ray14 study</h1>\n"
            + (notice.isEmpty()
                ? ""
                : "<p style=\"border:2px solid #D55E00;padding:.5rem;font-weight:bold\">"
                    + esc(notice)
                    + "</p>\n"));
    if (!iv.isEmpty()) {
      List<String> cols = PaperTables.metricColumns();
      List<StudyFigure.Point> pts = new ArrayList<>();
      for (int i = 0; i < st.runs().size(); i++) {
        StudyRunner.Run r = st.runs().get(i);
        double[] v = PaperTables.values(r.corrected());
        List<PaperIntervals.Bounds> b = iv.get(i);
        java.util.function.Function<String, double[]> at =
            name -> {
              int c = cols.indexOf(name);
              return new double[] {v[c], b.get(c).lo(), b.get(c).hi()};
            };
        pts.add(
            new StudyFigure.Point(
                r.model() + "__" + r.strategy(),
                at.apply("accuracy"),
                at.apply("dF1_gender"),
                at.apply("dF1_age"),
                new double[][] {
                  at.apply("F1_young-M"),
                  at.apply("F1_young-F"),
                  at.apply("F1_old-M"),
                  at.apply("F1_old-F")
                }));
      }
      w.write(StudyFigure.svg(pts));
    }
    w.write(
        "<p>Paper-style metrics on the test split"
            + " (docs/reproduction.md). Per-run fairness reports with charts, intervals and"
            + " provenance:</p>\n<ul>\n");
    for (StudyRunner.Run r : st.runs()) {
      String name = r.model() + "__" + r.strategy();
      w.write("<li><a href=\"reports/" + name + ".html\">" + esc(name) + "</a></li>\n");
    }
    w.write("</ul>\n<table><thead><tr>");
    for (String h : StudyTables.header()) {
      w.write("<th>" + esc(h) + "</th>");
    }
    w.write("</tr></thead><tbody>\n");
    for (List<String> r : md) {
      w.write("<tr>");
      for (String c : r) {
        w.write("<td>" + esc(c) + "</td>");
      }
      w.write("</tr>\n");
    }
    w.write("</tbody></table>\n");
    if (!iv.isEmpty()) {
      List<String> cols = PaperTables.metricColumns();
      w.write(
          "<h2>Corrected metrics with 95 % intervals</h2>\n<p>"
              + st.resamples()
              + " bootstrap resamples of the test patients (percentile intervals). "
              + esc(StudyTables.OUTSIDE_NOTE)
              + "</p>\n"
              + "<table><thead><tr><th>model</th><th>strategy</th>");
      for (String c : cols) {
        w.write("<th>" + esc(c) + "</th>");
      }
      w.write("</tr></thead><tbody>\n");
      for (int i = 0; i < st.runs().size(); i++) {
        StudyRunner.Run r = st.runs().get(i);
        double[] v = PaperTables.values(r.corrected());
        w.write("<tr><td>" + esc(r.model()) + "</td><td>" + esc(r.strategy()) + "</td>");
        for (int c = 0; c < cols.size(); c++) {
          w.write("<td>" + esc(StudyTables.withInterval(v[c], iv.get(i).get(c))) + "</td>");
        }
        w.write("</tr>\n");
      }
      w.write("</tbody></table>\n");
    }
    if (!st.seedRows().isEmpty()) {
      List<String> cols = PaperTables.metricColumns();
      w.write(
          "<h2>Across training seeds</h2>\n<p>Mean ± sd of the corrected metrics over the"
              + " training seeds "
              + esc(st.seeds().toString())
              + " (same split).</p>\n<table><thead><tr><th>model</th><th>strategy</th>");
      for (String c : cols) {
        w.write("<th>" + esc(c) + "</th>");
      }
      w.write("</tr></thead><tbody>\n");
      for (var e : st.seedRows().entrySet()) {
        String[] ms = e.getKey().split("__", 2);
        w.write("<tr><td>" + esc(ms[0]) + "</td><td>" + esc(ms[1]) + "</td>");
        for (double[] v : StudySeeds.summary(e.getValue())) {
          w.write("<td>" + StudyTables.f(v[0]) + " ± " + StudyTables.f(v[1]) + "</td>");
        }
        w.write("</tr>\n");
      }
      w.write("</tbody></table>\n");
    }
    if (!cmp.isEmpty()) {
      w.write(
          "<h2>Paired comparisons between strategies</h2>\n<p>Δ = metric(strategy) −"
              + " metric(reference) on the same test images; paired bootstrap interval; permutation"
              + " p-value, Holm-adjusted across the table.</p>\n<table><thead><tr><th>model</th>"
              + "<th>strategy</th><th>vs</th><th>metric</th><th>Δ</th><th>95 % interval</th>"
              + "<th>p</th><th>p (Holm)</th></tr></thead><tbody>\n");
      for (PaperIntervals.Comparison c : cmp) {
        w.write(
            "<tr><td>"
                + esc(c.model())
                + "</td><td>"
                + esc(c.other())
                + "</td><td>"
                + esc(c.base())
                + "</td><td>"
                + esc(c.metric())
                + "</td><td>"
                + StudyTables.f(c.delta())
                + "</td><td>["
                + StudyTables.f(c.ci().lo())
                + ", "
                + StudyTables.f(c.ci().hi())
                + "]</td><td>"
                + StudyTables.f(c.p())
                + "</td><td>"
                + StudyTables.f(c.pHolm())
                + "</td></tr>\n");
      }
      w.write("</tbody></table>\n");
    }
    w.write("</body></html>\n");
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
