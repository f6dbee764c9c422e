package org.fairness4j.spark;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.metrics.UndefinedPolicy;
import org.fairness4j.core.report.format.ReportFormat;
import org.fairness4j.core.table.Binning;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.core.table.MissingValuePolicy;
import org.fairness4j.core.table.csv.CsvTableSpec;
import org.fairness4j.core.table.csv.PredictionTableCsv;
import org.fairness4j.core.table.csv.TableFormatException;

/**
 * On generated tables (empty groups from unused bins, missing and unparseable sensitive values,
 * tied scores, weights, clusters, binary and 3-class) Spark local[2] gives the local engine's
 * reports: identical JSON without weights, and with weights but no scores (weights are summed
 * exactly); with weights and scores the weighted AUC is equal to 1e-12 (its products are summed in
 * floating point in partition order). A NaN score is refused by both engines, naming the column.
 * Few tries: each runs Spark jobs.
 */
class SparkParityProperties {
  private static final String[] HEADER = {
    "y_true", "y_pred", "a", "b", "w", "s0", "s1", "s2", "cl"
  };

  @Property(tries = 8)
  void sparkReportsEqualLocalReports(@ForAll long seed) throws IOException {
    Random r = new Random(seed);
    boolean weighted = r.nextBoolean();
    boolean binary = r.nextBoolean();
    // Weighted count reports (no scores) take extreme weights: 1e300, 1e-300, subnormals, 0.1.
    boolean scored = !weighted || r.nextBoolean();
    List<String[]> rows = rows(r, binary ? 2 : 3, 1 + r.nextInt(300), false, !scored);
    CsvTableSpec spec = spec(r, weighted, binary, scored);
    FairnessEvaluator evaluator =
        FairnessEvaluator.builder()
            .positiveLabel(binary ? "1" : null)
            .undefinedPolicy(r.nextBoolean() ? UndefinedPolicy.NAN : UndefinedPolicy.ZERO)
            .build();
    List<FeatureSet> sets =
        List.of(FeatureSet.of("a"), FeatureSet.of("b"), FeatureSet.of("a", "b"));
    List<GroupReport> local;
    try {
      local = evaluator.evaluate(PredictionTableCsv.read(csv(rows), spec), sets);
    } catch (IllegalArgumentException e) {
      // E.g. every value of an attribute missing and dropped: both engines refuse the table.
      assertThrows(
          IllegalArgumentException.class,
          () -> SparkFairnessEvaluator.of(evaluator, spec).evaluate(dataset(rows, 2), sets));
      return;
    }
    List<GroupReport> spark =
        SparkFairnessEvaluator.of(evaluator, spec).evaluate(dataset(rows, 1 + r.nextInt(4)), sets);
    boolean approximate = weighted && scored; // the weighted AUC's products (class comment)
    for (ReportFormat f : List.of(ReportFormat.JSON, ReportFormat.CSV, ReportFormat.MARKDOWN)) {
      ReportComparison.assertSame(
          ReportComparison.write(local, f), ReportComparison.write(spark, f), approximate);
    }
  }

  @Property(tries = 2)
  void nanScoresAreRefusedByBothEngines(@ForAll @IntRange(min = 1, max = 50) int n)
      throws IOException {
    Random r = new Random(n);
    List<String[]> rows = rows(r, 2, n, true, false);
    CsvTableSpec spec = spec(r, false, true, true);
    FairnessEvaluator evaluator = FairnessEvaluator.builder().positiveLabel("1").build();
    List<FeatureSet> sets = List.of(FeatureSet.of("a"));
    Path file = csv(rows);
    assertThrows(TableFormatException.class, () -> PredictionTableCsv.read(file, spec));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SparkFairnessEvaluator.of(evaluator, spec).evaluate(dataset(rows, 2), sets));
    assertTrue(e.getMessage().contains("column 's0'"), e.getMessage());
    assertTrue(e.getMessage().contains("not a finite number"), e.getMessage());
  }

  private static CsvTableSpec spec(Random r, boolean weighted, boolean binary, boolean scored) {
    CsvTableSpec.Builder b =
        CsvTableSpec.builder("y_true", "y_pred")
            .categorical("a")
            // Bins above every generated value stay empty groups.
            .binned("b", Binning.edges(0, 10, 20, 100, 1000))
            .missingPolicy(r.nextBoolean() ? MissingValuePolicy.OWN_GROUP : MissingValuePolicy.DROP)
            .cluster("cl");
    if (weighted) {
      b.weight("w");
    }
    if (binary) {
      b.positiveLabel("1");
    } else {
      b.classes(ClassLabels.of("0", "1", "2"));
    }
    if (scored && binary) {
      b.score("s0");
    } else if (scored) {
      b.score("s0").score("s1").score("s2");
    }
    return b.build();
  }

  private static List<String[]> rows(Random r, int k, int n, boolean nanScore, boolean extreme) {
    String[] cats = {"x", "y", "z", "", "NA"};
    String[] nums = {"-5", "3", "15", "25", "abc", "", "9.99"};
    String[] scores = {"0.0", "-0.0", "0.1", "0.25", "0.5", "0.75", "1.0", "0.3333333333333333"};
    String[] weights =
        extreme
            ? new String[] {"0", "0.1", "0.7", "3.1", "1e-300", "1e300", "4.9e-324", "2.2e-308"}
            : new String[] {"0", "0.5", "1", "2.25", "3.1"};
    List<String[]> rows = new ArrayList<>();
    int nan = r.nextInt(n);
    for (int i = 0; i < n; i++) {
      rows.add(
          new String[] {
            Integer.toString(r.nextInt(k)),
            Integer.toString(r.nextInt(k)),
            cats[r.nextInt(cats.length)],
            nums[r.nextInt(nums.length)],
            weights[r.nextInt(weights.length)],
            nanScore && i == nan ? "NaN" : scores[r.nextInt(scores.length)],
            scores[r.nextInt(scores.length)],
            scores[r.nextInt(scores.length)],
            "p" + r.nextInt(7)
          });
    }
    return rows;
  }

  private static Path csv(List<String[]> rows) throws IOException {
    Path file = Files.createTempFile("spark-parity", ".csv");
    file.toFile().deleteOnExit();
    StringBuilder s = new StringBuilder(String.join(",", HEADER)).append('\n');
    rows.forEach(row -> s.append(String.join(",", row)).append('\n'));
    Files.writeString(file, s);
    return file;
  }

  private static Dataset<Row> dataset(List<String[]> rows, int partitions) {
    List<StructField> fields = new ArrayList<>();
    for (String h : HEADER) {
      fields.add(DataTypes.createStructField(h, DataTypes.StringType, true));
    }
    List<Row> data = new ArrayList<>();
    rows.forEach(row -> data.add(RowFactory.create((Object[]) row)));
    return SparkTestSession.get()
        .createDataFrame(data, new StructType(fields.toArray(new StructField[0])))
        .repartition(partitions);
  }
}
