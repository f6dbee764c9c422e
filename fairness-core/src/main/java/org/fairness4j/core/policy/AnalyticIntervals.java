package org.fairness4j.core.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fairness4j.core.DisparityMethod;
import org.fairness4j.core.EqualizedOddsAggregation;
import org.fairness4j.core.FairnessMetrics;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.bootstrap.ScoreIntervals;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.metrics.Metric;
import org.fairness4j.core.metrics.MetricValues;
import org.fairness4j.core.stats.Interval;
import org.fairness4j.core.stats.ProportionIntervals;

/**
 * Analytic bounds of a policy statistic from the groups' counts. A between-groups difference is the
 * largest |p_i − p_j| over pairs: with an interval of each pair's |p_i − p_j| at level 1 − α/m (m
 * pairs, Bonferroni), all pairs are covered together with probability at least 1 − α, and then the
 * largest |difference| lies between the largest lower and the largest upper bound. Ratios work the
 * same with min/max ratios. The pair intervals are the bootstrap's two-group score intervals
 * ({@link ScoreIntervals}: Miettinen–Nurminen intervals of the difference and the ratio inverted
 * for the absolute value, not folded). Equalized odds (worst case) takes TPR and FPR pairs together
 * (2m intervals). A shortfall below overall treats the overall value as known and bounds each
 * group's rate with the modified Wilson interval (the per-group intervals' method) at two-sided
 * level 1 − 2α/k (k groups). Each bound therefore holds with confidence about c = 1 − α or more (a
 * conservative choice; the bootstrap is sharper): the pair intervals are not exact, and at the
 * Bonferroni levels of 2–5 groups their exact non-coverage stays within 1.16 × α/m on the grids of
 * docs/coverage-study.md ("Session 10 (integrator)"), so the pairs hold together with probability
 * at least 1 − 1.16 α.
 */
final class AnalyticIntervals {
  /** Metrics that are x/n of the confusion counts, as (numerator, denominator) cell sets. */
  private static final List<Metric> RATES =
      List.of(
          Metric.SELECTION_RATE,
          Metric.BASE_RATE,
          Metric.ACCURACY,
          Metric.ERROR_RATE,
          Metric.PRECISION,
          Metric.NPV,
          Metric.RECALL,
          Metric.TNR,
          Metric.FPR,
          Metric.FNR,
          Metric.FDR,
          Metric.FALSE_OMISSION_RATE);

  /** An interval, or why there is none. */
  record Outcome(Interval interval, String reason) {}

  private AnalyticIntervals() {}

  /** Why a statistic has no analytic interval, or null when it has one. */
  static String unsupported(PolicyStatistic s) {
    String hint = "; use interval: bootstrap";
    if (s.kind() != PolicyStatistic.Kind.BELOW_OVERALL
        && s.method() != DisparityMethod.BETWEEN_GROUPS) {
      return "analytic intervals compare groups with each other (between_groups), not with the"
          + " overall value they are part of"
          + hint;
    }
    if (s.kind() == PolicyStatistic.Kind.FAIRNESS) {
      if (s.aggregation() == EqualizedOddsAggregation.MEAN) {
        return "no analytic interval for the mean aggregation of equalized odds" + hint;
      }
      return null;
    }
    if (!RATES.contains(s.metric())) {
      return "no analytic interval for "
          + s.metric().key()
          + " (only for rates x/n: "
          + RATES.stream().map(Metric::key).toList()
          + ")"
          + hint;
    }
    return null;
  }

  static Outcome of(PolicyStatistic s, GroupReport r, boolean weighted, double confidence) {
    if (weighted) {
      return new Outcome(null, "analytic intervals need counts; the table is weighted");
    }
    if (!r.isBinary() && !classFree(s)) {
      return new Outcome(
          null,
          "analytic intervals of this statistic need a binary report (a positive label); a"
              + " multiclass report has them for accuracy and error_rate");
    }
    double alpha = 1 - confidence;
    return switch (s.kind()) {
      case DIFFERENCE -> pairs(r, List.of(s.metric()), false, alpha, confidence);
      case RATIO -> pairs(r, List.of(s.metric()), true, alpha, confidence);
      case FAIRNESS -> {
        boolean ratio = s.fairnessName().endsWith("_ratio");
        List<Metric> metrics =
            switch (s.fairnessName()) {
              case FairnessMetrics.DEMOGRAPHIC_PARITY_DIFFERENCE,
                  FairnessMetrics.DEMOGRAPHIC_PARITY_RATIO ->
                  List.of(Metric.SELECTION_RATE);
              case FairnessMetrics.EQUAL_OPPORTUNITY_DIFFERENCE,
                  FairnessMetrics.EQUAL_OPPORTUNITY_RATIO ->
                  List.of(Metric.RECALL);
              default -> List.of(Metric.RECALL, Metric.FPR);
            };
        yield pairs(r, metrics, ratio, alpha, confidence);
      }
      case BELOW_OVERALL -> belowOverall(r, s.metric(), alpha, confidence);
    };
  }

  /** Whether the statistic is a rate that needs no positive label (accuracy, error rate). */
  private static boolean classFree(PolicyStatistic s) {
    return s.metric() == Metric.ACCURACY || s.metric() == Metric.ERROR_RATE;
  }

  /** Per-group (x, n) of a rate, or null when the rate is undefined in the group (n = 0). */
  private static long[] counts(GroupReport r, Metric m, double[][] c, MetricValues values) {
    int p = r.isBinary() ? r.classes().require(r.positiveLabel().orElseThrow()) : 0;
    double total = 0;
    double trace = 0;
    double rowP = 0;
    double colP = 0;
    for (int i = 0; i < c.length; i++) {
      for (int j = 0; j < c.length; j++) {
        total += c[i][j];
        if (i == j) {
          trace += c[i][j];
        }
        if (i == p) {
          rowP += c[i][j];
        }
        if (j == p) {
          colP += c[i][j];
        }
      }
    }
    double[] xn;
    if (!r.isBinary() && (m == Metric.ACCURACY || m == Metric.ERROR_RATE)) {
      xn = new double[] {m == Metric.ACCURACY ? trace : total - trace, total};
    } else {
      long tp = Math.round(c[p][p]);
      long fn = Math.round(rowP) - tp;
      long fp = Math.round(colP) - tp;
      long tn = Math.round(total) - tp - fn - fp;
      long[] k = ScoreIntervals.counts(m, tp, fn, fp, tn);
      xn = new double[] {k[0], k[1]};
    }
    if (xn[1] == 0) {
      return null;
    }
    double reported = values.value(m);
    if (Double.isNaN(reported) || Math.abs(xn[0] / xn[1] - reported) > 1e-9) {
      // The report uses another definition (or an undefined-value policy replaced it).
      return new long[] {-1, -1};
    }
    return new long[] {Math.round(xn[0]), Math.round(xn[1])};
  }

  private static Outcome pairs(
      GroupReport r, List<Metric> metrics, boolean ratio, double alpha, double confidence) {
    List<long[][]> perMetric = new ArrayList<>();
    int pairCount = 0;
    for (Metric m : metrics) {
      List<long[]> defined = new ArrayList<>();
      String refused = definedCounts(r, m, ratio, defined);
      if (refused != null) {
        return new Outcome(null, refused);
      }
      if (defined.size() < 2) {
        return new Outcome(null, "fewer than two groups have a defined " + m.key());
      }
      perMetric.add(defined.toArray(new long[0][]));
      pairCount += defined.size() * (defined.size() - 1) / 2;
    }
    double level = 1 - alpha / pairCount;
    double lower = ratio ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    double upper = lower;
    double estimate = lower;
    for (long[][] g : perMetric) {
      for (int i = 0; i < g.length; i++) {
        for (int j = i + 1; j < g.length; j++) {
          Interval k =
              ratio
                  ? ScoreIntervals.minMaxRatio(g[i][0], g[i][1], g[j][0], g[j][1], level)
                      .orElseThrow()
                  : ScoreIntervals.absoluteDifference(g[i][0], g[i][1], g[j][0], g[j][1], level);
          if (ratio) {
            lower = Math.min(lower, k.lower());
            upper = Math.min(upper, k.upper());
            estimate = Math.min(estimate, k.estimate());
          } else {
            lower = Math.max(lower, k.lower());
            upper = Math.max(upper, k.upper());
            estimate = Math.max(estimate, k.estimate());
          }
        }
      }
    }
    String method = "miettinen-nurminen-folded" + ", bonferroni over " + pairCount + " pairs";
    return new Outcome(new Interval(estimate, lower, upper, confidence, method), null);
  }

  private static Outcome belowOverall(GroupReport r, Metric m, double alpha, double confidence) {
    double overall = r.overall().value(m);
    if (Double.isNaN(overall)) {
      return new Outcome(null, "the overall " + m.key() + " is undefined");
    }
    List<long[]> defined = new ArrayList<>();
    String refused = definedCounts(r, m, false, defined);
    if (refused != null) {
      return new Outcome(null, refused);
    }
    if (defined.isEmpty()) {
      return new Outcome(null, "no group has a defined " + m.key());
    }
    double level = 1 - 2 * alpha / defined.size();
    double lower = Double.NEGATIVE_INFINITY;
    double upper = Double.NEGATIVE_INFINITY;
    double estimate = Double.NEGATIVE_INFINITY;
    for (long[] g : defined) {
      Interval w = ProportionIntervals.modifiedWilson(g[0], g[1], level);
      lower = Math.max(lower, overall - w.upper());
      upper = Math.max(upper, overall - w.lower());
      estimate = Math.max(estimate, overall - w.estimate());
    }
    String method = "wilson-modified, bonferroni over " + defined.size() + " groups, overall fixed";
    return new Outcome(new Interval(estimate, lower, upper, confidence, method), null);
  }

  /**
   * Adds each group's (x, n) for {@code m} to {@code defined}, skipping groups where it is
   * undefined; returns why no analytic interval applies (a metric that is not x/n of the confusion
   * counts, or a zero rate under a ratio), or null.
   */
  private static String definedCounts(
      GroupReport r, Metric m, boolean ratio, List<long[]> defined) {
    for (Map.Entry<GroupKey, MetricValues> e : r.byGroup().entrySet()) {
      long[] xn = counts(r, m, r.confusionMatrix(e.getKey()), e.getValue());
      if (xn != null && xn[0] < 0) {
        return m.key() + " is not x/n of the confusion counts here";
      }
      if (xn != null) {
        if (ratio && xn[0] == 0) {
          return "group "
              + e.getKey()
              + " has "
              + m.key()
              + " 0; the ratio interval needs every rate above 0; use interval: bootstrap";
        }
        defined.add(xn);
      }
    }
    return null;
  }
}
