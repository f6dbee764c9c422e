package org.fairness4j.core;

import java.util.Objects;
import java.util.Set;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.metrics.Metric;

/**
 * The typed identity of one number of a {@link GroupReport}: what kind of number it is, of which
 * metric, for which group, by which disparity method and (for equalized odds) aggregation, with one
 * canonical {@link #key() key} string. The key is the name under which the number is written (JSON
 * {@code intervals}, CSV interval rows) and looked up ({@code BootstrapResult}):
 *
 * <ul>
 *   <li>{@code overall/recall}
 *   <li>{@code by_group/F|[0,40)/recall}
 *   <li>{@code group_min/recall}, {@code group_max/recall} (Fairlearn's {@code group_min()} and
 *       {@code group_max()}: the smallest and largest group value; which group it is depends on the
 *       data and is not part of the identity, it is named by {@link GroupReport#groupMin} and
 *       {@link ReportNumbers#extremes})
 *   <li>{@code difference/between_groups/recall}, {@code ratio/to_overall/fpr}
 *   <li>{@code difference/to_reference/M/recall}, {@code ratio/to_reference/M/recall} (group M
 *       against the report's reference group)
 *   <li>{@code fairness/equalized_odds_difference/between_groups/worst_case}, {@code
 *       fairness/demographic_parity_ratio/to_overall}
 * </ul>
 *
 * <p>The feature set is not part of the identity: a key names a number within one report (one
 * feature set), and every writer puts the feature set beside it. Immutable.
 *
 * @param kind the kind of number
 * @param metric the metric (null for {@link Kind#FAIRNESS})
 * @param fairnessName the named fairness metric, e.g. {@link
 *     FairnessMetrics#EQUALIZED_ODDS_DIFFERENCE} (only for {@link Kind#FAIRNESS})
 * @param group the group ({@link Kind#BY_GROUP}, and a {@link DisparityMethod#TO_REFERENCE}
 *     difference or ratio); null otherwise
 * @param method the disparity method (differences, ratios and fairness metrics); null otherwise
 * @param aggregation the aggregation of an equalized-odds metric; null otherwise
 */
public record ReportStatisticId(
    ReportStatisticId.Kind kind,
    Metric metric,
    String fairnessName,
    GroupKey group,
    DisparityMethod method,
    EqualizedOddsAggregation aggregation) {

  private static final Set<String> FAIRNESS_NAMES = Set.copyOf(FairnessMetrics.NAMES);

  private static final Set<String> FAIRNESS_DIFFERENCES =
      Set.of(
          FairnessMetrics.DEMOGRAPHIC_PARITY_DIFFERENCE,
          FairnessMetrics.EQUALIZED_ODDS_DIFFERENCE,
          FairnessMetrics.EQUAL_OPPORTUNITY_DIFFERENCE);

  /** The kind of a report number; its {@link #key()} is the first segment of the canonical key. */
  public enum Kind {
    /** A metric over all rows. */
    OVERALL("overall"),
    /** A metric of one group. */
    BY_GROUP("by_group"),
    /** The smallest group value of a metric (Fairlearn's {@code group_min}). */
    GROUP_MIN("group_min"),
    /** The largest group value of a metric (Fairlearn's {@code group_max}). */
    GROUP_MAX("group_max"),
    /** A difference of a metric (between groups, to the overall value, to a reference group). */
    DIFFERENCE("difference"),
    /** A ratio of a metric. */
    RATIO("ratio"),
    /** A named fairness metric (demographic parity, equalized odds, equal opportunity). */
    FAIRNESS("fairness");

    private final String key;

    Kind(String key) {
      this.key = key;
    }

    /**
     * Returns the key segment.
     *
     * @return e.g. {@code by_group}
     */
    public String key() {
      return key;
    }
  }

  /**
   * Checks that the components fit the kind.
   *
   * @param kind the kind of number
   * @param metric the metric (null for {@link Kind#FAIRNESS})
   * @param fairnessName the named fairness metric, e.g. {@link
   *     FairnessMetrics#EQUALIZED_ODDS_DIFFERENCE} (only for {@link Kind#FAIRNESS})
   * @param group the group ({@link Kind#BY_GROUP}, and a {@link DisparityMethod#TO_REFERENCE}
   *     difference or ratio); null otherwise
   * @param method the disparity method (differences, ratios and fairness metrics); null otherwise
   * @param aggregation the aggregation of an equalized-odds metric; null otherwise
   * @throws IllegalArgumentException when a component the kind needs is missing or one it does not
   *     take is given
   */
  public ReportStatisticId {
    Objects.requireNonNull(kind, "kind");
    boolean fairness = kind == Kind.FAIRNESS;
    boolean disparity = kind == Kind.DIFFERENCE || kind == Kind.RATIO;
    boolean toReference = disparity && method == DisparityMethod.TO_REFERENCE;
    if (fairness != (metric == null) || fairness != (fairnessName != null)) {
      throw new IllegalArgumentException(
          kind + " takes " + (fairness ? "a fairness metric name" : "a metric"));
    }
    if (fairness && !FAIRNESS_NAMES.contains(fairnessName)) {
      throw new IllegalArgumentException(
          "not a fairness metric: " + fairnessName + " (known: " + FAIRNESS_NAMES + ")");
    }
    if ((kind == Kind.BY_GROUP || toReference) != (group != null)) {
      throw new IllegalArgumentException(
          kind + (group == null ? " needs a group" : " takes no group") + ": " + group);
    }
    if ((disparity || fairness) != (method != null)) {
      throw new IllegalArgumentException(kind + " takes a disparity method only when a disparity");
    }
    boolean odds =
        fairness
            && (fairnessName.equals(FairnessMetrics.EQUALIZED_ODDS_DIFFERENCE)
                || fairnessName.equals(FairnessMetrics.EQUALIZED_ODDS_RATIO));
    if (odds != (aggregation != null)) {
      throw new IllegalArgumentException(
          "an aggregation goes with, and only with, equalized odds: " + fairnessName);
    }
  }

  /**
   * The overall value of a metric.
   *
   * @param metric the metric
   * @return {@code overall/<metric>}
   */
  public static ReportStatisticId overall(Metric metric) {
    return new ReportStatisticId(Kind.OVERALL, metric, null, null, null, null);
  }

  /**
   * A group's value of a metric.
   *
   * @param group the group
   * @param metric the metric
   * @return {@code by_group/<group>/<metric>}
   */
  public static ReportStatisticId byGroup(GroupKey group, Metric metric) {
    return new ReportStatisticId(Kind.BY_GROUP, metric, null, group, null, null);
  }

  /**
   * The smallest group value of a metric.
   *
   * @param metric the metric
   * @return {@code group_min/<metric>}
   */
  public static ReportStatisticId groupMin(Metric metric) {
    return new ReportStatisticId(Kind.GROUP_MIN, metric, null, null, null, null);
  }

  /**
   * The largest group value of a metric.
   *
   * @param metric the metric
   * @return {@code group_max/<metric>}
   */
  public static ReportStatisticId groupMax(Metric metric) {
    return new ReportStatisticId(Kind.GROUP_MAX, metric, null, null, null, null);
  }

  /**
   * A difference over groups ({@code BETWEEN_GROUPS} or {@code TO_OVERALL}).
   *
   * @param method the method (not {@code TO_REFERENCE}: see {@link #differenceToReference})
   * @param metric the metric
   * @return {@code difference/<method>/<metric>}
   */
  public static ReportStatisticId difference(DisparityMethod method, Metric metric) {
    return new ReportStatisticId(Kind.DIFFERENCE, metric, null, null, method, null);
  }

  /**
   * A ratio over groups ({@code BETWEEN_GROUPS} or {@code TO_OVERALL}).
   *
   * @param method the method (not {@code TO_REFERENCE}: see {@link #ratioToReference})
   * @param metric the metric
   * @return {@code ratio/<method>/<metric>}
   */
  public static ReportStatisticId ratio(DisparityMethod method, Metric metric) {
    return new ReportStatisticId(Kind.RATIO, metric, null, null, method, null);
  }

  /**
   * A group's signed difference to the reference group.
   *
   * @param group the group
   * @param metric the metric
   * @return {@code difference/to_reference/<group>/<metric>}
   */
  public static ReportStatisticId differenceToReference(GroupKey group, Metric metric) {
    return new ReportStatisticId(
        Kind.DIFFERENCE, metric, null, group, DisparityMethod.TO_REFERENCE, null);
  }

  /**
   * A group's ratio to the reference group.
   *
   * @param group the group
   * @param metric the metric
   * @return {@code ratio/to_reference/<group>/<metric>}
   */
  public static ReportStatisticId ratioToReference(GroupKey group, Metric metric) {
    return new ReportStatisticId(
        Kind.RATIO, metric, null, group, DisparityMethod.TO_REFERENCE, null);
  }

  /**
   * A named fairness metric.
   *
   * @param name e.g. {@link FairnessMetrics#EQUALIZED_ODDS_DIFFERENCE}
   * @param method the method
   * @param aggregation the aggregation for equalized odds, null otherwise
   * @return {@code fairness/<name>/<method>[/<aggregation>]}
   */
  public static ReportStatisticId fairness(
      String name, DisparityMethod method, EqualizedOddsAggregation aggregation) {
    return new ReportStatisticId(Kind.FAIRNESS, null, name, null, method, aggregation);
  }

  /**
   * Returns the canonical key, the one string every writer and lookup uses.
   *
   * @return e.g. {@code difference/to_reference/M/recall}
   */
  public String key() {
    return kind.key() + "/" + localKey();
  }

  /**
   * Returns the key without its kind segment: for a fairness metric its key in {@link
   * FairnessMetrics#asMap()}.
   *
   * @return e.g. {@code equalized_odds_difference/between_groups/worst_case}
   */
  public String localKey() {
    return switch (kind) {
      case OVERALL, GROUP_MIN, GROUP_MAX -> metric.key();
      case BY_GROUP -> group + "/" + metric.key();
      case DIFFERENCE, RATIO ->
          method.key() + "/" + (group == null ? "" : group + "/") + metric.key();
      case FAIRNESS ->
          fairnessName + "/" + method.key() + (aggregation == null ? "" : "/" + aggregation.key());
    };
  }

  /**
   * Returns whether this is a difference (of a metric, or a named fairness difference): a gap, as
   * opposed to a ratio or a value.
   *
   * @return whether it is a difference
   */
  public boolean isDifference() {
    return kind == Kind.DIFFERENCE
        || (kind == Kind.FAIRNESS && FAIRNESS_DIFFERENCES.contains(fairnessName));
  }

  /**
   * Returns the metrics this number is built from: its own metric, or for a named fairness metric
   * the rates it compares (selection rate; recall; recall and FPR for equalized odds).
   *
   * @return the metrics
   */
  public java.util.List<Metric> components() {
    if (kind != Kind.FAIRNESS) {
      return java.util.List.of(metric);
    }
    return switch (fairnessName) {
      case FairnessMetrics.DEMOGRAPHIC_PARITY_DIFFERENCE,
          FairnessMetrics.DEMOGRAPHIC_PARITY_RATIO ->
          java.util.List.of(Metric.SELECTION_RATE);
      case FairnessMetrics.EQUAL_OPPORTUNITY_DIFFERENCE, FairnessMetrics.EQUAL_OPPORTUNITY_RATIO ->
          java.util.List.of(Metric.RECALL);
      default -> java.util.List.of(Metric.RECALL, Metric.FPR);
    };
  }

  /**
   * Returns whether this number is over all groups at once (a group minimum or maximum, a max − min
   * difference or min / max ratio, a difference or ratio to the overall value, or a named fairness
   * metric other than to a reference group) rather than of one group or one pair.
   *
   * @return whether it is an extreme over groups
   */
  public boolean isOverGroups() {
    return kind == Kind.GROUP_MIN
        || kind == Kind.GROUP_MAX
        || ((kind == Kind.DIFFERENCE || kind == Kind.RATIO || kind == Kind.FAIRNESS)
            && method != DisparityMethod.TO_REFERENCE);
  }

  /**
   * Parses a canonical key.
   *
   * @param key e.g. {@code by_group/F/recall}
   * @return the identity
   * @throws IllegalArgumentException when the key is not one of a report's numbers
   */
  public static ReportStatisticId parse(String key) {
    int slash = key.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("not a report statistic key: '" + key + "'");
    }
    String kind = key.substring(0, slash);
    String rest = key.substring(slash + 1);
    try {
      switch (kind) {
        case "overall":
          return overall(Metric.fromKey(rest));
        case "group_min":
          return groupMin(Metric.fromKey(rest));
        case "group_max":
          return groupMax(Metric.fromKey(rest));
        case "by_group":
          {
            int last = rest.lastIndexOf('/');
            return byGroup(
                GroupKey.parse(rest.substring(0, last)), Metric.fromKey(rest.substring(last + 1)));
          }
        case "difference":
        case "ratio":
          {
            int s = rest.indexOf('/');
            DisparityMethod method = method(rest.substring(0, s));
            String tail = rest.substring(s + 1);
            boolean difference = kind.equals("difference");
            if (method == DisparityMethod.TO_REFERENCE) {
              int last = tail.lastIndexOf('/');
              GroupKey g = GroupKey.parse(tail.substring(0, last));
              Metric m = Metric.fromKey(tail.substring(last + 1));
              return difference ? differenceToReference(g, m) : ratioToReference(g, m);
            }
            Metric m = Metric.fromKey(tail);
            return difference ? difference(method, m) : ratio(method, m);
          }
        case "fairness":
          {
            String[] p = rest.split("/", -1);
            EqualizedOddsAggregation agg = null;
            if (p.length == 3) {
              for (EqualizedOddsAggregation a : EqualizedOddsAggregation.values()) {
                if (a.key().equals(p[2])) {
                  agg = a;
                }
              }
              if (agg == null) {
                throw new IllegalArgumentException("unknown aggregation " + p[2]);
              }
            } else if (p.length != 2) {
              throw new IllegalArgumentException("expected name/method[/aggregation]");
            }
            return fairness(p[0], method(p[1]), agg);
          }
        default:
          throw new IllegalArgumentException("unknown kind " + kind);
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "not a report statistic key: '" + key + "' (" + e.getMessage() + ")", e);
    }
  }

  private static DisparityMethod method(String key) {
    for (DisparityMethod m : DisparityMethod.values()) {
      if (m.key().equals(key)) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown disparity method " + key);
  }

  @Override
  public String toString() {
    return key();
  }
}
