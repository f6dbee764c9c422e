package org.fairness4j.core.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.fairness4j.core.DisparityMethod;
import org.fairness4j.core.EqualizedOddsAggregation;
import org.fairness4j.core.FairnessMetrics;
import org.fairness4j.core.ReportStatisticId;
import org.fairness4j.core.metrics.Metric;

/**
 * The number a rule judges: a metric's difference or ratio ({@link Kind#DIFFERENCE}, {@link
 * Kind#RATIO}), a named fairness metric ({@link Kind#FAIRNESS}, e.g. {@code
 * equalized_odds_difference}), or the largest shortfall of a group below the overall value ({@link
 * Kind#BELOW_OVERALL}: max over groups of overall − group). {@link #key()} is the statistic's name
 * in bootstrap results and report JSON ({@code difference/between_groups/recall}, {@code
 * fairness/equalized_odds_difference/between_groups/worst_case}; {@code below_overall/accuracy}).
 *
 * @param kind what is computed
 * @param metric the metric (for {@link Kind#FAIRNESS} null)
 * @param fairnessName the named fairness metric (only for {@link Kind#FAIRNESS})
 * @param method {@code BETWEEN_GROUPS} or {@code TO_OVERALL} (null for {@link Kind#BELOW_OVERALL})
 * @param aggregation for equalized odds, how TPR and FPR combine; null otherwise
 */
public record PolicyStatistic(
    Kind kind,
    Metric metric,
    String fairnessName,
    DisparityMethod method,
    EqualizedOddsAggregation aggregation) {
  /** The named fairness metrics a rule may use. */
  public static final List<String> FAIRNESS_NAMES = FairnessMetrics.NAMES;

  /** The kinds of statistic. */
  public enum Kind {
    /** A metric's difference between groups or to overall. */
    DIFFERENCE,
    /** A metric's ratio between groups or to overall. */
    RATIO,
    /** A named fairness metric. */
    FAIRNESS,
    /** Max over groups of (overall − group value). */
    BELOW_OVERALL
  }

  /**
   * Creates a statistic.
   *
   * @param kind kind
   * @param metric metric
   * @param fairnessName named fairness metric
   * @param method method
   * @param aggregation aggregation
   * @throws IllegalArgumentException on a combination that does not exist
   */
  public PolicyStatistic {
    Objects.requireNonNull(kind, "kind");
    if (method == DisparityMethod.TO_REFERENCE) {
      throw new IllegalArgumentException("policies compare between_groups or to_overall");
    }
    switch (kind) {
      case FAIRNESS -> {
        if (!FAIRNESS_NAMES.contains(fairnessName)) {
          throw new IllegalArgumentException(
              "unknown fairness metric '" + fairnessName + "' (known: " + FAIRNESS_NAMES + ")");
        }
        Objects.requireNonNull(method, "method");
        boolean odds = fairnessName.startsWith("equalized_odds");
        if (odds && aggregation == null) {
          throw new IllegalArgumentException(fairnessName + " needs an aggregation");
        }
        if (!odds && aggregation != null) {
          throw new IllegalArgumentException(fairnessName + " takes no aggregation");
        }
        if (metric != null) {
          throw new IllegalArgumentException("a fairness statistic names no metric");
        }
      }
      case BELOW_OVERALL -> {
        Objects.requireNonNull(metric, "metric");
        if (method != null || aggregation != null || fairnessName != null) {
          throw new IllegalArgumentException("below-overall takes only a metric");
        }
      }
      default -> {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(method, "method");
        if (aggregation != null || fairnessName != null) {
          throw new IllegalArgumentException(kind + " takes a metric and a method only");
        }
      }
    }
    if (metric == Metric.COUNT) {
      throw new IllegalArgumentException("count is not a statistic a rule can judge");
    }
  }

  /**
   * A metric's difference.
   *
   * @param metric the metric
   * @param method between groups or to overall
   * @return the statistic
   */
  public static PolicyStatistic difference(Metric metric, DisparityMethod method) {
    return new PolicyStatistic(Kind.DIFFERENCE, metric, null, method, null);
  }

  /**
   * A metric's ratio.
   *
   * @param metric the metric
   * @param method between groups or to overall
   * @return the statistic
   */
  public static PolicyStatistic ratio(Metric metric, DisparityMethod method) {
    return new PolicyStatistic(Kind.RATIO, metric, null, method, null);
  }

  /**
   * A named fairness metric.
   *
   * @param name one of {@link #FAIRNESS_NAMES}
   * @param method between groups or to overall
   * @param aggregation for equalized odds, otherwise null
   * @return the statistic
   */
  public static PolicyStatistic fairness(
      String name, DisparityMethod method, EqualizedOddsAggregation aggregation) {
    return new PolicyStatistic(Kind.FAIRNESS, null, name, method, aggregation);
  }

  /**
   * The largest shortfall of a group below the overall value.
   *
   * @param metric the metric
   * @return the statistic
   */
  public static PolicyStatistic belowOverall(Metric metric) {
    return new PolicyStatistic(Kind.BELOW_OVERALL, metric, null, null, null);
  }

  /**
   * Returns the statistic's name in bootstrap results and report JSON.
   *
   * @return e.g. {@code ratio/between_groups/recall}
   */
  public String key() {
    // A shortfall below overall is a policy statistic, not a report number: it has no identity.
    return reportId().map(ReportStatisticId::key).orElseGet(() -> "below_overall/" + metric.key());
  }

  /**
   * Returns the report number this statistic is.
   *
   * @return its identity, or empty for {@link Kind#BELOW_OVERALL} (computed from the groups'
   *     values, not a number of the report)
   */
  public Optional<ReportStatisticId> reportId() {
    return Optional.ofNullable(
        switch (kind) {
          case DIFFERENCE -> ReportStatisticId.difference(method, metric);
          case RATIO -> ReportStatisticId.ratio(method, metric);
          case FAIRNESS -> ReportStatisticId.fairness(fairnessName, method, aggregation);
          case BELOW_OVERALL -> null;
        });
  }

  /**
   * Returns whether a larger value is less fair (differences and shortfalls) rather than fairer
   * (ratios).
   *
   * @return true for differences and shortfalls
   */
  public boolean largerIsWorse() {
    return switch (kind) {
      case DIFFERENCE, BELOW_OVERALL -> true;
      case RATIO -> false;
      case FAIRNESS -> fairnessName.endsWith("_difference");
    };
  }

  @Override
  public String toString() {
    return key();
  }
}
