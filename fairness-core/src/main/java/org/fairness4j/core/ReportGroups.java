package org.fairness4j.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fairness4j.core.group.AttributeSummary;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.metrics.Metric;
import org.fairness4j.core.metrics.MetricValues;

/**
 * The groups of a {@link GroupReport}: the feature set and how its attributes were formed, every
 * group of the cartesian product, the non-empty ones with their values, the empty ones, and each
 * group's confusion matrix. Immutable.
 */
final class ReportGroups {
  private final FeatureSet features;
  private final List<AttributeSummary> attributes;
  private final int droppedRows;
  private final long n;
  private final Map<GroupKey, MetricValues> byGroup;
  private final List<GroupKey> groups;
  private final Set<GroupKey> groupSet;
  private final List<GroupKey> emptyGroups;
  private final Map<GroupKey, double[][]> confusion;
  private final double[][] overallConfusion;

  ReportGroups(
      FeatureSet features,
      List<AttributeSummary> attributes,
      int droppedRows,
      Map<GroupKey, MetricValues> allGroups,
      Map<GroupKey, double[][]> confusion,
      double[][] overallConfusion) {
    this.features = features;
    this.attributes = List.copyOf(attributes);
    this.droppedRows = droppedRows;
    Map<GroupKey, MetricValues> nonEmpty = new LinkedHashMap<>();
    List<GroupKey> empty = new ArrayList<>();
    long rows = 0;
    for (Map.Entry<GroupKey, MetricValues> e : allGroups.entrySet()) {
      long count = (long) e.getValue().value(Metric.COUNT);
      rows += count;
      if (count == 0) {
        empty.add(e.getKey());
      } else {
        nonEmpty.put(e.getKey(), e.getValue());
      }
    }
    this.n = rows;
    this.groups = List.copyOf(allGroups.keySet());
    this.groupSet = Set.copyOf(groups);
    this.byGroup = Collections.unmodifiableMap(nonEmpty);
    this.emptyGroups = List.copyOf(empty);
    this.confusion = Collections.unmodifiableMap(new LinkedHashMap<>(confusion));
    this.overallConfusion = overallConfusion;
  }

  FeatureSet features() {
    return features;
  }

  List<AttributeSummary> attributes() {
    return attributes;
  }

  int droppedRows() {
    return droppedRows;
  }

  long n() {
    return n;
  }

  Map<GroupKey, MetricValues> byGroup() {
    return byGroup;
  }

  List<GroupKey> groups() {
    return groups;
  }

  List<GroupKey> emptyGroups() {
    return emptyGroups;
  }

  /** The values of a non-empty group; an unknown or empty group is an IllegalArgumentException. */
  MetricValues group(GroupKey group) {
    MetricValues v = byGroup.get(group);
    if (v == null) {
      throw new IllegalArgumentException(
          emptyGroups.contains(group)
              ? "group " + group + " is empty"
              : "no group " + group + " in " + features + "; groups: " + groups);
    }
    return v;
  }

  /** Returns the group if it is one of these groups (empty ones included). */
  GroupKey require(GroupKey g) {
    if (!groupSet.contains(g)) {
      throw new IllegalArgumentException("no group " + g + " in " + features + ": " + groups);
    }
    return g;
  }

  /** A copy of a group's confusion matrix; null: the overall one. */
  double[][] confusionMatrix(GroupKey group) {
    double[][] m = group == null ? overallConfusion : confusion.get(require(group));
    double[][] c = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      c[i] = m[i].clone();
    }
    return c;
  }
}
