package org.fairness4j.core.io;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fairness4j.core.Disparity;
import org.fairness4j.core.DisparityMethod;
import org.fairness4j.core.GroupReport;
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
      report(reports.get(i), out);
      if (intervals != null) {
        intervals(intervals.get(i), out);
      }
    }
  }

  private static void intervals(BootstrapResult boot, Writer out) throws IOException {
    out.write(
        "Bootstrap intervals ("
            + boot.resamples()
            + " resamples, seed "
            + boot.seed()
            + ") of the gaps:\n\n| statistic | estimate | lower | upper |\n|---|---:|---:|---:|\n");
    for (Map.Entry<String, Interval> e : boot.intervals().entrySet()) {
      if (e.getKey().startsWith("fairness/")
          || e.getKey().startsWith("difference/between_groups/")) {
        Interval i = e.getValue();
        out.write(
            "| "
                + e.getKey()
                + " | "
                + num(i.estimate())
                + " | "
                + num(i.lower())
                + " | "
                + num(i.upper())
                + " |\n");
      }
    }
    out.write("\n");
  }

  private static void report(GroupReport r, Writer out) throws IOException {
    out.write("## " + r.features().name() + "\n\n");
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
    if (r.fairness() != null) {
      out.write("| fairness metric | value | groups |\n|---|---:|---|\n");
      for (Map.Entry<String, Disparity> e : r.fairness().asMap().entrySet()) {
        Disparity d = e.getValue();
        out.write(
            "| "
                + e.getKey()
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
