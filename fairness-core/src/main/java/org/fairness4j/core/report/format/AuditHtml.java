package org.fairness4j.core.report.format;

import static org.fairness4j.core.report.format.HtmlText.count;
import static org.fairness4j.core.report.format.HtmlText.esc;
import static org.fairness4j.core.report.format.HtmlText.interval;
import static org.fairness4j.core.report.format.HtmlText.num;
import static org.fairness4j.core.report.format.HtmlText.reason;

import java.io.IOException;
import java.io.Writer;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.ReportStatisticId;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.metrics.Metric;
import org.fairness4j.core.metrics.MetricValue;
import org.fairness4j.core.metrics.MetricValues;
import org.fairness4j.core.report.FairnessAudit;
import org.fairness4j.core.report.ReportProvenance;
import org.fairness4j.core.stats.Interval;

/**
 * Writes a {@link FairnessAudit} as one self-contained HTML page: inline CSS, hand-written inline
 * SVG charts ({@link AuditHtmlCharts}), no scripts and no network access.
 */
final class AuditHtml {
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
  private final AuditHtmlCharts charts;

  private AuditHtml(FairnessAudit audit, Writer out) {
    this.audit = audit;
    this.out = out;
    this.charts = new AuditHtmlCharts(out);
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
    charts.charts(s);
    metricTable(s);
    if (s.intervals() != null) {
      for (String n : s.intervals().notes()) {
        w("<p class=\"note\">Note: " + esc(n) + ".</p>\n");
      }
    }
    if (!s.roc().isEmpty() || s.calibration() != null) {
      w("<div class=\"charts\">\n");
      if (!s.roc().isEmpty()) {
        charts.roc(s);
      }
      if (s.calibration() != null) {
        charts.reliability(s.calibration(), r);
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
    endTableNotingZero(zero);
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
    endTableNotingZero(zero);
  }

  private void metricTable(FairnessAudit.Section s) throws IOException {
    GroupReport r = s.report();
    w("<div class=\"wide\"><table class=\"metrics\"><thead><tr><th>group</th>");
    for (Metric m : r.metrics()) {
      w("<th>" + m.key() + "</th>");
    }
    w("</tr></thead><tbody>\n");
    List<GroupKey> rows = new ArrayList<>(r.byGroup().keySet());
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
        ReportStatisticId stat = AuditHtmlCharts.statisticKey(g, m);
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

  private void confusion(GroupReport r) throws IOException {
    List<String> classes = r.classes().asList();
    w("<details><summary>Confusion matrices (rows: true class, columns: predicted)</summary>\n");
    List<GroupKey> rows = new ArrayList<>(r.byGroup().keySet());
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

  /** Closes a table of signed differences and names those whose interval includes 0. */
  private void endTableNotingZero(List<String> zero) throws IOException {
    w("</tbody></table>\n");
    if (!zero.isEmpty()) {
      w(
          "<p class=\"note\">These intervals include 0, so the difference may be noise: "
              + esc(String.join(", ", zero))
              + ".</p>\n");
    }
  }

  private void w(String s) throws IOException {
    out.write(s);
  }
}
