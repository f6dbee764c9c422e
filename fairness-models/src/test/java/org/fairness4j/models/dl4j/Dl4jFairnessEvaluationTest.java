package org.fairness4j.models.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.metrics.Metric;
import org.fairness4j.core.table.Binning;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.core.table.MissingValuePolicy;
import org.fairness4j.core.table.PredictionTable;
import org.fairness4j.core.table.SensitiveAttribute;
import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

class Dl4jFairnessEvaluationTest {
  private static final ClassLabels CLASSES = ClassLabels.of("a", "b", "c");
  private static final int N = 300;

  /** Seeded rows: true class, output probabilities, sex, age (some missing). */
  private final int[] yTrue = new int[N];

  private final double[][] out = new double[N][3];
  private final String[][] attrs = new String[N][];

  Dl4jFairnessEvaluationTest() {
    Random rng = new Random(11);
    for (int i = 0; i < N; i++) {
      yTrue[i] = rng.nextInt(3);
      double sum = 0;
      for (int c = 0; c < 3; c++) {
        out[i][c] = rng.nextDouble() + (c == yTrue[i] ? rng.nextDouble() : 0);
        sum += out[i][c];
      }
      for (int c = 0; c < 3; c++) {
        out[i][c] /= sum;
      }
      attrs[i] =
          new String[] {rng.nextBoolean() ? "F" : "M", i % 17 == 0 ? "" : "" + rng.nextInt(95)};
    }
  }

  private static Dl4jFairnessEvaluationBuilder builder() {
    return Dl4jFairnessEvaluation.builder(CLASSES)
        .attribute("sex")
        .attribute("age", Binning.parse("0,60,100"));
  }

  private INDArray labels(int from, int to) {
    INDArray l = Nd4j.zeros(to - from, 3);
    for (int i = from; i < to; i++) {
      l.putScalar(i - from, yTrue[i], 1.0);
    }
    return l;
  }

  private INDArray outputs(int from, int to) {
    double[][] rows = new double[to - from][];
    System.arraycopy(out, from, rows, 0, to - from);
    return Nd4j.create(rows);
  }

  private List<String[]> attrs(int from, int to) {
    return List.of(attrs).subList(from, to);
  }

  private Dl4jFairnessEvaluation fedInBatches(int batch) {
    Dl4jFairnessEvaluation e = builder().build();
    for (int from = 0; from < N; from += batch) {
      int to = Math.min(N, from + batch);
      e.evalGroups(labels(from, to), outputs(from, to), null, attrs(from, to));
    }
    return e;
  }

  @Test
  void overallAndPerClassValuesEqualDl4jsEvaluation() {
    Evaluation dl4j = new Evaluation(3);
    dl4j.eval(labels(0, N), outputs(0, N));
    GroupReport r = fedInBatches(64).report(FeatureSet.of("sex"));
    assertEquals(dl4j.accuracy(), r.overall().value(Metric.ACCURACY), 1e-12);
    for (int c = 0; c < 3; c++) {
      GroupReport pc = r.perClass().get(CLASSES.label(c));
      assertEquals(dl4j.f1(c), pc.overall().value(Metric.F1), 1e-12);
      assertEquals(dl4j.precision(c), pc.overall().value(Metric.PRECISION), 1e-12);
      assertEquals(dl4j.recall(c), pc.overall().value(Metric.RECALL), 1e-12);
    }
  }

  @Test
  void batchStatisticsEqualTheCoreEngineOnTheWholeTable() {
    int[] yPred = new int[N];
    String[] sex = new String[N];
    String[] age = new String[N];
    for (int i = 0; i < N; i++) {
      for (int c = 1; c < 3; c++) {
        if (out[i][c] > out[i][yPred[i]]) {
          yPred[i] = c;
        }
      }
      sex[i] = attrs[i][0];
      age[i] = attrs[i][1];
    }
    PredictionTable table =
        PredictionTable.builder()
            .classes(CLASSES)
            .classIndices(yTrue, yPred)
            .attribute(SensitiveAttribute.categorical("sex", sex, MissingValuePolicy.OWN_GROUP))
            .attribute(
                SensitiveAttribute.binned(
                    "age", age, Binning.parse("0,60,100"), MissingValuePolicy.OWN_GROUP))
            .build();
    FeatureSet both = FeatureSet.of("sex", "age");
    GroupReport whole = FairnessEvaluator.builder().build().evaluate(table, both);
    GroupReport batched = fedInBatches(37).report(both);
    assertEquals(whole.byGroup().keySet(), batched.byGroup().keySet());
    assertTrue(batched.byGroup().containsKey(GroupKey.of("F", "<missing>")));
    for (GroupKey g : whole.byGroup().keySet()) {
      for (Metric m : batched.metrics()) {
        assertEquals(whole.group(g).value(m), batched.group(g).value(m), 1e-12, g + " " + m);
      }
    }
  }

  @Test
  void mergedHalvesEqualOnePass() {
    Dl4jFairnessEvaluation first = builder().build();
    Dl4jFairnessEvaluation second = first.newInstance();
    first.evalGroups(labels(0, 150), outputs(0, 150), null, attrs(0, 150));
    second.evalGroups(labels(150, N), outputs(150, N), null, attrs(150, N));
    first.merge(second);
    Dl4jFairnessEvaluation whole = fedInBatches(N);
    for (FeatureSet fs : whole.featureSets()) {
      assertEquals(whole.statistics(fs), first.statistics(fs), fs.toString());
    }
  }

  @Test
  void iteratorMetadataGivesTheGroups() {
    List<DataSet> batches = new ArrayList<>();
    for (int from = 0; from < N; from += 50) {
      DataSet ds = new DataSet(outputs(from, from + 50), labels(from, from + 50));
      List<Serializable> meta = new ArrayList<>();
      for (int i = from; i < from + 50; i++) {
        meta.add(attrs[i][0] + ";" + attrs[i][1]);
      }
      ds.setExampleMetaData(meta);
      batches.add(ds);
    }
    Dl4jFairnessEvaluation e = builder().attributesFrom(m -> ((String) m).split(";", -1)).build();
    // The "network" is the identity: the features are the outputs.
    Dl4jFairnessEvaluation.evaluate(new ListIterator(batches), x -> x, e);
    FeatureSet sex = FeatureSet.of("sex");
    assertEquals(fedInBatches(50).statistics(sex), e.statistics(sex));
  }

  @Test
  void aBatchWithoutMetadataIsAClearError() {
    List<DataSet> batches = List.of(new DataSet(outputs(0, 10), labels(0, 10)));
    Dl4jFairnessEvaluation e = builder().attributesFrom(m -> new String[] {"F", "1"}).build();
    IllegalArgumentException ex =
        assertThrows(
            IllegalArgumentException.class,
            () -> Dl4jFairnessEvaluation.evaluate(new ListIterator(batches), x -> x, e));
    assertTrue(ex.getMessage().contains("batch 0"), ex.getMessage());
  }

  @Test
  void singleColumnBinaryOutputUsesTheThresholdAndMaskSkipsRows() {
    Dl4jFairnessEvaluation e =
        Dl4jFairnessEvaluation.builder(ClassLabels.of("0", "1"))
            .attribute("sex")
            .binaryThreshold(0.7)
            .evaluator(FairnessEvaluator.builder().positiveLabel("1").build())
            .build();
    INDArray labels = Nd4j.create(new double[][] {{1}, {1}, {0}, {0}});
    INDArray preds = Nd4j.create(new double[][] {{0.8}, {0.6}, {0.9}, {0.1}});
    INDArray mask = Nd4j.create(new double[] {1, 1, 1, 0});
    e.evalGroups(
        labels,
        preds,
        mask,
        List.of(new String[] {"F"}, new String[] {"F"}, new String[] {"M"}, new String[] {"M"}));
    GroupReport r = e.report(FeatureSet.of("sex"));
    assertEquals(3, r.overall().value(Metric.COUNT));
    assertEquals(0.5, r.group(GroupKey.of("F")).value(Metric.RECALL), 0);
    assertEquals(1.0, r.group(GroupKey.of("M")).value(Metric.FPR), 0);
  }

  @Test
  void misuseIsReportedClearly() {
    Dl4jFairnessEvaluation e = builder().build();
    assertThrows(UnsupportedOperationException.class, () -> e.eval(labels(0, 5), outputs(0, 5)));
    assertThrows(IllegalStateException.class, () -> e.report(FeatureSet.of("sex")));
    IllegalArgumentException cols =
        assertThrows(
            IllegalArgumentException.class,
            () -> e.evalGroups(labels(0, 2), Nd4j.zeros(2, 4), null, attrs(0, 2)));
    assertTrue(cols.getMessage().contains("4 columns"), cols.getMessage());
    IllegalArgumentException count =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                e.evalGroups(
                    labels(0, 1), outputs(0, 1), null, List.<String[]>of(new String[] {"F"})));
    assertTrue(count.getMessage().contains("expected 2 attribute values"), count.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> builder().evaluator(FairnessEvaluator.builder().positiveLabel("x").build()).build());
  }

  /** Raw values go through the core's TableCoder: the CSV reader's missing and bin rules. */
  @Test
  void missingUnparseableAndOutOfRangeValuesFormTheMissingGroupAsInTheCsvReader() {
    String[] age = {"30", "old", "150", "", "70", "-1"};
    Dl4jFairnessEvaluation e = builder().build();
    List<String[]> values = new java.util.ArrayList<>();
    for (String a : age) {
      values.add(new String[] {"F", a});
    }
    e.evalGroups(labels(0, 6), outputs(0, 6), null, values);
    FeatureSet byAge = FeatureSet.of("age");
    SensitiveAttribute core =
        SensitiveAttribute.binned(
            "age", age, Binning.parse("0,60,100"), MissingValuePolicy.OWN_GROUP);
    assertEquals(core.levels(), e.groups(byAge).stream().map(g -> g.levels().get(0)).toList());
    org.fairness4j.core.group.AttributeSummary summary =
        e.groupedStatistics(byAge).attributes().get(0);
    assertEquals(core.missingTokenRows(), summary.missingRows());
    assertEquals(core.unparseableRows(), summary.unparseableRows());
    assertEquals(core.outOfRangeRows(), summary.outOfRangeRows());
    assertEquals(3, core.missingRows(), "'old', '' and -1");
    assertEquals(
        core.missingRows(), e.report(byAge).group(GroupKey.of("<missing>")).value(Metric.COUNT));
    Dl4jFairnessEvaluation dropped = builder().missingValues(MissingValuePolicy.DROP).build();
    dropped.evalGroups(labels(0, 6), outputs(0, 6), null, values);
    assertEquals(core.missingRows(), dropped.groupedStatistics(byAge).droppedRows());
  }

  /**
   * The same raw values through the adapter and through the core CSV reader ({@link
   * org.fairness4j.core.table.csv.PredictionTableCsv}): missing tokens in both attributes, an
   * unparseable and out-of-range ages, and the sex × age intersection give the same groups, counts
   * and metric values.
   */
  @Test
  void intersectionWithMissingUnparseableAndOutOfRangeValuesEqualsTheCoreCsvReader(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
    String[] sexes = {"F", "M", "", "NA", "F", "M"};
    String[] ages = {"30", "old", "150", "", "70", "-1", "59.5", "100", "0", "x1"};
    int n = 120;
    List<String[]> values = new ArrayList<>();
    StringBuilder csv = new StringBuilder("y_true,y_pred,sex,age\n");
    for (int i = 0; i < n; i++) {
      String sex = sexes[i % sexes.length];
      String age = ages[(i * 7) % ages.length];
      values.add(new String[] {sex, age});
      int pred = 0;
      for (int c = 1; c < 3; c++) {
        if (out[i][c] > out[i][pred]) {
          pred = c;
        }
      }
      csv.append(CLASSES.label(yTrue[i])).append(',').append(CLASSES.label(pred)).append(',');
      csv.append(sex).append(',').append(age).append('\n');
    }
    java.nio.file.Path file = dir.resolve("table.csv");
    java.nio.file.Files.writeString(file, csv);
    PredictionTable table =
        org.fairness4j.core.table.csv.PredictionTableCsv.read(
            file,
            org.fairness4j.core.table.csv.CsvTableSpec.builder("y_true", "y_pred")
                .classes(CLASSES)
                .categorical("sex")
                .binned("age", Binning.parse("0,60,100"))
                .build());
    Dl4jFairnessEvaluation e = builder().build();
    for (int from = 0; from < n; from += 25) {
      int to = Math.min(n, from + 25);
      e.evalGroups(labels(from, to), outputs(from, to), null, values.subList(from, to));
    }
    for (FeatureSet fs :
        List.of(FeatureSet.of("sex"), FeatureSet.of("age"), FeatureSet.of("sex", "age"))) {
      GroupReport core = FairnessEvaluator.builder().build().evaluate(table, fs);
      GroupReport dl4j = e.report(fs);
      assertEquals(
          List.copyOf(core.byGroup().keySet()),
          List.copyOf(dl4j.byGroup().keySet()),
          fs.toString());
      for (GroupKey g : core.byGroup().keySet()) {
        for (Metric m : core.metrics()) {
          assertEquals(
              core.group(g).value(m), dl4j.group(g).value(m), 1e-12, fs + " " + g + " " + m);
        }
      }
    }
    GroupReport both = e.report(FeatureSet.of("sex", "age"));
    assertTrue(both.byGroup().containsKey(GroupKey.of("<missing>", "<missing>")));
    SensitiveAttribute age = table.attribute("age").orElseThrow();
    org.fairness4j.core.group.AttributeSummary summary =
        e.groupedStatistics(FeatureSet.of("age")).attributes().get(0);
    assertEquals(age.missingTokenRows(), summary.missingRows());
    assertEquals(age.unparseableRows(), summary.unparseableRows());
    assertEquals(age.outOfRangeRows(), summary.outOfRangeRows());
    assertTrue(age.unparseableRows() > 0 && age.outOfRangeRows() > 0, "the table has both cases");
  }

  @Test
  void fairnessMetricsAreAvailableAsDl4jMetrics() {
    Dl4jFairnessEvaluation e = fedInBatches(100);
    GroupReport sex = e.report(FeatureSet.of("sex"));
    assertEquals(
        sex.groupMin(Metric.ACCURACY).value(),
        e.getValue(Dl4jFairnessMetric.WORST_GROUP_ACCURACY),
        0);
    assertEquals(
        sex.groupMax(Metric.ACCURACY).value() - sex.groupMin(Metric.ACCURACY).value(),
        e.getValue(Dl4jFairnessMetric.ACCURACY_DIFFERENCE),
        1e-15);
    assertEquals(sex.overall().value(Metric.ACCURACY), e.getValue(Evaluation.Metric.ACCURACY), 0);
    assertTrue(e.stats().contains("accuracy"));
    assertTrue(e.toJson().startsWith("{") || e.toJson().startsWith("["));
  }

  /** A DataSetIterator over a list (DL4J's ListDataSetIterator lives in deeplearning4j-core). */
  private static final class ListIterator implements DataSetIterator {
    private final List<DataSet> batches;
    private Iterator<DataSet> it;

    ListIterator(List<DataSet> batches) {
      this.batches = batches;
      this.it = batches.iterator();
    }

    @Override
    public DataSet next(int num) {
      return next();
    }

    @Override
    public int inputColumns() {
      return 3;
    }

    @Override
    public int totalOutcomes() {
      return 3;
    }

    @Override
    public boolean resetSupported() {
      return true;
    }

    @Override
    public boolean asyncSupported() {
      return false;
    }

    @Override
    public void reset() {
      it = batches.iterator();
    }

    @Override
    public int batch() {
      return 50;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {}

    @Override
    public DataSetPreProcessor getPreProcessor() {
      return null;
    }

    @Override
    public List<String> getLabels() {
      return CLASSES.asList();
    }

    @Override
    public boolean hasNext() {
      return it.hasNext();
    }

    @Override
    public DataSet next() {
      return it.next();
    }
  }
}
