package org.fairness4j.core.report.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.ReportStatisticId;
import org.fairness4j.core.bootstrap.BootstrapResult;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.metrics.Metric;
import org.fairness4j.core.metrics.MetricValues;
import org.fairness4j.core.stats.Interval;

/**
 * The rows every writer shows first when a report has a reference group: per group and metric the
 * signed difference g − reference and the ratio g / reference, with their intervals. Also the
 * shared text of an interval with its method, undefined share and warning.
 */
final class SignedDifferences {
  private SignedDifferences() {}

  /**
   * One group's signed comparison with the reference.
   *
   * @param group the group
   * @param metric the metric
   * @param difference g − reference (NaN when either is undefined)
   * @param ratio g / reference (NaN when undefined or the reference is 0)
   * @param differenceStatistic its statistic name in bootstrap results
   * @param ratioStatistic its statistic name in bootstrap results
   */
  record Row(
      GroupKey group,
      Metric metric,
      double difference,
      double ratio,
      ReportStatisticId differenceStatistic,
      ReportStatisticId ratioStatistic) {}

  /** The rows of a report with a reference group (empty without one); counts are left out. */
  static List<Row> rows(GroupReport r) {
    List<Row> out = new ArrayList<>();
    if (r.reference().isEmpty()) {
      return out;
    }
    GroupKey ref = r.reference().orElseThrow();
    MetricValues rv = r.byGroup().get(ref);
    for (Metric m : r.metrics()) {
      if (m == Metric.COUNT) {
        continue;
      }
      double base = rv == null ? Double.NaN : rv.value(m);
      for (GroupKey g : r.byGroup().keySet()) {
        if (g.equals(ref)) {
          continue;
        }
        double v = r.byGroup().get(g).value(m);
        out.add(
            new Row(
                g,
                m,
                v - base,
                base == 0 ? Double.NaN : v / base,
                ReportStatisticId.differenceToReference(g, m),
                ReportStatisticId.ratioToReference(g, m)));
      }
    }
    return out;
  }

  /** A row of the audit's leading table: a section's signed difference. */
  record Lead(org.fairness4j.core.report.FairnessAudit.Section section, Row row) {}

  /** The metrics the audit's leading table shows (those the fairness metrics compare). */
  private static final List<Metric> LEADING =
      List.of(Metric.SELECTION_RATE, Metric.RECALL, Metric.FPR, Metric.ACCURACY);

  /**
   * The signed differences an audit leads with: selection rate, TPR, FPR and accuracy of every
   * section with a reference group, largest |difference| first.
   */
  static List<Lead> leading(org.fairness4j.core.report.FairnessAudit audit) {
    List<Lead> out = new ArrayList<>();
    for (org.fairness4j.core.report.FairnessAudit.Section s : audit.sections()) {
      for (Row r : rows(s.report())) {
        if (LEADING.contains(r.metric()) && !Double.isNaN(r.difference())) {
          out.add(new Lead(s, r));
        }
      }
    }
    out.sort(
        java.util.Comparator.comparingDouble((Lead l) -> Math.abs(l.row().difference()))
            .reversed());
    return out;
  }

  /**
   * An interval as plain text: {@code [0.1200, 0.3400] wilson}, with the undefined share when some
   * replicates were left out, {@code UNRELIABLE: reason} when it has a warning and {@code note:
   * text} when it has a note (conservative); empty without an interval.
   */
  static String text(BootstrapResult boot, ReportStatisticId statistic) {
    if (boot == null) {
      return "";
    }
    Interval i = boot.intervals().get(statistic);
    double share = boot.undefinedShare(statistic);
    if (i == null) {
      return share > 0 ? "none (undefined in " + percent(share) + " of resamples)" : "";
    }
    StringBuilder sb =
        new StringBuilder("[" + num(i.lower()) + ", " + num(i.upper()) + "] " + i.method());
    if (share > 0 && i.method().startsWith("bootstrap")) {
      sb.append(", ").append(percent(share)).append(" of resamples undefined, left out");
    }
    boot.warning(statistic).ifPresent(w -> sb.append("; UNRELIABLE: ").append(w));
    boot.note(statistic).ifPresent(n -> sb.append("; note: ").append(n));
    return sb.toString();
  }

  /** Whether an interval exists, has no warning and contains 0 (the sentence about 0 applies). */
  static boolean containsZero(BootstrapResult boot, ReportStatisticId statistic) {
    Interval i = boot == null ? null : boot.intervals().get(statistic);
    return i != null && boot.warning(statistic).isEmpty() && i.contains(0);
  }

  static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f %%", 100 * share);
  }

  static String num(double v) {
    return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.4f", v);
  }
}
