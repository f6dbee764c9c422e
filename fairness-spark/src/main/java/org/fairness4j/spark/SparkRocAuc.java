package org.fairness4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.fairness4j.core.metrics.RocAucSums;
import org.fairness4j.core.table.csv.RowGrouper;

/**
 * Exact per-group ROC AUC on Spark: a range partitioning by score (equal scores share a partition),
 * a sort within each partition, per-partition {@link RocAucSums} of every feature set, chained on
 * the driver in partition order. Only the sums (groups × feature sets × partitions) are collected.
 */
final class SparkRocAuc {
  private SparkRocAuc() {}

  /** One partition's sums, one per feature set. */
  record PartitionSums(int partition, RocAucSums[] sums) implements Serializable {}

  static RocAucSums[] byGroup(
      Dataset<Row> coded, String scoreColumn, RowGrouper grouper, int positive, int attributes) {
    List<org.apache.spark.sql.Column> cols = new ArrayList<>();
    cols.add(coded.col(scoreColumn));
    cols.add(coded.col("t"));
    cols.add(coded.col("w"));
    for (int a = 0; a < attributes; a++) {
      cols.add(coded.col("a" + a));
    }
    Dataset<Row> sorted =
        coded
            .select(cols.toArray(new org.apache.spark.sql.Column[0]))
            .repartitionByRange(coded.col(scoreColumn))
            .sortWithinPartitions(scoreColumn);
    Function2<Integer, Iterator<Row>, Iterator<PartitionSums>> perPartition =
        (index, it) -> {
          int sets = grouper.featureSetCount();
          RocAucSums.Accumulator[] acc = new RocAucSums.Accumulator[sets];
          for (int f = 0; f < sets; f++) {
            acc[f] = RocAucSums.accumulator(grouper.groupCount(f));
          }
          String[] tokens = new String[attributes];
          while (it.hasNext()) {
            Row r = it.next();
            double score = r.getDouble(0);
            boolean pos = grouper.classOf(r.getInt(1)) == positive;
            double w = r.getDouble(2);
            for (int a = 0; a < attributes; a++) {
              tokens[a] = r.getString(3 + a);
            }
            int[] codes = grouper.levelCodes(tokens);
            for (int f = 0; f < sets; f++) {
              acc[f].add(score, pos, w, grouper.group(f, codes));
            }
          }
          RocAucSums[] out = new RocAucSums[sets];
          for (int f = 0; f < sets; f++) {
            out[f] = acc[f].finish();
          }
          return Collections.singletonList(new PartitionSums(index, out)).iterator();
        };
    List<PartitionSums> parts =
        new ArrayList<>(
            SparkErrors.unwrap(
                () -> sorted.javaRDD().mapPartitionsWithIndex(perPartition, false).collect()));
    parts.sort(Comparator.comparingInt(PartitionSums::partition));
    int sets = grouper.featureSetCount();
    RocAucSums[] total = new RocAucSums[sets];
    for (int f = 0; f < sets; f++) {
      total[f] = RocAucSums.empty(grouper.groupCount(f));
      for (PartitionSums p : parts) {
        total[f] = total[f].then(p.sums()[f]);
      }
    }
    return total;
  }
}
