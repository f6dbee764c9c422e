package org.fairness4j.core.policy;

import java.util.Objects;
import org.fairness4j.core.DisparityMethod;
import org.fairness4j.core.EqualizedOddsAggregation;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.metrics.Metric;

/**
 * One rule of a {@link FairnessPolicy}: which statistic of which feature set's report must satisfy
 * which bound, and how that is decided.
 *
 * @param name a readable name, shown in results
 * @param features the feature set whose groups are compared
 * @param statistic the statistic
 * @param bound the bound
 * @param decision how to decide
 * @param confidence the one-sided confidence of each interval bound, in (0.5, 1) (unused by {@link
 *     DecisionMode#POINT})
 * @param interval where the interval comes from (unused by {@link DecisionMode#POINT})
 * @param minGroupSize groups with fewer rows are reported but not judged: left out of the
 *     comparison as if their rows were not in the table (0: judge every group)
 * @param line the line of the policy file that declared the rule, 0 when built in code
 */
public record PolicyRule(
    String name,
    FeatureSet features,
    PolicyStatistic statistic,
    PolicyBound bound,
    DecisionMode decision,
    double confidence,
    IntervalMethod interval,
    int minGroupSize,
    int line) {
  /**
   * Creates a rule.
   *
   * @param name name
   * @param features feature set
   * @param statistic statistic
   * @param bound bound
   * @param decision decision mode
   * @param confidence one-sided confidence
   * @param interval interval method
   * @param minGroupSize minimum group size
   * @param line policy line
   * @throws IllegalArgumentException on a confidence outside [0.5, 1), a negative group size, or an
   *     analytic interval for a statistic that has none
   */
  public PolicyRule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(features, "features");
    Objects.requireNonNull(statistic, "statistic");
    Objects.requireNonNull(bound, "bound");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(interval, "interval");
    if (!(confidence > 0.5 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must lie in (0.5, 1): " + confidence);
    }
    if (minGroupSize < 0) {
      throw new IllegalArgumentException("min-group-size must be at least 0: " + minGroupSize);
    }
    if (decision != DecisionMode.POINT && interval == IntervalMethod.ANALYTIC) {
      String why = AnalyticIntervals.unsupported(statistic);
      if (why != null) {
        throw new IllegalArgumentException(why);
      }
    }
  }

  /**
   * Starts a rule on a statistic of a feature set: by default "point" decision, confidence 0.95,
   * bootstrap intervals, every group judged, and a name built from the statistic and bound.
   *
   * @param features the feature set
   * @param statistic the statistic
   * @return a builder; a bound must be set
   */
  public static Builder builder(FeatureSet features, PolicyStatistic statistic) {
    return new Builder(features, statistic);
  }

  /**
   * Shorthand for {@link #builder} on a metric's between-groups difference.
   *
   * @param features the feature set
   * @param metric the metric
   * @return a builder
   */
  public static Builder differenceBetweenGroups(FeatureSet features, Metric metric) {
    return builder(features, PolicyStatistic.difference(metric, DisparityMethod.BETWEEN_GROUPS));
  }

  /**
   * Shorthand for {@link #builder} on a metric's between-groups ratio.
   *
   * @param features the feature set
   * @param metric the metric
   * @return a builder
   */
  public static Builder ratioBetweenGroups(FeatureSet features, Metric metric) {
    return builder(features, PolicyStatistic.ratio(metric, DisparityMethod.BETWEEN_GROUPS));
  }

  /**
   * Shorthand for {@link #builder} on the worst-case between-groups equalized odds difference.
   *
   * @param features the feature set
   * @return a builder
   */
  public static Builder equalizedOddsDifference(FeatureSet features) {
    return builder(
        features,
        PolicyStatistic.fairness(
            org.fairness4j.core.FairnessMetrics.EQUALIZED_ODDS_DIFFERENCE,
            DisparityMethod.BETWEEN_GROUPS,
            EqualizedOddsAggregation.WORST_CASE));
  }

  /**
   * Returns a one-line description, e.g. {@code ratio/between_groups/recall by sex at least 0.8}.
   *
   * @param statistic the statistic
   * @param features the feature set
   * @param bound the bound
   * @return the description
   */
  static String describe(PolicyStatistic statistic, FeatureSet features, PolicyBound bound) {
    String b =
        switch (bound.kind()) {
          case AT_MOST -> "at most " + bound.value();
          case AT_LEAST -> "at least " + bound.value();
          case MAX_WORSENING -> "not worse than the baseline by more than " + bound.value();
        };
    return statistic.key() + " by " + features.name() + " " + b;
  }

  /** Configures a {@link PolicyRule}. */
  public static final class Builder {
    private final FeatureSet features;
    private final PolicyStatistic statistic;
    private String name;
    private PolicyBound bound;
    private DecisionMode decision = DecisionMode.POINT;
    private double confidence = 0.95;
    private IntervalMethod interval = IntervalMethod.BOOTSTRAP;
    private int minGroupSize;
    private int line;

    private Builder(FeatureSet features, PolicyStatistic statistic) {
      this.features = Objects.requireNonNull(features, "features");
      this.statistic = Objects.requireNonNull(statistic, "statistic");
    }

    /**
     * Sets the name.
     *
     * @param name the name
     * @return this builder
     */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name);
      return this;
    }

    /**
     * Requires the statistic to be at most t.
     *
     * @param t the threshold
     * @return this builder
     */
    public Builder atMost(double t) {
      this.bound = PolicyBound.atMost(t);
      return this;
    }

    /**
     * Requires the statistic to be at least t.
     *
     * @param t the threshold
     * @return this builder
     */
    public Builder atLeast(double t) {
      this.bound = PolicyBound.atLeast(t);
      return this;
    }

    /**
     * Allows the statistic to be worse than the baseline report's by at most w.
     *
     * @param w at least 0
     * @return this builder
     */
    public Builder maxWorsening(double w) {
      this.bound = PolicyBound.maxWorsening(w);
      return this;
    }

    /**
     * Sets the bound.
     *
     * @param bound the bound
     * @return this builder
     */
    public Builder bound(PolicyBound bound) {
      this.bound = Objects.requireNonNull(bound);
      return this;
    }

    /**
     * Sets the decision mode (default point).
     *
     * @param decision the mode
     * @return this builder
     */
    public Builder decision(DecisionMode decision) {
      this.decision = Objects.requireNonNull(decision);
      return this;
    }

    /**
     * Sets the one-sided confidence of the interval bounds (default 0.95).
     *
     * @param confidence in (0.5, 1)
     * @return this builder
     */
    public Builder confidence(double confidence) {
      this.confidence = confidence;
      return this;
    }

    /**
     * Sets the interval method (default bootstrap).
     *
     * @param interval the method
     * @return this builder
     */
    public Builder interval(IntervalMethod interval) {
      this.interval = Objects.requireNonNull(interval);
      return this;
    }

    /**
     * Sets the minimum group size (default 0: judge every group).
     *
     * @param rows at least 0
     * @return this builder
     */
    public Builder minGroupSize(int rows) {
      this.minGroupSize = rows;
      return this;
    }

    Builder line(int line) {
      this.line = line;
      return this;
    }

    /**
     * Builds the rule.
     *
     * @return the rule
     * @throws IllegalStateException without a bound
     * @throws IllegalArgumentException see {@link PolicyRule#PolicyRule}
     */
    public PolicyRule build() {
      if (bound == null) {
        throw new IllegalStateException("a rule needs a bound (atMost, atLeast or maxWorsening)");
      }
      return new PolicyRule(
          name == null ? describe(statistic, features, bound) : name,
          features,
          statistic,
          bound,
          decision,
          confidence,
          interval,
          minGroupSize,
          line);
    }
  }
}
