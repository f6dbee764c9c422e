package org.fairness4j.core.io;

import java.io.IOException;
import java.io.Writer;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.ReportStatisticId;
import org.fairness4j.core.calibration.Calibration;
import org.fairness4j.core.calibration.GroupCalibration;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.metrics.Metric;
import org.fairness4j.core.metrics.MetricValue;
import org.fairness4j.core.metrics.MetricValues;
import org.fairness4j.core.report.FairnessAudit;
import org.fairness4j.core.report.ReportProvenance;
import org.fairness4j.core.roc.RocCurve;
import org.fairness4j.core.stats.Interval;

/**
 * Writes a {@link FairnessAudit} as one self-contained HTML page: inline CSS, hand-written inline
 * SVG charts, no scripts and no network access.
 */
final class AuditHtml {
  /** Okabe–Ito colours, distinguishable with colour-vision deficiencies. */
  private static final String[] COLOURS = {
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"
  };

  private static final List<Metric> BINARY_CHARTS =
      List.of(
          Metric.SELECTION_RATE,
          Metric.ACCURACY,
          Metric.RECALL,
          Metric.FPR,
          Metric.PRECISION,
          Metric.F1,
          Metric.ROC_AUC);
  private static final List<Metric> MULTICLASS_CHARTS =
      List.of(Metric.ACCURACY, Metric.BALANCED_ACCURACY, Metric.MACRO_F1, Metric.MACRO_RECALL);

  private static final String CSS =
      """
      body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:1100px;\
      color:#222;line-height:1.4;padding:0 1rem}
      h1{margin-bottom:.2rem}h2{border-bottom:2px solid #ddd;padding-bottom:.2rem;margin-top:2.5rem}
      table{border-collapse:collapse;margin:.6rem 0 1.2rem;font-size:.85rem}
      th,td{border:1px solid #ddd;padding:.25rem .5rem;text-align:right}
      th:first-child,td:first-child{text-align:left}thead th{background:#f3f3f3}
      .ci{color:#777;font-size:.75rem;white-space:nowrap}.undef{color:#b00}
      .charts{display:flex;flex-wrap:wrap;gap:1rem}.chart{border:1px solid #eee;padding:.4rem}
      .note{color:#555;font-size:.85rem}.prov td{text-align:left}
      .cm{display:inline-block;margin-right:1rem;vertical-align:top}
      .wide{overflow-x:auto}table.summary td:nth-child(2),table.summary td:nth-child(5){text-align:left}
      """;

  private final FairnessAudit audit;
  private final Writer out;

  private AuditHtml(FairnessAudit audit, Writer out) {
    this.audit = audit;
    this.out = out;
  }

  static void write(FairnessAudit audit, Writer out) throws IOException {
    new AuditHtml(audit, out).page();
  }

  private void page() throws IOException {
    w("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    w("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    w("<title>" + esc(audit.title()) + "</title>\n<style>\n" + CSS + "</style>\n</head>\n<body>\n");
    w("<h1>" + esc(audit.title()) + "</h1>\n");
    provenance(audit.provenance());
    if (audit.policy().isPresent()) {
      AuditPolicy.html(audit.policy().get(), out);
    }
    leading();
    summary();
    int id = 0;
    for (FairnessAudit.Section s : audit.sections()) {
      section(s, id++);
    }
    w("</body>\n</html>\n");
  }

  private void provenance(ReportProvenance p) throws IOException {
    w(
        "<details open><summary><b>Provenance</b></summary>\n<table class=\"prov\" id=\"provenance\">\n");
    row("Fairness4J version", p.libraryVersion());
    row("created", DateTimeFormatter.ISO_INSTANT.format(p.created()));
    if (p.input() != null) {
      row("input", p.input());
    }
    if (p.inputSha256() != null) {
      row("input SHA-256", p.inputSha256());
    }
    for (Map.Entry<String, String> e : p.columns().entrySet()) {
      row("column: " + e.getKey(), e.getValue());
    }
    row("positive label", p.positiveLabel() == null ? "none (multiclass)" : p.positiveLabel());
    for (Map.Entry<String, String> e : p.binning().entrySet()) {
      row("bins: " + e.getKey(), e.getValue());
    }
    row("thresholds", p.thresholds() == null ? "predicted labels as given" : p.thresholds());
    for (Map.Entry<String, Long> e : p.seeds().entrySet()) {
      row("seed: " + e.getKey(), Long.toString(e.getValue()));
    }
    row("bootstrap resamples", p.resamples() == 0 ? "none" : Integer.toString(p.resamples()));
    for (Map.Entry<String, String> e : p.settings().entrySet()) {
      row(e.getKey(), e.getValue());
    }
    w("</table>\n</details>\n");
  }

  private void row(String k, String v) throws IOException {
    w("<tr><th>" + esc(k) + "</th><td>" + esc(v) + "</td></tr>\n");
  }

  private void summary() throws IOException {
    w("<h2 id=\"summary\">Largest gaps</h2>\n");
    List<FairnessAudit.Gap> gaps = audit.gaps();
    if (gaps.isEmpty()) {
      w("<p class=\"note\">No defined between-group difference.</p>\n");
      return;
    }
    w(
        "<p class=\"note\">Between-group differences (largest minus smallest group value), largest"
            + " first"
            + (audit.provenance().resamples() > 0 ? ", with bootstrap intervals" : "")
            + ". With two groups a gap's interval comes from the signed difference's (Newcombe)"
            + " by inverting a test of the absolute gap, so it includes 0 when the groups may not"
            + " differ; with three or more it is a"
            + " percentile interval, which never includes 0 and is marked unreliable: compare"
            + " groups with signed differences to a reference group instead.</p>\n");
    w("<table class=\"summary\"><thead><tr><th>feature set</th><th>gap</th><th>value</th>");
    w("<th>interval</th>");
    w("<th>groups</th></tr></thead><tbody>\n");
    for (FairnessAudit.Gap g : gaps.subList(0, Math.min(15, gaps.size()))) {
      w("<tr><td>" + esc(g.features().name()) + "</td><td>" + esc(g.label()) + "</td><td>");
      w(num(g.value()) + "</td><td>" + gapInterval(g) + "</td><td>");
      w(esc(String.join(" vs ", g.groups().stream().map(GroupKey::toString).toList())));
      w("</td></tr>\n");
    }
    w("</tbody></table>\n");
  }

  private void section(FairnessAudit.Section s, int id) throws IOException {
    GroupReport r = s.report();
    w("<h2 id=\"fs-" + id + "\">Groups by " + esc(r.features().name()) + "</h2>\n");
    w("<p class=\"note\">n = " + r.n());
    if (r.droppedRows() > 0) {
      w(", " + r.droppedRows() + " rows dropped for missing values");
    }
    w(
        r.isBinary()
            ? ", positive label <b>" + esc(r.positiveLabel().orElseThrow()) + "</b>"
            : ", multiclass");
    w(".</p>\n");
    signed(s);
    charts(s);
    metricTable(s);
    if (s.intervals() != null) {
      for (String n : s.intervals().notes()) {
        w("<p class=\"note\">Note: " + esc(n) + ".</p>\n");
      }
    }
    if (!s.roc().isEmpty() || s.calibration() != null) {
      w("<div class=\"charts\">\n");
      if (!s.roc().isEmpty()) {
        roc(s);
      }
      if (s.calibration() != null) {
        reliability(s.calibration(), r);
      }
      w("</div>\n");
    } else if (!r.isBinary()) {
      w(
          "<p class=\"note\">ROC curves and reliability diagrams are drawn for binary reports (give a positive label).</p>\n");
    }
    confusion(r);
    undefined(r);
  }

  /** The signed differences to the reference groups, before the largest gaps. */
  private void leading() throws IOException {
    List<SignedDifferences.Lead> rows = SignedDifferences.leading(audit);
    if (rows.isEmpty()) {
      return;
    }
    w("<h2 id=\"signed\">Signed differences to the reference group</h2>\n");
    w(
        "<p class=\"note\">Each group minus the reference group, largest first; an interval that"
            + " includes 0 (named below the table) means the difference may be noise.</p>\n");
    w("<table class=\"summary\"><thead><tr><th>feature set</th><th>group − reference</th>");
    w("<th>metric</th><th>difference</th><th>interval</th></tr></thead><tbody>\n");
    List<String> zero = new ArrayList<>();
    for (SignedDifferences.Lead l : rows.subList(0, Math.min(15, rows.size()))) {
      GroupReport r = l.section().report();
      SignedDifferences.Row row = l.row();
      w("<tr><td>" + esc(r.features().name()) + "</td><td>");
      w(esc(row.group() + " − " + r.reference().orElseThrow()) + "</td><td>");
      w(row.metric().key() + "</td><td>" + num(row.difference()) + "</td><td>");
      w(esc(SignedDifferences.text(l.section().intervals(), row.differenceStatistic())));
      w("</td></tr>\n");
      if (SignedDifferences.containsZero(l.section().intervals(), row.differenceStatistic())) {
        zero.add(r.features().name() + " " + row.group() + " " + row.metric().key());
      }
    }
    w("</tbody></table>\n");
    if (!zero.isEmpty()) {
      w(
          "<p class=\"note\">These intervals include 0, so the difference may be noise: "
              + esc(String.join(", ", zero))
              + ".</p>\n");
    }
  }

  private String gapInterval(FairnessAudit.Gap g) {
    if (g.interval() == null) {
      return "";
    }
    for (FairnessAudit.Section s : audit.sections()) {
      if (s.report().features().equals(g.features()) && s.intervals() != null) {
        return esc(SignedDifferences.text(s.intervals(), g.statistic()));
      }
    }
    return interval(g.interval());
  }

  /** Signed differences to the reference group, first in a section, with their intervals. */
  private void signed(FairnessAudit.Section s) throws IOException {
    List<SignedDifferences.Row> rows = SignedDifferences.rows(s.report());
    if (rows.isEmpty()) {
      return;
    }
    w(
        "<h3>Signed differences to the reference group "
            + esc(s.report().reference().orElseThrow().toString())
            + "</h3>\n<table class=\"summary\"><thead><tr><th>group</th><th>metric</th>"
            + "<th>group − reference</th><th>interval</th><th>group / reference</th>"
            + "<th>interval</th></tr></thead><tbody>\n");
    List<String> zero = new ArrayList<>();
    for (SignedDifferences.Row row : rows) {
      w("<tr><td>" + esc(row.group().toString()) + "</td><td>" + row.metric().key() + "</td>");
      w("<td>" + num(row.difference()) + "</td><td>");
      w(esc(SignedDifferences.text(s.intervals(), row.differenceStatistic())) + "</td>");
      w("<td>" + num(row.ratio()) + "</td><td>");
      w(esc(SignedDifferences.text(s.intervals(), row.ratioStatistic())) + "</td></tr>\n");
      if (SignedDifferences.containsZero(s.intervals(), row.differenceStatistic())) {
        zero.add(row.group() + " " + row.metric().key());
      }
    }
    w("</tbody></table>\n");
    if (!zero.isEmpty()) {
      w(
          "<p class=\"note\">These intervals include 0, so the difference may be noise: "
              + esc(String.join(", ", zero))
              + ".</p>\n");
    }
  }

  private List<GroupKey> groups(GroupReport r) {
    return new ArrayList<>(r.byGroup().keySet());
  }

  private void charts(FairnessAudit.Section s) throws IOException {
    GroupReport r = s.report();
    w("<div class=\"charts\">\n");
    for (Metric m : r.isBinary() ? BINARY_CHARTS : MULTICLASS_CHARTS) {
      if (r.metrics().contains(m)) {
        bars(s, m);
      }
    }
    w("</div>\n");
  }

  /** Horizontal bars in [0, 1], one per group, with interval whiskers. */
  private void bars(FairnessAudit.Section s, Metric m) throws IOException {
    GroupReport r = s.report();
    List<GroupKey> gs = groups(r);
    int label = 110;
    int plot = 200;
    int rowH = 20;
    int top = 24;
    int h = top + rowH * (gs.size() + 1) + 18;
    int wd = label + plot + 60;
    w(
        "<svg class=\"chart bar\" role=\"img\" aria-label=\""
            + m.key()
            + " by group\" width=\""
            + wd);
    w(
        "\" height=\""
            + h
            + "\" viewBox=\"0 0 "
            + wd
            + " "
            + h
            + "\" xmlns=\"http://www.w3.org/2000/svg\">\n");
    w("<text x=\"4\" y=\"15\" font-size=\"13\" font-weight=\"bold\">" + m.key() + "</text>\n");
    List<GroupKey> rows = new ArrayList<>(gs);
    rows.add(null);
    for (int i = 0; i < rows.size(); i++) {
      GroupKey g = rows.get(i);
      MetricValues vals = g == null ? r.overall() : r.group(g);
      MetricValue v = vals.get(m);
      int y = top + i * rowH;
      String name = g == null ? "overall" : g.toString();
      w(
          "<text x=\""
              + (label - 4)
              + "\" y=\""
              + (y + 14)
              + "\" font-size=\"11\" text-anchor=\"end\">");
      w(esc(shorten(name)) + "</text>\n");
      if (!v.isDefined() || Double.isNaN(v.value())) {
        w("<text x=\"" + (label + 4) + "\" y=\"" + (y + 14) + "\" font-size=\"11\" fill=\"#b00\">");
        w("undefined" + (v.reason() == null ? "" : " (" + esc(reason(v)) + ")") + "</text>\n");
        continue;
      }
      double x = clamp(v.value());
      String fill = g == null ? "#999" : COLOURS[i % COLOURS.length];
      w("<rect x=\"" + label + "\" y=\"" + (y + 3) + "\" width=\"" + fmt(x * plot));
      w("\" height=\"" + (rowH - 6) + "\" fill=\"" + fill + "\"><title>" + esc(name) + ": ");
      w(num(v.value()) + "</title></rect>\n");
      Interval ci = s.interval(statisticKey(g, m));
      if (ci != null && !Double.isNaN(ci.lower())) {
        double lo = label + clamp(ci.lower()) * plot;
        double hi = label + clamp(ci.upper()) * plot;
        double cy = y + rowH / 2.0;
        w("<path class=\"whisker\" d=\"M" + fmt(lo) + " " + fmt(cy) + "H" + fmt(hi));
        w(
            "M"
                + fmt(lo)
                + " "
                + fmt(cy - 5)
                + "V"
                + fmt(cy + 5)
                + "M"
                + fmt(hi)
                + " "
                + fmt(cy - 5));
        w("V" + fmt(cy + 5) + "\" stroke=\"#222\" stroke-width=\"1.3\" fill=\"none\"/>\n");
      }
      w("<text x=\"" + (label + plot + 4) + "\" y=\"" + (y + 14) + "\" font-size=\"11\">");
      w(num(v.value()) + "</text>\n");
    }
    int axisY = top + rowH * rows.size() + 2;
    w("<path d=\"M" + label + " " + axisY + "H" + (label + plot) + "\" stroke=\"#999\"/>\n");
    for (int t = 0; t <= 4; t++) {
      double x = label + plot * t / 4.0;
      w(
          "<text x=\""
              + fmt(x)
              + "\" y=\""
              + (axisY + 13)
              + "\" font-size=\"10\" text-anchor=\"middle\">");
      w(fmt(t / 4.0) + "</text>\n");
    }
    w("</svg>\n");
  }

  /** The identity of a group's value of a metric, or of the overall value when g is null. */
  private static ReportStatisticId statisticKey(GroupKey g, Metric m) {
    return g == null ? ReportStatisticId.overall(m) : ReportStatisticId.byGroup(g, m);
  }

  private void metricTable(FairnessAudit.Section s) throws IOException {
    GroupReport r = s.report();
    w("<div class=\"wide\"><table class=\"metrics\"><thead><tr><th>group</th>");
    for (Metric m : r.metrics()) {
      w("<th>" + m.key() + "</th>");
    }
    w("</tr></thead><tbody>\n");
    List<GroupKey> rows = new ArrayList<>(groups(r));
    rows.add(0, null);
    for (GroupKey g : rows) {
      MetricValues vals = g == null ? r.overall() : r.group(g);
      w("<tr><td>" + (g == null ? "<b>overall</b>" : esc(g.toString())) + "</td>");
      for (Metric m : r.metrics()) {
        MetricValue v = vals.get(m);
        if (!v.isDefined() || Double.isNaN(v.value())) {
          w("<td class=\"undef\" title=\"" + esc(reason(v)) + "\">undefined</td>");
          continue;
        }
        ReportStatisticId stat = statisticKey(g, m);
        Interval ci = s.interval(stat);
        w("<td>" + (m == Metric.COUNT ? Long.toString((long) v.value()) : num(v.value())));
        if (ci != null && m != Metric.COUNT) {
          w("<br>" + interval(ci, s.intervals(), stat));
        }
        w("</td>");
      }
      w("</tr>\n");
    }
    w("</tbody></table></div>\n");
  }

  private void roc(FairnessAudit.Section s) throws IOException {
    int size = 260;
    int pad = 30;
    int total = size + pad + 150;
    w("<svg class=\"chart roc\" role=\"img\" aria-label=\"ROC curves by group\" width=\"" + total);
    w("\" height=\"" + (size + pad + 20) + "\" viewBox=\"0 0 " + total + " " + (size + pad + 20));
    w("\" xmlns=\"http://www.w3.org/2000/svg\">\n");
    w(
        "<text x=\""
            + pad
            + "\" y=\"14\" font-size=\"13\" font-weight=\"bold\">ROC by group</text>\n");
    frame(pad, 20, size, "false positive rate", "true positive rate");
    Map<String, RocCurve> curves = new LinkedHashMap<>();
    s.roc().forEach((k, v) -> curves.put(k.toString(), v));
    int i = 0;
    for (Map.Entry<String, RocCurve> e : curves.entrySet()) {
      RocCurve c = e.getValue();
      StringBuilder pts = new StringBuilder();
      for (int j = 0; j < c.fpr().length; j++) {
        pts.append(fmt(pad + c.fpr()[j] * size)).append(',');
        pts.append(fmt(20 + size - c.tpr()[j] * size)).append(' ');
      }
      String colour = COLOURS[i % COLOURS.length];
      w(
          "<polyline class=\"curve\" points=\""
              + pts.toString().strip()
              + "\" fill=\"none\" stroke=\"");
      w(colour + "\" stroke-width=\"1.8\"><title>" + esc(e.getKey()) + "</title></polyline>\n");
      legend(pad + size + 10, 30 + i * 16, colour, e.getKey() + " AUC " + num(c.auc()));
      i++;
    }
    w("</svg>\n");
  }

  private void reliability(GroupCalibration cal, GroupReport r) throws IOException {
    int size = 260;
    int pad = 30;
    int total = size + pad + 150;
    w("<svg class=\"chart reliability\" role=\"img\" aria-label=\"reliability by group\" width=\"");
    w(
        total
            + "\" height=\""
            + (size + pad + 20)
            + "\" viewBox=\"0 0 "
            + total
            + " "
            + (size + pad + 20));
    w("\" xmlns=\"http://www.w3.org/2000/svg\">\n");
    w(
        "<text x=\""
            + pad
            + "\" y=\"14\" font-size=\"13\" font-weight=\"bold\">Reliability by group</text>\n");
    frame(pad, 20, size, "mean predicted probability", "observed rate");
    int i = 0;
    for (Map.Entry<GroupKey, Calibration> e : cal.byGroup().entrySet()) {
      Calibration c = e.getValue();
      if (c.reliability().isEmpty()) {
        i++;
        continue;
      }
      String colour = COLOURS[i % COLOURS.length];
      StringBuilder pts = new StringBuilder();
      for (Calibration.Bin b : c.reliability()) {
        double x = pad + b.meanScore() * size;
        double y = 20 + size - b.observedRate() * size;
        pts.append(fmt(x)).append(',').append(fmt(y)).append(' ');
        w(
            "<circle cx=\""
                + fmt(x)
                + "\" cy=\""
                + fmt(y)
                + "\" r=\"2.5\" fill=\""
                + colour
                + "\"/>\n");
      }
      w(
          "<polyline class=\"curve\" points=\""
              + pts.toString().strip()
              + "\" fill=\"none\" stroke=\"");
      w(colour + "\" stroke-width=\"1.5\"/>\n");
      legend(pad + size + 10, 30 + i * 16, colour, e.getKey() + " ECE " + num(c.ece()));
      i++;
    }
    w("</svg>\n");
  }

  private void frame(int x0, int y0, int size, String xLabel, String yLabel) throws IOException {
    w("<rect x=\"" + x0 + "\" y=\"" + y0 + "\" width=\"" + size + "\" height=\"" + size);
    w("\" fill=\"none\" stroke=\"#999\"/>\n");
    w("<path d=\"M" + x0 + " " + (y0 + size) + "L" + (x0 + size) + " " + y0);
    w("\" stroke=\"#ccc\" stroke-dasharray=\"4 3\"/>\n");
    w("<text x=\"" + (x0 + size / 2) + "\" y=\"" + (y0 + size + 16) + "\" font-size=\"10\"");
    w(" text-anchor=\"middle\">" + xLabel + "</text>\n");
    w("<text x=\"10\" y=\"" + (y0 + size / 2) + "\" font-size=\"10\" text-anchor=\"middle\"");
    w(" transform=\"rotate(-90 10 " + (y0 + size / 2) + ")\">" + yLabel + "</text>\n");
  }

  private void legend(int x, int y, String colour, String text) throws IOException {
    w(
        "<rect x=\""
            + x
            + "\" y=\""
            + (y - 9)
            + "\" width=\"10\" height=\"10\" fill=\""
            + colour
            + "\"/>");
    w(
        "<text x=\""
            + (x + 14)
            + "\" y=\""
            + y
            + "\" font-size=\"10\">"
            + esc(shorten(text))
            + "</text>\n");
  }

  private void confusion(GroupReport r) throws IOException {
    List<String> classes = r.classes().asList();
    w("<details><summary>Confusion matrices (rows: true class, columns: predicted)</summary>\n");
    List<GroupKey> rows = new ArrayList<>(groups(r));
    rows.add(0, null);
    for (GroupKey g : rows) {
      double[][] m = g == null ? r.overallConfusionMatrix() : r.confusionMatrix(g);
      w("<div class=\"cm\"><table><caption>" + (g == null ? "overall" : esc(g.toString())));
      w("</caption><thead><tr><th></th>");
      for (String c : classes) {
        w("<th>" + esc(c) + "</th>");
      }
      w("</tr></thead><tbody>");
      for (int t = 0; t < m.length; t++) {
        w("<tr><th>" + esc(classes.get(t)) + "</th>");
        for (int p = 0; p < m[t].length; p++) {
          w("<td>" + count(m[t][p]) + "</td>");
        }
        w("</tr>");
      }
      w("</tbody></table></div>\n");
    }
    w("</details>\n");
  }

  private void undefined(GroupReport r) throws IOException {
    Map<String, List<String>> byReason = new LinkedHashMap<>();
    for (Map.Entry<GroupKey, MetricValues> e : r.byGroup().entrySet()) {
      for (Metric m : r.metrics()) {
        MetricValue v = e.getValue().get(m);
        if (!v.isDefined()) {
          byReason
              .computeIfAbsent(m.key() + ": " + reason(v), k -> new ArrayList<>())
              .add(e.getKey().toString());
        }
      }
    }
    if (byReason.isEmpty() && r.emptyGroups().isEmpty()) {
      w("<p class=\"note\">Every group has data and every value is defined.</p>\n");
      return;
    }
    w("<h3>Empty groups and undefined values</h3>\n<ul class=\"undefined\">\n");
    if (!r.emptyGroups().isEmpty()) {
      w("<li>Empty groups (no rows; left out of every comparison): ");
      w(
          esc(String.join(", ", r.emptyGroups().stream().map(GroupKey::toString).toList()))
              + "</li>\n");
    }
    for (Map.Entry<String, List<String>> e : byReason.entrySet()) {
      w("<li>" + esc(e.getKey()) + " — " + esc(String.join(", ", e.getValue())) + "</li>\n");
    }
    w("</ul>\n");
  }

  private static String reason(MetricValue v) {
    return v.reason() == null
        ? "undefined"
        : v.reason().name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  private static String interval(Interval ci) {
    if (ci == null) {
      return "";
    }
    return "<span class=\"ci\">[" + num(ci.lower()) + ", " + num(ci.upper()) + "]</span>";
  }

  /** An interval with its method, undefined share and any warning in the tooltip. */
  private static String interval(
      Interval ci, org.fairness4j.core.bootstrap.BootstrapResult boot, ReportStatisticId stat) {
    String text = SignedDifferences.text(boot, stat);
    boolean warned = boot != null && boot.warning(stat).isPresent();
    return "<span class=\"ci\" title=\""
        + esc(text)
        + "\">["
        + num(ci.lower())
        + ", "
        + num(ci.upper())
        + "]"
        + "</span>"
        + (warned ? " <small class=\"warn\">⚠ unreliable</small>" : "")
        + (!warned && boot != null && boot.note(stat).isPresent()
            ? " <small class=\"note\" title=\""
                + esc(boot.note(stat).orElseThrow())
                + "\">ⓘ note</small>"
            : "")
        + (boot != null && boot.undefinedShare(stat) > 0 && ci.method().startsWith("bootstrap")
            ? " <small>"
                + esc(SignedDifferences.percent(boot.undefinedShare(stat)))
                + " undefined</small>"
            : "");
  }

  private static String shorten(String s) {
    return s.length() <= 24 ? s : s.substring(0, 23) + "…";
  }

  private static double clamp(double v) {
    return Math.max(0, Math.min(1, v));
  }

  private static String num(double v) {
    return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.4f", v);
  }

  private static String count(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3f", v);
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  private void w(String s) throws IOException {
    out.write(s);
  }
}
