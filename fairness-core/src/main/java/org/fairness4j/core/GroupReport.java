package org.fairness4j.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fairness4j.core.group.AttributeSummary;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.metrics.Metric;
import org.fairness4j.core.metrics.MetricValues;
import org.fairness4j.core.metrics.UndefinedPolicy;
import org.fairness4j.core.table.ClassLabels;

/**
 * The group metrics of one feature set (Fairlearn's {@code MetricFrame}): the {@link #overall()}
 * values, the values {@link #byGroup()}, and for every metric {@link #groupMin}, {@link #groupMax},
 * {@link #difference} and {@link #ratio} naming the groups involved and the groups left out because
 * their value is undefined. A binary report has a positive label; a multiclass report has macro
 * metrics and a one-vs-rest binary report per class ({@link #perClass()}). Immutable.
 */
public final class GroupReport {
  private final String positiveLabel;
  private final ClassLabels classes;
  private final UndefinedPolicy policy;
  private final List<Metric> metrics;
  private final MetricValues overall;
  private final ReportGroups groups;
  private final Map<String, GroupReport> perClass;
  private final ReportDisparities disparities;
  private final FairnessMetrics fairness;
  private final GroupKey reference;

  GroupReport(
      FeatureSet features,
      List<AttributeSummary> attributes,
      int droppedRows,
      String positiveLabel,
      ClassLabels classes,
      UndefinedPolicy policy,
      MetricValues overall,
      Map<GroupKey, MetricValues> allGroups,
      Map<GroupKey, double[][]> confusion,
      double[][] overallConfusion,
      Map<String, GroupReport> perClass) {
    this.positiveLabel = positiveLabel;
    this.classes = classes;
    this.policy = policy;
    this.overall = overall;
    this.metrics = List.copyOf(overall.metrics());
    this.groups =
        new ReportGroups(features, attributes, droppedRows, allGroups, confusion, overallConfusion);
    this.perClass =
        perClass == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(perClass));
    this.disparities = new ReportDisparities(metrics, overall, groups.byGroup());
    this.fairness = fairnessOf(null);
    this.reference = null;
  }

  /** A copy of {@code r} with a reference group (validated by the caller). */
  private GroupReport(GroupReport r, GroupKey reference) {
    this.positiveLabel = r.positiveLabel;
    this.classes = r.classes;
    this.policy = r.policy;
    this.metrics = r.metrics;
    this.overall = r.overall;
    this.groups = r.groups;
    Map<String, GroupReport> pc = new LinkedHashMap<>();
    r.perClass.forEach((k, v) -> pc.put(k, v.withReference(reference)));
    this.perClass = Collections.unmodifiableMap(pc);
    this.disparities = r.disparities;
    this.fairness = r.fairness;
    this.reference = reference;
  }

  /**
   * Returns this report with a reference group: the writers then show every group's signed
   * difference g − reference and ratio g / reference ({@link #differencesTo}, {@link #ratiosTo})
   * first, and {@link org.fairness4j.core.bootstrap.GroupBootstrap} gives them intervals. The
   * values are those of this report; only the reference is added.
   *
   * @param reference a group of this report (it may be empty or have undefined values: the signed
   *     differences are then undefined)
   * @return a report with that reference
   * @throws IllegalArgumentException if the group is not one of this report's groups
   */
  public GroupReport withReference(GroupKey reference) {
    return new GroupReport(this, groups.require(reference));
  }

  /**
   * Returns the reference group set by {@link #withReference}.
   *
   * @return the reference, or empty
   */
  public Optional<GroupKey> reference() {
    return Optional.ofNullable(reference);
  }

  /**
   * Returns the feature set whose intersection defines the groups.
   *
   * @return the feature set
   */
  public FeatureSet features() {
    return groups.features();
  }

  /**
   * Returns how each attribute of the feature set was formed (levels, bins, missing values); empty
   * when the report was built from statistics alone.
   *
   * @return an immutable list
   */
  public List<AttributeSummary> attributes() {
    return groups.attributes();
  }

  /**
   * Returns the number of rows in some group (the table's rows minus {@link #droppedRows()}).
   *
   * @return the row count
   */
  public long n() {
    return groups.n();
  }

  /**
   * Returns the number of rows left out because an attribute value was missing under the DROP
   * policy.
   *
   * @return the count
   */
  public int droppedRows() {
    return groups.droppedRows();
  }

  /**
   * Returns the positive label of a binary report.
   *
   * @return the label, or empty for a multiclass report
   */
  public Optional<String> positiveLabel() {
    return Optional.ofNullable(positiveLabel);
  }

  /**
   * Returns whether this is a binary (one positive label) report.
   *
   * @return true if binary
   */
  public boolean isBinary() {
    return positiveLabel != null;
  }

  /**
   * Returns the class labels.
   *
   * @return the labels
   */
  public ClassLabels classes() {
    return classes;
  }

  /**
   * Returns the undefined-value policy the values were computed with.
   *
   * @return the policy
   */
  public UndefinedPolicy undefinedPolicy() {
    return policy;
  }

  /**
   * Returns the metrics of this report, in report order.
   *
   * @return an immutable list
   */
  public List<Metric> metrics() {
    return metrics;
  }

  /**
   * Returns the values over all rows of the report.
   *
   * @return the overall values
   */
  public MetricValues overall() {
    return overall;
  }

  /**
   * Returns the values of each non-empty group, in group order (first attribute slowest).
   *
   * @return an unmodifiable map
   */
  public Map<GroupKey, MetricValues> byGroup() {
    return groups.byGroup();
  }

  /**
   * Returns every group of the cartesian product, empty ones included, in group order.
   *
   * @return an immutable list
   */
  public List<GroupKey> groups() {
    return groups.groups();
  }

  /**
   * Returns the groups of the cartesian product that have no rows (count 0); they are left out of
   * {@link #byGroup()} and of every min, max, difference and ratio.
   *
   * @return an immutable list
   */
  public List<GroupKey> emptyGroups() {
    return groups.emptyGroups();
  }

  /**
   * Returns the values of one group.
   *
   * @param group a non-empty group
   * @return its values
   * @throws IllegalArgumentException if the group is unknown or empty
   */
  public MetricValues group(GroupKey group) {
    return groups.group(group);
  }

  /**
   * Returns the smallest group value of a metric and the group that has it.
   *
   * @param metric a metric of this report
   * @return the minimum
   */
  public GroupExtreme groupMin(Metric metric) {
    return disparities.of(metric).min(metric);
  }

  /**
   * Returns the largest group value of a metric and the group that has it.
   *
   * @param metric a metric of this report
   * @return the maximum
   */
  public GroupExtreme groupMax(Metric metric) {
    return disparities.of(metric).max(metric);
  }

  /**
   * Returns the difference of a metric between groups or to the overall value.
   *
   * @param metric a metric of this report
   * @param method {@link DisparityMethod#BETWEEN_GROUPS} or {@link DisparityMethod#TO_OVERALL}
   * @return the difference
   * @throws IllegalArgumentException for {@link DisparityMethod#TO_REFERENCE}, which needs {@link
   *     #difference(Metric, GroupKey)}
   */
  public Disparity difference(Metric metric, DisparityMethod method) {
    return difference(metric, method, null);
  }

  /**
   * Returns the signed difference g − reference of the group farthest from a reference group.
   *
   * @param metric a metric of this report
   * @param reference a group of this report
   * @return the difference
   */
  public Disparity difference(Metric metric, GroupKey reference) {
    return difference(metric, DisparityMethod.TO_REFERENCE, groups.require(reference));
  }

  /**
   * Returns the ratio of a metric between groups or to the overall value.
   *
   * @param metric a metric of this report
   * @param method {@link DisparityMethod#BETWEEN_GROUPS} or {@link DisparityMethod#TO_OVERALL}
   * @return the ratio
   */
  public Disparity ratio(Metric metric, DisparityMethod method) {
    return ratio(metric, method, null);
  }

  /**
   * Returns the ratio g / reference of the group farthest (in fold change) from a reference group.
   *
   * @param metric a metric of this report
   * @param reference a group of this report
   * @return the ratio
   */
  public Disparity ratio(Metric metric, GroupKey reference) {
    return ratio(metric, DisparityMethod.TO_REFERENCE, groups.require(reference));
  }

  /**
   * Returns g − reference for every group with a defined value.
   *
   * @param metric a metric of this report
   * @param reference a group of this report
   * @return group to signed difference; empty when the reference value is undefined
   */
  public Map<GroupKey, Double> differencesTo(Metric metric, GroupKey reference) {
    return disparities.of(metric).toReference(groups.require(reference), false);
  }

  /**
   * Returns g / reference for every group with a defined value.
   *
   * @param metric a metric of this report
   * @param reference a group of this report
   * @return group to ratio; empty when the reference value is undefined
   */
  public Map<GroupKey, Double> ratiosTo(Metric metric, GroupKey reference) {
    return disparities.of(metric).toReference(groups.require(reference), true);
  }

  Disparity difference(Metric metric, DisparityMethod method, GroupKey reference) {
    return disparities.difference(metric, method, reference);
  }

  Disparity ratio(Metric metric, DisparityMethod method, GroupKey reference) {
    return disparities.ratio(metric, method, reference);
  }

  /**
   * Returns the named fairness metrics (demographic parity, equalized odds, equal opportunity) for
   * {@code BETWEEN_GROUPS} and {@code TO_OVERALL}. For a multiclass report they are the means over
   * classes of the one-vs-rest values. Never null: without any (a multiclass report without
   * per-class reports) it is {@link FairnessMetrics#isEmpty() empty}, with the reason.
   *
   * @return the fairness metrics
   */
  public FairnessMetrics fairness() {
    return fairness;
  }

  /**
   * Returns the named fairness metrics including {@code TO_REFERENCE} against a reference group.
   *
   * @param reference a group of this report
   * @return the fairness metrics
   */
  public FairnessMetrics fairness(GroupKey reference) {
    return fairnessOf(groups.require(reference));
  }

  /** Binary: the report's own; multiclass: the means over the per-class reports. */
  private FairnessMetrics fairnessOf(GroupKey reference) {
    if (positiveLabel != null) {
      return FairnessMetrics.of(this, reference);
    }
    List<FairnessMetrics> each = new ArrayList<>();
    for (GroupReport r : perClass.values()) {
      each.add(reference == null ? r.fairness() : r.fairness(reference));
    }
    return each.isEmpty()
        ? FairnessMetrics.none(
            "a multiclass report without per-class reports has no fairness metrics")
        : FairnessMetrics.meanOverClasses(each);
  }

  /**
   * Returns the one-vs-rest binary report of every class of a multiclass report.
   *
   * @return class label to report; empty for a binary report
   */
  public Map<String, GroupReport> perClass() {
    return perClass;
  }

  /**
   * Returns a copy of a group's (weighted) confusion matrix {@code [true][predicted]}, in class
   * order.
   *
   * @param group a group of this report (empty groups give zeros)
   * @return a new K×K array
   */
  public double[][] confusionMatrix(GroupKey group) {
    return groups.confusionMatrix(groups.require(group));
  }

  /**
   * Returns a copy of the overall confusion matrix {@code [true][predicted]}.
   *
   * @return a new K×K array
   */
  public double[][] overallConfusionMatrix() {
    return groups.confusionMatrix(null);
  }

  @Override
  public String toString() {
    return "GroupReport[" + features() + ", n=" + n() + ", groups=" + byGroup().keySet() + "]";
  }
}
