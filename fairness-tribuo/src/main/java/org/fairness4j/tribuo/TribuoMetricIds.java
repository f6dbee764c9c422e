package org.fairness4j.tribuo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairness4j.core.Disparity;
import org.fairness4j.core.DisparityMethod;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.ReportStatisticId;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.metrics.Metric;
import org.fairness4j.core.metrics.MetricValues;
import org.tribuo.classification.Label;
import org.tribuo.evaluation.metrics.MetricID;
import org.tribuo.evaluation.metrics.MetricTarget;

/**
 * Names and targets of the values a {@link TribuoFairnessEvaluation} puts in Tribuo's {@link
 * MetricID} map. Every name starts with the Fairness4J metric key; a feature set and group follow
 * after a slash. The name of a report number is derived from its {@link ReportStatisticId} ({@link
 * #name}), group extremes ({@link ReportStatisticId#groupMin}, {@link ReportStatisticId#groupMax})
 * included.
 */
public final class TribuoMetricIds {
  private TribuoMetricIds() {}

  /**
   * The name of a group's value, e.g. {@code recall/sex+age=F|[60,100)}.
   *
   * @param metric the metric
   * @param features the feature set
   * @param group the group
   * @return the name
   */
  public static String group(Metric metric, FeatureSet features, GroupKey group) {
    return name(ReportStatisticId.byGroup(group, metric), features);
  }

  /**
   * The Tribuo name of a report number of a feature set: {@code recall} (overall), {@code
   * recall/sex=F}, {@code recall/sex/difference/between_groups}, {@code
   * equalized_odds_difference/sex/between_groups/worst_case}.
   *
   * @param id the number's identity (not a difference or ratio to a reference group: Tribuo
   *     evaluations have none)
   * @param features the feature set
   * @return the name
   * @throws IllegalArgumentException for a difference or ratio to a reference group
   */
  public static String name(ReportStatisticId id, FeatureSet features) {
    if (id.method() == DisparityMethod.TO_REFERENCE) {
      throw new IllegalArgumentException("no Tribuo name for " + id + " (no reference group)");
    }
    String fs = features.name();
    return switch (id.kind()) {
      case OVERALL -> id.metric().key();
      case BY_GROUP -> id.metric().key() + "/" + fs + "=" + id.group();
      case GROUP_MIN, GROUP_MAX -> id.metric().key() + "/" + fs + "/" + id.kind().key();
      case DIFFERENCE, RATIO ->
          id.metric().key() + "/" + fs + "/" + id.kind().key() + "/" + id.method().key();
      case FAIRNESS ->
          id.fairnessName() + "/" + fs + id.localKey().substring(id.fairnessName().length());
    };
  }

  /**
   * The name of a group extreme, e.g. {@code recall/sex/group_min}.
   *
   * @param metric the metric
   * @param features the feature set
   * @param max true for the maximum, false for the minimum
   * @return the name
   */
  public static String extreme(Metric metric, FeatureSet features, boolean max) {
    return name(
        max ? ReportStatisticId.groupMax(metric) : ReportStatisticId.groupMin(metric), features);
  }

  /**
   * The name of a difference or ratio, e.g. {@code recall/sex/difference/between_groups}.
   *
   * @param metric the metric
   * @param features the feature set
   * @param ratio true for a ratio, false for a difference
   * @param method how groups are compared
   * @return the name
   */
  public static String disparity(
      Metric metric, FeatureSet features, boolean ratio, DisparityMethod method) {
    return name(
        ratio
            ? ReportStatisticId.ratio(method, metric)
            : ReportStatisticId.difference(method, metric),
        features);
  }

  /**
   * The name of a named fairness metric, e.g. {@code
   * equalized_odds_difference/sex/between_groups/worst_case}.
   *
   * @param fairnessKey a key of {@link org.fairness4j.core.FairnessMetrics#asMap()}, e.g. {@code
   *     equalized_odds_difference/between_groups/worst_case}
   * @param features the feature set
   * @return the name
   */
  public static String fairness(String fairnessKey, FeatureSet features) {
    return name(
        ReportStatisticId.parse(ReportStatisticId.Kind.FAIRNESS.key() + "/" + fairnessKey),
        features);
  }

  /**
   * The target Tribuo would use for a whole-table multiclass metric: macro average for {@code
   * macro_*} and balanced accuracy, micro average otherwise.
   *
   * @param metric the metric
   * @return the target
   */
  public static MetricTarget<Label> multiclassTarget(Metric metric) {
    return metric.key().startsWith("macro_") || metric == Metric.BALANCED_ACCURACY
        ? MetricTarget.macroAverageTarget()
        : MetricTarget.microAverageTarget();
  }

  static Map<MetricID<Label>, Double> flatten(List<GroupReport> reports) {
    Map<MetricID<Label>, Double> out = new LinkedHashMap<>();
    boolean first = true;
    for (GroupReport r : reports) {
      if (r.isBinary()) {
        add(out, r, new MetricTarget<>(new Label(r.positiveLabel().orElseThrow())), first);
      } else {
        add(out, r, null, first);
        for (Map.Entry<String, GroupReport> c : r.perClass().entrySet()) {
          add(out, c.getValue(), new MetricTarget<>(new Label(c.getKey())), first);
        }
      }
      first = false;
    }
    return out;
  }

  private static void add(
      Map<MetricID<Label>, Double> out,
      GroupReport r,
      MetricTarget<Label> binaryTarget,
      boolean withOverall) {
    FeatureSet fs = r.features();
    for (Metric m : r.metrics()) {
      MetricTarget<Label> t = binaryTarget != null ? binaryTarget : multiclassTarget(m);
      if (withOverall) {
        out.put(new MetricID<>(t, name(ReportStatisticId.overall(m), fs)), r.overall().value(m));
      }
      for (Map.Entry<GroupKey, MetricValues> g : r.byGroup().entrySet()) {
        out.put(new MetricID<>(t, group(m, fs, g.getKey())), g.getValue().value(m));
      }
      out.put(new MetricID<>(t, extreme(m, fs, false)), r.groupMin(m).value());
      out.put(new MetricID<>(t, extreme(m, fs, true)), r.groupMax(m).value());
      for (DisparityMethod method :
          List.of(DisparityMethod.BETWEEN_GROUPS, DisparityMethod.TO_OVERALL)) {
        out.put(
            new MetricID<>(t, disparity(m, fs, false, method)), r.difference(m, method).value());
        out.put(new MetricID<>(t, disparity(m, fs, true, method)), r.ratio(m, method).value());
      }
    }
    if (binaryTarget != null) {
      for (Map.Entry<ReportStatisticId, Disparity> e : r.fairness().byId().entrySet()) {
        out.put(new MetricID<>(binaryTarget, name(e.getKey(), fs)), e.getValue().value());
      }
    }
  }
}
