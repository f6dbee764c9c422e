package org.fairness4j.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.fairness4j.core.group.AttributeSummary;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.metrics.ConfusionStatistics;
import org.fairness4j.core.metrics.GroupMetrics;
import org.fairness4j.core.metrics.Metric;
import org.fairness4j.core.metrics.MetricValue;
import org.fairness4j.core.metrics.MetricValues;
import org.fairness4j.core.metrics.UndefinedPolicy;
import org.fairness4j.core.metrics.UndefinedReason;
import org.fairness4j.core.table.ClassLabels;

/**
 * Turns the confusion statistics of one feature set into a {@link GroupReport}: the metric values
 * of every group and overall under an {@link UndefinedPolicy}, and for a multiclass report the
 * one-vs-rest report of every class and the macro AUC. Immutable.
 */
final class ReportAssembler {
  /**
   * The statistics of one feature set and how they were formed.
   *
   * @param features the feature set
   * @param attributes how each attribute was formed (empty when unknown)
   * @param keys the group keys, in the statistics' group order
   * @param droppedRows rows left out for a missing value
   * @param stats the statistics
   * @param classes the class labels, in the statistics' class order
   */
  record Source(
      FeatureSet features,
      List<AttributeSummary> attributes,
      List<GroupKey> keys,
      int droppedRows,
      ConfusionStatistics stats,
      ClassLabels classes) {}

  private final UndefinedPolicy policy;

  ReportAssembler(UndefinedPolicy policy) {
    this.policy = policy;
  }

  /**
   * Builds a binary report for a positive label, or without one a multiclass report with a binary
   * report per class (built first, in class order).
   *
   * @param s the statistics
   * @param positiveLabel the positive label, or null
   * @param auc gives a class index's AUC values (every group, then overall) or null without scores
   * @return the report
   */
  GroupReport assemble(Source s, String positiveLabel, IntFunction<MetricValue[]> auc) {
    if (positiveLabel != null) {
      int p = s.classes().require(positiveLabel);
      return report(s, p, auc.apply(p), null);
    }
    Map<String, GroupReport> perClass = new LinkedHashMap<>();
    for (int c = 0; c < s.classes().size(); c++) {
      perClass.put(s.classes().label(c), report(s, c, auc.apply(c), null));
    }
    return report(s, null, null, perClass);
  }

  private GroupReport report(
      Source s, Integer positive, MetricValue[] auc, Map<String, GroupReport> perClass) {
    FeatureSet fs = s.features();
    List<GroupKey> keys = s.keys();
    ConfusionStatistics stats = s.stats();
    ClassLabels classes = s.classes();
    boolean zero = policy == UndefinedPolicy.ZERO;
    int groups = stats.groupCount();
    Map<GroupKey, MetricValues> byGroup = new LinkedHashMap<>();
    Map<GroupKey, double[][]> confusion = new LinkedHashMap<>();
    // One-vs-rest macro AUC when every class's binary report has an AUC (every class scored).
    boolean macroAuc =
        perClass != null
            && !perClass.isEmpty()
            && perClass.values().stream().allMatch(c -> c.overall().has(Metric.ROC_AUC));
    for (int g = 0; g < groups; g++) {
      double[][] m = stats.matrix(g);
      confusion.put(keys.get(g), m);
      GroupKey key = keys.get(g);
      MetricValues v =
          positive == null
              ? macroAuc(GroupMetrics.multiclass(m, stats.rows(g), zero), perClass, macroAuc, key)
              : GroupMetrics.binary(
                  ConfusionStatistics.reduce(m, positive, stats.rows(g)),
                  auc == null ? null : auc[g],
                  zero);
      byGroup.put(keys.get(g), v);
    }
    double[][] all = stats.overallMatrix();
    MetricValues overall =
        positive == null
            ? macroAuc(
                GroupMetrics.multiclass(all, stats.totalRows(), zero), perClass, macroAuc, null)
            : GroupMetrics.binary(
                ConfusionStatistics.reduce(all, positive, stats.totalRows()),
                auc == null ? null : auc[groups],
                zero);
    String label = positive == null ? null : classes.label(positive);
    if (policy == UndefinedPolicy.ERROR) {
      check(fs, label, "overall", overall);
      byGroup.forEach(
          (k, v) -> {
            if (v.value(Metric.COUNT) > 0) {
              check(fs, label, "group " + k, v);
            }
          });
    }
    return new GroupReport(
        fs,
        s.attributes(),
        s.droppedRows(),
        label,
        classes,
        policy,
        overall,
        byGroup,
        confusion,
        all,
        perClass);
  }

  /** Adds the macro AUC of a group (null: overall) from the per-class reports, if wanted. */
  private MetricValues macroAuc(
      MetricValues v, Map<String, GroupReport> perClass, boolean wanted, GroupKey group) {
    if (!wanted) {
      return v;
    }
    boolean zero = policy == UndefinedPolicy.ZERO;
    List<MetricValue> each = new ArrayList<>();
    for (GroupReport c : perClass.values()) {
      MetricValues cv = group == null ? c.overall() : c.byGroup().get(group);
      each.add(
          cv == null ? MetricValue.undefined(UndefinedReason.EMPTY_GROUP) : cv.get(Metric.ROC_AUC));
    }
    return GroupMetrics.withMacroAuc(v, each, zero);
  }

  private static void check(FeatureSet fs, String positive, String where, MetricValues values) {
    List<String> undefined = new ArrayList<>();
    values
        .asMap()
        .forEach(
            (metric, v) -> {
              if (!v.isDefined()) {
                undefined.add(metric.key() + " (" + v.reason() + ")");
              }
            });
    if (!undefined.isEmpty()) {
      throw new ArithmeticException(
          "undefined values in "
              + where
              + " of "
              + fs
              + (positive == null ? "" : ", positive label " + positive)
              + ": "
              + String.join(", ", undefined));
    }
  }
}
