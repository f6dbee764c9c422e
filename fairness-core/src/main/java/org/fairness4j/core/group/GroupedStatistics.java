package org.fairness4j.core.group;

import java.util.List;
import java.util.Objects;
import org.fairness4j.core.metrics.ConfusionStatistics;
import org.fairness4j.core.table.ClassLabels;

/**
 * Everything a report of one feature set needs but the scores: the groups, how the attributes were
 * formed, the dropped rows and the merged confusion counts. Engines that aggregate instead of
 * holding the table (streaming, Apache Spark) produce one per feature set and hand it to {@link
 * org.fairness4j.core.FairnessEvaluator#evaluate(GroupedStatistics, java.util.Map)}.
 *
 * @param features the feature set
 * @param attributes how each attribute of the feature set was formed, in feature-set order
 * @param keys every group of the cartesian product, in group-number order
 * @param droppedRows rows in no group (missing values under the DROP policy)
 * @param classes the class labels, in the statistics' class order
 * @param statistics the confusion counts, one matrix per key
 */
public record GroupedStatistics(
    FeatureSet features,
    List<AttributeSummary> attributes,
    List<GroupKey> keys,
    int droppedRows,
    ClassLabels classes,
    org.fairness4j.core.metrics.ConfusionStatistics statistics) {
  /**
   * Checks and copies the parts.
   *
   * @param features the feature set
   * @param attributes attribute summaries
   * @param keys group keys
   * @param droppedRows dropped rows
   * @param classes class labels
   * @param statistics confusion counts
   * @throws IllegalArgumentException if the statistics do not fit the keys or classes
   */
  public GroupedStatistics {
    Objects.requireNonNull(features, "features");
    attributes = List.copyOf(attributes);
    keys = List.copyOf(keys);
    Objects.requireNonNull(classes, "classes");
    ConfusionStatistics s = Objects.requireNonNull(statistics, "statistics");
    if (s.groupCount() != keys.size() || s.classCount() != classes.size()) {
      throw new IllegalArgumentException(
          "statistics of "
              + s.groupCount()
              + " groups and "
              + s.classCount()
              + " classes for "
              + keys.size()
              + " keys and "
              + classes.size()
              + " classes");
    }
  }
}
