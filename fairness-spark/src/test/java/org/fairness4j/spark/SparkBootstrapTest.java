package org.fairness4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.bootstrap.BootstrapResult;
import org.fairness4j.core.bootstrap.GroupBootstrap;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.table.PredictionTable;
import org.fairness4j.core.table.csv.CsvTableSpec;
import org.fairness4j.core.table.csv.PredictionTableCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bootstrap intervals from Spark's aggregated cells equal the local engine's count-cell bootstrap
 * for the same seed: plain, stratified and clustered (whole subjects, clusters in first-appearance
 * order), percentile and BCa.
 */
class SparkBootstrapTest {
  @TempDir Path dir;

  @Test
  void intervalsEqualTheLocalEngines() throws Exception {
    // 600 rows, 40 subjects with 15 images each, two sites, an unused third level of nothing.
    Random r = new Random(17);
    StringBuilder csv = new StringBuilder("y_true,y_pred,site,sex,patient\n");
    for (int i = 0; i < 600; i++) {
      int patient = i / 15;
      String sex = patient % 3 == 0 ? "F" : "M";
      int y = r.nextInt(2);
      int p = r.nextDouble() < 0.75 ? y : 1 - y;
      csv.append(y).append(',').append(p).append(",S").append(patient % 2).append(',');
      csv.append(sex).append(",P").append(patient).append('\n');
    }
    Path file = dir.resolve("subjects.csv");
    Files.writeString(file, csv);
    CsvTableSpec spec =
        CsvTableSpec.builder("y_true", "y_pred")
            .positiveLabel("1")
            .categorical("site")
            .categorical("sex")
            .cluster("patient")
            .build();
    FairnessEvaluator evaluator = FairnessEvaluator.builder().positiveLabel("1").build();
    PredictionTable table = PredictionTableCsv.read(file, spec);
    Dataset<Row> rows = SparkTestSession.get().read().option("header", "true").csv(file.toString());
    List<FeatureSet> sets = List.of(FeatureSet.of("site"), FeatureSet.of("site", "sex"));
    SparkFairnessEvaluator spark = SparkFairnessEvaluator.of(evaluator, spec);
    for (GroupBootstrap boot :
        List.of(
            GroupBootstrap.builder().resamples(200).seed(3).build(),
            GroupBootstrap.builder().resamples(200).seed(4).stratified(true).build(),
            GroupBootstrap.builder().resamples(200).seed(5).clustered(true).build(),
            GroupBootstrap.builder()
                .resamples(200)
                .seed(6)
                .clustered(true)
                .method(GroupBootstrap.Method.BCA)
                .build())) {
      List<BootstrapResult> fromSpark = spark.bootstrap(rows, sets, boot);
      for (int f = 0; f < sets.size(); f++) {
        BootstrapResult local = boot.evaluate(evaluator, table, sets.get(f));
        assertFalse(local.intervals().isEmpty());
        assertEquals(local, fromSpark.get(f));
      }
    }
    // With a reference group, the signed differences and ratios to it get intervals too.
    GroupBootstrap boot = GroupBootstrap.builder().resamples(200).seed(7).clustered(true).build();
    GroupKey ref = GroupKey.parse("S1|F");
    List<BootstrapResult> withRef = spark.bootstrap(rows, sets, boot, Map.of(sets.get(1), ref));
    assertEquals(boot.evaluate(evaluator, table, sets.get(0)), withRef.get(0));
    BootstrapResult local = boot.evaluate(evaluator, table, sets.get(1), ref);
    assertTrue(local.intervals().keySet().stream().anyMatch(k -> k.key().contains("to_reference")));
    assertEquals(local, withRef.get(1));
  }

  @Test
  void weightedRowsAreRefused() {
    CsvTableSpec spec =
        CsvTableSpec.builder("y_true", "y_pred").weight("w").categorical("site").build();
    SparkFairnessEvaluator spark =
        SparkFairnessEvaluator.of(FairnessEvaluator.builder().build(), spec);
    assertThrows(
        IllegalArgumentException.class,
        () ->
            spark.bootstrap(
                SparkTestSession.get().emptyDataFrame(),
                List.of(FeatureSet.of("site")),
                GroupBootstrap.builder().resamples(10).build()));
  }
}
