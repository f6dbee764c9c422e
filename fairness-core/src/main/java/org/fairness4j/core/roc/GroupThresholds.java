package org.fairness4j.core.roc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupIndex;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.table.PredictionTable;

/**
 * Decision thresholds fitted per group on one split (e.g. validation) and applied per group to
 * another (e.g. test), next to the pooled threshold fitted on all rows. A group that cannot have
 * its own threshold (no positive or no negative row in the fitting split, or absent from it) uses
 * the pooled one and is listed in {@link #pooledGroups()} with the reason: never silently.
 * Immutable.
 */
public final class GroupThresholds {
  private final FeatureSet features;
  private final String positiveLabel;
  private final ThresholdRule rule;
  private final double pooled;
  private final Map<GroupKey, Double> byGroup;
  private final Map<GroupKey, String> pooledGroups;

  private GroupThresholds(
      FeatureSet features,
      String positiveLabel,
      ThresholdRule rule,
      double pooled,
      Map<GroupKey, Double> byGroup,
      Map<GroupKey, String> pooledGroups) {
    this.features = features;
    this.positiveLabel = positiveLabel;
    this.rule = rule;
    this.pooled = pooled;
    this.byGroup = Collections.unmodifiableMap(new LinkedHashMap<>(byGroup));
    this.pooledGroups = Collections.unmodifiableMap(new LinkedHashMap<>(pooledGroups));
  }

  /**
   * Fits the pooled threshold and one per group.
   *
   * @param fitSplit the split to fit on (e.g. validation), two classes, scores of the positive one
   * @param features the groups
   * @param positiveLabel the positive class
   * @param rule how to choose a threshold
   * @return the thresholds
   * @throws IllegalArgumentException if the split is not two-class with scores, or has no positive
   *     or no negative row at all (for a rule that needs both)
   */
  public static GroupThresholds fit(
      PredictionTable fitSplit, FeatureSet features, String positiveLabel, ThresholdRule rule) {
    Objects.requireNonNull(rule, "rule");
    if (fitSplit.classes().size() != 2) {
      throw new IllegalArgumentException(
          "thresholds apply to two-class tables; classes: " + fitSplit.classes());
    }
    int pos = fitSplit.classes().require(positiveLabel);
    if (!fitSplit.hasScores(positiveLabel)) {
      throw new IllegalArgumentException("no scores for the positive label " + positiveLabel);
    }
    double[] s = fitSplit.scores(positiveLabel);
    GroupIndex index = GroupIndex.of(fitSplit, features);
    List<GroupKey> keys = index.keys();
    List<List<Integer>> rows = new ArrayList<>();
    for (int g = 0; g < keys.size(); g++) {
      rows.add(new ArrayList<>());
    }
    for (int i = 0; i < fitSplit.rowCount(); i++) {
      int g = index.groupOf(i);
      if (g >= 0) {
        rows.get(g).add(i);
      }
    }
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < fitSplit.rowCount(); i++) {
      all.add(i);
    }
    String why = unusable(fitSplit, all, pos, rule);
    if (why != null) {
      throw new IllegalArgumentException("cannot fit a pooled threshold: the split has " + why);
    }
    double pooled = fitRows(fitSplit, s, all, pos, rule);
    Map<GroupKey, Double> byGroup = new LinkedHashMap<>();
    Map<GroupKey, String> fallback = new LinkedHashMap<>();
    for (int g = 0; g < keys.size(); g++) {
      String reason = unusable(fitSplit, rows.get(g), pos, rule);
      if (reason == null) {
        byGroup.put(keys.get(g), fitRows(fitSplit, s, rows.get(g), pos, rule));
      } else {
        fallback.put(keys.get(g), reason);
      }
    }
    return new GroupThresholds(features, positiveLabel, rule, pooled, byGroup, fallback);
  }

  private static String unusable(
      PredictionTable t, List<Integer> rows, int pos, ThresholdRule rule) {
    if (rows.isEmpty()) {
      return "no rows";
    }
    if (!rule.needsBothLabels()) {
      return null;
    }
    long p = rows.stream().filter(i -> t.trueClass(i) == pos).count();
    return p == 0 ? "no positive rows" : p == rows.size() ? "no negative rows" : null;
  }

  private static double fitRows(
      PredictionTable t, double[] s, List<Integer> rows, int pos, ThresholdRule rule) {
    double[] sc = new double[rows.size()];
    boolean[] y = new boolean[rows.size()];
    for (int k = 0; k < sc.length; k++) {
      sc[k] = s[rows.get(k)];
      y[k] = t.trueClass(rows.get(k)) == pos;
    }
    return rule.fit(sc, y);
  }

  /**
   * Applies the group thresholds to another split: each row gets its group's threshold, or the
   * pooled one for a group in {@link #pooledGroups()}, a group absent from the fitting split, or a
   * row outside every group.
   *
   * @param split the split to label (e.g. test)
   * @return the split with new predicted labels
   */
  public PredictionTable apply(PredictionTable split) {
    GroupIndex index = GroupIndex.of(split, features);
    double[] t = new double[split.rowCount()];
    for (int i = 0; i < t.length; i++) {
      int g = index.groupOf(i);
      t[i] = g < 0 ? pooled : byGroup.getOrDefault(index.keys().get(g), pooled);
    }
    return ThresholdSweep.apply(split, positiveLabel, t);
  }

  /**
   * Applies the pooled threshold to every row (the baseline to compare per-group thresholds with).
   *
   * @param split the split to label
   * @return the split with new predicted labels
   */
  public PredictionTable applyPooled(PredictionTable split) {
    return ThresholdSweep.apply(split, positiveLabel, pooled);
  }

  /**
   * Returns the threshold fitted on all rows.
   *
   * @return the pooled threshold
   */
  public double pooled() {
    return pooled;
  }

  /**
   * Returns each group's own threshold (groups in {@link #pooledGroups()} are not here).
   *
   * @return group to threshold
   */
  public Map<GroupKey, Double> byGroup() {
    return byGroup;
  }

  /**
   * Returns the groups that use the pooled threshold, each with why (e.g. "no positive rows").
   *
   * @return group to reason
   */
  public Map<GroupKey, String> pooledGroups() {
    return pooledGroups;
  }

  /**
   * Returns the rule the thresholds were fitted with.
   *
   * @return the rule
   */
  public ThresholdRule rule() {
    return rule;
  }

  @Override
  public String toString() {
    return "GroupThresholds["
        + rule
        + ", pooled "
        + pooled
        + ", by group "
        + byGroup
        + (pooledGroups.isEmpty() ? "" : ", pooled for " + pooledGroups)
        + "]";
  }
}
