package org.fairness4j.examples.study;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fairness4j.core.io.AtomicFiles;
import org.fairness4j.examples.nih.NihProtocol;
import org.fairness4j.examples.nih.PaperMetrics;

/**
 * The paper-style tables: one row per model × strategy (and variant) with accuracy, per-disease F1,
 * Var_F1, subgroup F1s, ΔF1_age, ΔF1_gender, EqOdds and ECE_Δ by age and sex; as Markdown, CSV and
 * a self-contained HTML index linking each run's fairness report. Written atomically.
 */
final class StudyTables {
  private StudyTables() {}

  static List<String> header() {
    List<String> h = new ArrayList<>(List.of("model", "strategy", "variant", "accuracy"));
    NihProtocol.CLASSES.forEach(c -> h.add("F1_" + c));
    h.addAll(
        List.of(
            "Var_F1",
            "F1_young-M",
            "F1_young-F",
            "F1_old-M",
            "F1_old-F",
            "dF1_age",
            "dF1_gender",
            "EqOdds_age",
            "EqOdds_gender",
            "ECE_delta_age",
            "ECE_delta_gender"));
    return h;
  }

  static List<String> row(StudyRunner.Run r, String variant, PaperMetrics.Row m) {
    List<String> v = new ArrayList<>(List.of(r.model(), r.strategy(), variant, f(m.accuracy())));
    for (double x : m.f1()) {
      v.add(f(x));
    }
    v.add(f(m.varF1()));
    for (String g : List.of("young-M", "young-F", "old-M", "old-F")) {
      v.add(f(m.subgroupF1().get(g)));
    }
    v.addAll(
        List.of(
            f(m.deltaF1Age()),
            f(m.deltaF1Gender()),
            f(m.eqOddsAge()),
            f(m.eqOddsGender()),
            f(m.eceDeltaAge()),
            f(m.eceDeltaGender())));
    return v;
  }

  private static String f(double x) {
    return String.format(Locale.ROOT, "%.4f", x);
  }

  static void write(Path out, List<StudyRunner.Run> runs, String notice) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    for (StudyRunner.Run r : runs) {
      rows.add(row(r, "corrected", r.corrected()));
    }
    for (StudyRunner.Run r : runs) {
      rows.add(row(r, "faithful", r.faithful()));
    }
    AtomicFiles.writeText(
        out.resolve("tables.csv"),
        w -> {
          w.write(String.join(",", header()) + "\n");
          for (List<String> r : rows) {
            w.write(String.join(",", r) + "\n");
          }
        });
    AtomicFiles.writeText(
        out.resolve("tables.md"),
        w -> {
          w.write("# NIH ChestX-ray14 study: results\n\n");
          if (!notice.isEmpty()) {
            w.write("> **" + notice + "**\n\n");
          }
          w.write(
              "Test split of the protocol; definitions in docs/reproduction.md. \"corrected\" fixes the"
                  + " released code's defects, \"faithful\" keeps them.\n\n");
          w.write("| " + String.join(" | ", header()) + " |\n");
          w.write("|" + "---|".repeat(3) + "---:|".repeat(header().size() - 3) + "\n");
          for (List<String> r : rows) {
            w.write("| " + String.join(" | ", r) + " |\n");
          }
        });
    AtomicFiles.writeText(
        out.resolve("report.html"),
        w -> {
          w.write(
              "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>NIH study</title>"
                  + "<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse;"
                  + "font-size:.8rem}th,td{border:1px solid #ddd;padding:.2rem .4rem;text-align:right}"
                  + "td:nth-child(-n+3),th:nth-child(-n+3){text-align:left}</style></head><body>\n");
          w.write(
              "<h1>NIH ChestX-ray14 study</h1>\n"
                  + (notice.isEmpty()
                      ? ""
                      : "<p style=\"border:2px solid #D55E00;padding:.5rem;font-weight:bold\">"
                          + esc(notice)
                          + "</p>\n")
                  + "<p>Paper-style metrics on the test split"
                  + " (docs/reproduction.md). Per-run fairness reports with charts, intervals and"
                  + " provenance:</p>\n<ul>\n");
          for (StudyRunner.Run r : runs) {
            String name = r.model() + "__" + r.strategy();
            w.write("<li><a href=\"reports/" + name + ".html\">" + esc(name) + "</a></li>\n");
          }
          w.write("</ul>\n<table><thead><tr>");
          for (String h : header()) {
            w.write("<th>" + esc(h) + "</th>");
          }
          w.write("</tr></thead><tbody>\n");
          for (List<String> r : rows) {
            w.write("<tr>");
            for (String c : r) {
              w.write("<td>" + esc(c) + "</td>");
            }
            w.write("</tr>\n");
          }
          w.write("</tbody></table>\n</body></html>\n");
        });
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
