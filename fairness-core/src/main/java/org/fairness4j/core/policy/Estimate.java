package org.fairness4j.core.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fairness4j.core.Disparity;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.ReportStatisticId;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.metrics.MetricValues;

/**
 * The point value of a policy statistic in a report.
 *
 * @param value the value, NaN when undefined
 * @param reason why undefined, or null
 * @param groups the groups that produced it
 * @param skipped groups left out because their value is undefined
 */
record Estimate(double value, String reason, List<GroupKey> groups, List<GroupKey> skipped) {
  Estimate {
    groups = List.copyOf(groups);
    skipped = List.copyOf(skipped);
  }

  static Estimate of(PolicyStatistic s, GroupReport r) {
    if (s.metric() != null && !r.metrics().contains(s.metric())) {
      throw new IllegalArgumentException(
          "metric '"
              + s.metric().key()
              + "' is not in this "
              + (r.isBinary() ? "binary" : "multiclass")
              + " report (metrics: "
              + r.metrics().stream().map(m -> m.key()).toList()
              + ")");
    }
    return switch (s.kind()) {
      case DIFFERENCE -> of(r.difference(s.metric(), s.method()));
      case RATIO -> of(r.ratio(s.metric(), s.method()));
      case FAIRNESS -> {
        if (r.fairness().isEmpty()) {
          throw new IllegalArgumentException("this report has no fairness metrics");
        }
        String key = ReportStatisticId.parse(s.key()).localKey();
        Disparity d = r.fairness().asMap().get(key);
        if (d == null) {
          throw new IllegalArgumentException("no fairness metric " + key + " in this report");
        }
        yield of(d);
      }
      case BELOW_OVERALL -> belowOverall(s, r);
    };
  }

  private static Estimate of(Disparity d) {
    return new Estimate(
        d.value(),
        d.isDefined() ? null : d.reason().name().toLowerCase(java.util.Locale.ROOT),
        d.groups(),
        d.skipped());
  }

  private static Estimate belowOverall(PolicyStatistic s, GroupReport r) {
    double overall = r.overall().value(s.metric());
    List<GroupKey> skipped = new ArrayList<>();
    double worst = Double.NEGATIVE_INFINITY;
    GroupKey worstGroup = null;
    for (Map.Entry<GroupKey, MetricValues> e : r.byGroup().entrySet()) {
      double g = e.getValue().value(s.metric());
      if (Double.isNaN(g)) {
        skipped.add(e.getKey());
      } else if (overall - g > worst) {
        worst = overall - g;
        worstGroup = e.getKey();
      }
    }
    if (Double.isNaN(overall)) {
      return new Estimate(
          Double.NaN, "the overall " + s.metric().key() + " is undefined", List.of(), skipped);
    }
    if (worstGroup == null) {
      return new Estimate(
          Double.NaN, "no group has a defined " + s.metric().key(), List.of(), skipped);
    }
    return new Estimate(worst, null, List.of(worstGroup), skipped);
  }

  boolean isDefined() {
    return reason == null;
  }
}
