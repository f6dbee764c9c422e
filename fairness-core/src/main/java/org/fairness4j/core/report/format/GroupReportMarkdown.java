package org.fairness4j.core.report.format;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fairness4j.core.Disparity;
import org.fairness4j.core.DisparityMethod;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.ReportStatisticId;
import org.fairness4j.core.bootstrap.BootstrapResult;
import org.fairness4j.core.group.AttributeSummary;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.metrics.Metric;
import org.fairness4j.core.metrics.MetricValue;
import org.fairness4j.core.metrics.MetricValues;
import org.fairness4j.core.stats.Interval;

/** Writes reports as Markdown tables: groups × metrics, disparities, fairness metrics. */
final class GroupReportMarkdown {
  private GroupReportMarkdown() {}

  static void write(List<GroupReport> reports, List<BootstrapResult> intervals, Writer out)
      throws IOException {
    for (int i = 0; i < reports.size(); i++) {
      out.write("## " + reports.get(i).features().name() + "\n\n");
      signed(reports.get(i), intervals == null ? null : intervals.get(i), out);
      report(reports.get(i), out);
      if (intervals != null) {
        intervals(intervals.get(i), out);
      }
    }
  }

  private static void intervals(BootstrapResult boot, Writer out) throws IOException {
    out.write(
        "Intervals ("
            + boot.resamples()
            + " bootstrap resamples, seed "
            + boot.seed()
            + "; the method is named with each) of the gaps. With two groups a gap's interval"
            + " comes from the signed difference's by inverting a test of the absolute gap"
            + " (docs/statistics.md) and may include 0; a percentile interval of"
            + " a max − min gap over more groups never does and is marked unreliable (compare"
            + " signed differences to a reference group instead).\n\n");
    for (String n : boot.notes()) {
      out.write("Note: " + n + "\n\n");
    }
    out.write("| statistic | estimate | interval |\n|---|---:|---|\n");
    for (ReportStatisticId id : boot.undefinedShare().keySet()) {
      if (id.kind() == ReportStatisticId.Kind.FAIRNESS
          || (id.kind() == ReportStatisticId.Kind.DIFFERENCE
              && id.method() == DisparityMethod.BETWEEN_GROUPS)) {
        Interval i = boot.intervals().get(id);
        out.write(
            "| "
                + id.key()
                + " | "
                + (i == null ? "" : num(i.estimate()))
                + " | "
                + SignedDifferences.text(boot, id)
                + " |\n");
      }
    }
    out.write("\n");
  }

  /** The signed differences to the reference group, first in each section. */
  private static void signed(GroupReport r, BootstrapResult boot, Writer out) throws IOException {
    List<SignedDifferences.Row> rows = SignedDifferences.rows(r);
    if (rows.isEmpty()) {
      return;
    }
    out.write(
        "Signed differences to the reference group `"
            + r.reference().orElseThrow()
            + "` (group − reference, group / reference):\n\n"
            + "| group | metric | difference | interval | ratio | interval |\n"
            + "|---|---|---:|---|---:|---|\n");
    List<String> zero = new java.util.ArrayList<>();
    for (SignedDifferences.Row row : rows) {
      out.write(
          "| `"
              + row.group()
              + "` | "
              + row.metric().key()
              + " | "
              + num(row.difference())
              + " | "
              + SignedDifferences.text(boot, row.differenceStatistic())
              + " | "
              + num(row.ratio())
              + " | "
              + SignedDifferences.text(boot, row.ratioStatistic())
              + " |\n");
      if (SignedDifferences.containsZero(boot, row.differenceStatistic())) {
        zero.add(row.group() + " " + row.metric().key());
      }
    }
    out.write("\n");
    if (!zero.isEmpty()) {
      out.write(
          "These intervals include 0, so the difference may be noise: "
              + String.join(", ", zero)
              + ".\n\n");
    }
  }

  private static void report(GroupReport r, Writer out) throws IOException {
    out.write(
        "n = "
            + r.n()
            + (r.isBinary()
                ? ", positive label `" + r.positiveLabel().orElseThrow() + "`"
                : ", multiclass " + r.classes())
            + ", undefined values: "
            + r.undefinedPolicy().name().toLowerCase(Locale.ROOT)
            + (r.droppedRows() > 0 ? ", dropped rows: " + r.droppedRows() : "")
            + "\n\n");
    for (AttributeSummary a : r.attributes()) {
      if (a.affectedRows() > 0) {
        out.write(
            "- `"
                + a.name()
                + "`: "
                + a.affectedRows()
                + " rows with a missing, unparseable or out-of-range value ("
                + a.missingPolicy().name().toLowerCase(Locale.ROOT)
                + ")\n");
      }
    }
    List<Metric> metrics = r.metrics();
    out.write("| group |");
    for (Metric m : metrics) {
      out.write(" " + m.key() + " |");
    }
    out.write("\n|---|");
    out.write("---:|".repeat(metrics.size()));
    out.write("\n");
    row(out, "**overall**", r.overall(), metrics);
    for (Map.Entry<GroupKey, MetricValues> e : r.byGroup().entrySet()) {
      row(out, "`" + e.getKey() + "`", e.getValue(), metrics);
    }
    out.write("\n");
    if (!r.emptyGroups().isEmpty()) {
      out.write("Empty groups (left out): " + r.emptyGroups() + "\n\n");
    }
    out.write("| metric | min (group) | max (group) | difference | ratio | left out |\n");
    out.write("|---|---|---|---:|---:|---|\n");
    for (Metric m : metrics) {
      Disparity d = r.difference(m, DisparityMethod.BETWEEN_GROUPS);
      Disparity q = r.ratio(m, DisparityMethod.BETWEEN_GROUPS);
      out.write(
          "| "
              + m.key()
              + " | "
              + num(r.groupMin(m).value())
              + " (`"
              + r.groupMin(m).group()
              + "`) | "
              + num(r.groupMax(m).value())
              + " (`"
              + r.groupMax(m).group()
              + "`) | "
              + num(d.value())
              + " | "
              + num(q.value())
              + " | "
              + (d.skipped().isEmpty() ? "" : d.skipped().toString())
              + " |\n");
    }
    out.write("\n");
    if (!r.fairness().isEmpty()) {
      out.write("| fairness metric | value | groups |\n|---|---:|---|\n");
      for (Map.Entry<ReportStatisticId, Disparity> e : r.fairness().byId().entrySet()) {
        Disparity d = e.getValue();
        out.write(
            "| "
                + e.getKey().localKey()
                + " | "
                + num(d.value())
                + (d.isDefined() ? "" : " (" + d.reason() + ")")
                + " | "
                + d.groups()
                + " |\n");
      }
      out.write("\n");
    }
  }

  private static void row(Writer out, String name, MetricValues v, List<Metric> metrics)
      throws IOException {
    out.write("| " + name + " |");
    for (Metric m : metrics) {
      MetricValue mv = v.get(m);
      out.write(" " + num(mv.value()) + (mv.isDefined() ? "" : "*") + " |");
    }
    out.write("\n");
  }

  private static String num(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
