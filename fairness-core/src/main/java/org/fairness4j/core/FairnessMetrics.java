package org.fairness4j.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.metrics.Metric;
import org.fairness4j.core.metrics.UndefinedReason;

/**
 * The named group-fairness metrics with Fairlearn's semantics, for each {@link DisparityMethod}:
 * demographic parity (selection rate), equalized odds (TPR and FPR, {@link
 * EqualizedOddsAggregation#WORST_CASE} or {@link EqualizedOddsAggregation#MEAN}) and equal
 * opportunity (TPR), each as a difference and a ratio. Keys of {@link #asMap()} are {@code
 * demographic_parity_difference/between_groups}, {@code
 * equalized_odds_ratio/to_overall/worst_case}, and so on. Immutable.
 */
public final class FairnessMetrics {
  /** Report name of demographic parity difference. */
  public static final String DEMOGRAPHIC_PARITY_DIFFERENCE = "demographic_parity_difference";

  /** Report name of demographic parity ratio. */
  public static final String DEMOGRAPHIC_PARITY_RATIO = "demographic_parity_ratio";

  /** Report name of equalized odds difference. */
  public static final String EQUALIZED_ODDS_DIFFERENCE = "equalized_odds_difference";

  /** Report name of equalized odds ratio. */
  public static final String EQUALIZED_ODDS_RATIO = "equalized_odds_ratio";

  /** Report name of equal opportunity difference. */
  public static final String EQUAL_OPPORTUNITY_DIFFERENCE = "equal_opportunity_difference";

  /** Report name of equal opportunity ratio. */
  public static final String EQUAL_OPPORTUNITY_RATIO = "equal_opportunity_ratio";

  /** The six names above, in this order. */
  public static final List<String> NAMES =
      List.of(
          DEMOGRAPHIC_PARITY_DIFFERENCE,
          DEMOGRAPHIC_PARITY_RATIO,
          EQUALIZED_ODDS_DIFFERENCE,
          EQUALIZED_ODDS_RATIO,
          EQUAL_OPPORTUNITY_DIFFERENCE,
          EQUAL_OPPORTUNITY_RATIO);

  private final Map<String, Disparity> values;
  private final Map<ReportStatisticId, Disparity> byId;
  private final String emptyReason;

  private FairnessMetrics(Map<String, Disparity> values) {
    this(values, null);
  }

  private FairnessMetrics(Map<String, Disparity> values, String emptyReason) {
    this.values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    Map<ReportStatisticId, Disparity> ids = new LinkedHashMap<>();
    values.forEach((k, d) -> ids.put(ReportStatisticId.parse("fairness/" + k), d));
    this.byId = java.util.Collections.unmodifiableMap(ids);
    this.emptyReason = emptyReason;
  }

  /** No fairness metrics, with the reason (a multiclass report without per-class reports). */
  static FairnessMetrics none(String reason) {
    return new FairnessMetrics(Map.of(), reason);
  }

  /**
   * Returns whether no fairness metric was computed; {@link #emptyReason()} says why.
   *
   * @return whether there are none
   */
  public boolean isEmpty() {
    return values.isEmpty();
  }

  /**
   * Returns why no fairness metric was computed.
   *
   * @return the reason, or empty when there are some
   */
  public java.util.Optional<String> emptyReason() {
    return java.util.Optional.ofNullable(emptyReason);
  }

  /** Computes all named metrics of a binary report; TO_REFERENCE only when a reference is given. */
  static FairnessMetrics of(GroupReport report, GroupKey reference) {
    Map<String, Disparity> m = new LinkedHashMap<>();
    List<DisparityMethod> methods = new ArrayList<>(List.of(DisparityMethod.BETWEEN_GROUPS));
    methods.add(DisparityMethod.TO_OVERALL);
    if (reference != null) {
      methods.add(DisparityMethod.TO_REFERENCE);
    }
    for (DisparityMethod method : methods) {
      Disparity sd = report.difference(Metric.SELECTION_RATE, method, reference);
      Disparity sr = report.ratio(Metric.SELECTION_RATE, method, reference);
      Disparity td = report.difference(Metric.RECALL, method, reference);
      Disparity tr = report.ratio(Metric.RECALL, method, reference);
      Disparity fd = report.difference(Metric.FPR, method, reference);
      Disparity fr = report.ratio(Metric.FPR, method, reference);
      put(
          m,
          DEMOGRAPHIC_PARITY_DIFFERENCE,
          method,
          null,
          rename(sd, DEMOGRAPHIC_PARITY_DIFFERENCE));
      put(m, DEMOGRAPHIC_PARITY_RATIO, method, null, rename(sr, DEMOGRAPHIC_PARITY_RATIO));
      for (EqualizedOddsAggregation agg : EqualizedOddsAggregation.values()) {
        put(
            m,
            EQUALIZED_ODDS_DIFFERENCE,
            method,
            agg,
            combine(EQUALIZED_ODDS_DIFFERENCE, td, fd, agg, true));
      }
      for (EqualizedOddsAggregation agg : EqualizedOddsAggregation.values()) {
        put(
            m,
            EQUALIZED_ODDS_RATIO,
            method,
            agg,
            combine(EQUALIZED_ODDS_RATIO, tr, fr, agg, false));
      }
      put(m, EQUAL_OPPORTUNITY_DIFFERENCE, method, null, rename(td, EQUAL_OPPORTUNITY_DIFFERENCE));
      put(m, EQUAL_OPPORTUNITY_RATIO, method, null, rename(tr, EQUAL_OPPORTUNITY_RATIO));
    }
    return new FairnessMetrics(m);
  }

  /**
   * Averages the per-class metrics of a multiclass evaluation (one-vs-rest). A value is undefined
   * when it is undefined for some class.
   *
   * @param perClass the metrics of each class, all with the same keys
   * @return the class-averaged metrics; their groups are empty, their skipped groups the union
   */
  static FairnessMetrics meanOverClasses(Collection<FairnessMetrics> perClass) {
    Map<String, Disparity> m = new LinkedHashMap<>();
    List<FairnessMetrics> list = List.copyOf(perClass);
    for (String key : list.get(0).values.keySet()) {
      double sum = 0;
      boolean undefined = false;
      Set<GroupKey> skipped = new LinkedHashSet<>();
      Disparity first = list.get(0).values.get(key);
      for (FairnessMetrics f : list) {
        Disparity d = f.values.get(key);
        skipped.addAll(d.skipped());
        undefined |= !d.isDefined();
        sum += d.value();
      }
      m.put(
          key,
          undefined
              ? Disparity.undefined(
                  first.name(),
                  first.method(),
                  UndefinedReason.UNDEFINED_CLASS_COMPONENT,
                  List.copyOf(skipped))
              : new Disparity(
                  first.name(),
                  first.method(),
                  sum / list.size(),
                  null,
                  List.of(),
                  List.copyOf(skipped)));
    }
    return new FairnessMetrics(m);
  }

  private static void put(
      Map<String, Disparity> m,
      String name,
      DisparityMethod method,
      EqualizedOddsAggregation agg,
      Disparity d) {
    m.put(key(name, method, agg), d);
  }

  /**
   * Returns the key of a named metric in {@link #asMap()}.
   *
   * @param name e.g. {@link #EQUALIZED_ODDS_DIFFERENCE}
   * @param method the method
   * @param agg the aggregation for equalized odds, null otherwise
   * @return e.g. {@code equalized_odds_difference/between_groups/worst_case}
   */
  public static String key(String name, DisparityMethod method, EqualizedOddsAggregation agg) {
    return ReportStatisticId.fairness(name, method, agg).localKey();
  }

  private static Disparity rename(Disparity d, String name) {
    return new Disparity(name, d.method(), d.value(), d.reason(), d.groups(), d.skipped());
  }

  private static Disparity combine(
      String name, Disparity tpr, Disparity fpr, EqualizedOddsAggregation agg, boolean difference) {
    Set<GroupKey> skipped = new LinkedHashSet<>(tpr.skipped());
    skipped.addAll(fpr.skipped());
    if (!tpr.isDefined() || !fpr.isDefined()) {
      return Disparity.undefined(
          name, tpr.method(), UndefinedReason.UNDEFINED_COMPONENT, List.copyOf(skipped));
    }
    if (agg == EqualizedOddsAggregation.MEAN) {
      Set<GroupKey> groups = new LinkedHashSet<>(tpr.groups());
      groups.addAll(fpr.groups());
      return new Disparity(
          name,
          tpr.method(),
          (tpr.value() + fpr.value()) / 2,
          null,
          List.copyOf(groups),
          List.copyOf(skipped));
    }
    boolean tprWins = difference ? tpr.value() >= fpr.value() : tpr.value() <= fpr.value();
    Disparity w = tprWins ? tpr : fpr;
    return new Disparity(name, w.method(), w.value(), null, w.groups(), List.copyOf(skipped));
  }

  /**
   * Demographic parity difference: the selection-rate difference.
   *
   * @param method how groups are compared
   * @return the disparity
   */
  public Disparity demographicParityDifference(DisparityMethod method) {
    return get(DEMOGRAPHIC_PARITY_DIFFERENCE, method, null);
  }

  /**
   * Demographic parity ratio: the selection-rate ratio.
   *
   * @param method how groups are compared
   * @return the disparity
   */
  public Disparity demographicParityRatio(DisparityMethod method) {
    return get(DEMOGRAPHIC_PARITY_RATIO, method, null);
  }

  /**
   * Equalized odds difference: the larger (or mean) of the TPR and FPR differences.
   *
   * @param method how groups are compared
   * @param agg how the two differences combine
   * @return the disparity
   */
  public Disparity equalizedOddsDifference(DisparityMethod method, EqualizedOddsAggregation agg) {
    return get(EQUALIZED_ODDS_DIFFERENCE, method, agg);
  }

  /**
   * Equalized odds ratio: the smaller (or mean) of the TPR and FPR ratios.
   *
   * @param method how groups are compared
   * @param agg how the two ratios combine
   * @return the disparity
   */
  public Disparity equalizedOddsRatio(DisparityMethod method, EqualizedOddsAggregation agg) {
    return get(EQUALIZED_ODDS_RATIO, method, agg);
  }

  /**
   * Equal opportunity difference: the TPR difference.
   *
   * @param method how groups are compared
   * @return the disparity
   */
  public Disparity equalOpportunityDifference(DisparityMethod method) {
    return get(EQUAL_OPPORTUNITY_DIFFERENCE, method, null);
  }

  /**
   * Equal opportunity ratio: the TPR ratio.
   *
   * @param method how groups are compared
   * @return the disparity
   */
  public Disparity equalOpportunityRatio(DisparityMethod method) {
    return get(EQUAL_OPPORTUNITY_RATIO, method, null);
  }

  private Disparity get(String name, DisparityMethod method, EqualizedOddsAggregation agg) {
    Disparity d = values.get(key(name, method, agg));
    if (d == null) {
      throw new IllegalArgumentException(
          key(name, method, agg)
              + " was not computed ("
              + (emptyReason != null ? emptyReason : "TO_REFERENCE needs a reference group")
              + ")");
    }
    return d;
  }

  /**
   * Returns every computed value by key, e.g. {@code equalized_odds_difference/to_overall/mean}.
   *
   * @return an unmodifiable map in report order
   */
  public Map<String, Disparity> asMap() {
    return values;
  }

  /**
   * Returns every computed value by its typed identity (the keys of {@link #asMap()} are their
   * {@link ReportStatisticId#localKey() local keys}).
   *
   * @return an unmodifiable map in report order
   */
  public Map<ReportStatisticId, Disparity> byId() {
    return byId;
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
