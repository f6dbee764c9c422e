package org.fairness4j.core.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.fairness4j.core.DisparityMethod;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.metrics.Metric;
import org.fairness4j.core.stats.DeLong;
import org.fairness4j.core.stats.Interval;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.core.table.PredictionTable;
import org.junit.jupiter.api.Test;

/**
 * The row (and cluster) bootstrap that {@link GroupBootstrap} uses for weighted tables and for
 * score-based numbers, checked against the count bootstrap (an independent implementation of the
 * same designs) and against DeLong's analytic AUC interval.
 */
class RowResamplingTest {
  private static final FairnessEvaluator EVALUATOR =
      FairnessEvaluator.builder().positiveLabel("1").build();
  private static final String GAP = "difference/between_groups/recall";
  private static final String F_ACCURACY = "by_group/F/accuracy";

  /** n rows: sex, label, prediction, a score, a patient with 1 to 3 images. */
  private record Data(int[] y, int[] p, String[] sex, double[] score, String[] patient) {}

  private static Data data(int n, long seed) {
    Random r = new Random(seed);
    int[] y = new int[n];
    int[] p = new int[n];
    String[] sex = new String[n];
    double[] score = new double[n];
    String[] patient = new String[n];
    int id = 0;
    int left = 0;
    for (int i = 0; i < n; i++) {
      if (left == 0) {
        id++;
        left = 1 + r.nextInt(3);
      }
      left--;
      patient[i] = "P" + id;
      sex[i] = (id % 2 == 0) ? "F" : "M";
      y[i] = r.nextDouble() < 0.4 ? 1 : 0;
      double hit = y[i] == 1 ? (sex[i].equals("F") ? 0.6 : 0.8) : 0.15;
      p[i] = r.nextDouble() < hit ? 1 : 0;
      score[i] = 1 / (1 + Math.exp(-(r.nextGaussian() + (y[i] == 1 ? 1.3 : 0))));
    }
    return new Data(y, p, sex, score, patient);
  }

  private static PredictionTable table(Data d, double[] weights, boolean clusters) {
    PredictionTable.Builder b =
        PredictionTable.builder()
            .classes(ClassLabels.ofInts(0, 1))
            .labels(d.y(), d.p())
            .scores("1", d.score())
            .categorical("sex", d.sex());
    if (weights != null) {
      b.weights(weights);
    }
    if (clusters) {
      b.clusters(d.patient());
    }
    return b.build();
  }

  private static void assertClose(double want, double got, double tol, String what) {
    assertTrue(Math.abs(want - got) < tol, what + ": " + want + " vs " + got);
  }

  /**
   * Unit weights take the row path; its percentile quantiles match the count path's within sampling
   * error.
   */
  @Test
  void rowPathMatchesCountPathOnUnitWeights() {
    Data d = data(400, 5);
    double[] ones = new double[400];
    Arrays.fill(ones, 1);
    GroupBootstrap boot = GroupBootstrap.builder().resamples(2000).seed(3).analytic(false).build();
    BootstrapResult counts = boot.evaluate(EVALUATOR, table(d, null, false), FeatureSet.of("sex"));
    BootstrapResult rows = boot.evaluate(EVALUATOR, table(d, ones, false), FeatureSet.of("sex"));
    for (String s : new String[] {GAP, F_ACCURACY}) {
      assertEquals(counts.interval(s).estimate(), rows.interval(s).estimate(), 1e-12);
      assertClose(counts.interval(s).lower(), rows.interval(s).lower(), 0.02, s + " lower");
      assertClose(counts.interval(s).upper(), rows.interval(s).upper(), 0.02, s + " upper");
    }
  }

  @Test
  void weightedIntervalsAreAroundTheWeightedEstimate() {
    Data d = data(400, 6);
    double[] w = new double[400];
    Random r = new Random(1);
    for (int i = 0; i < w.length; i++) {
      w[i] = d.y()[i] == 1 && d.p()[i] == 0 ? 3 : 0.5 + r.nextDouble();
    }
    PredictionTable t = table(d, w, false);
    GroupReport weighted = EVALUATOR.evaluate(t, FeatureSet.of("sex"));
    BootstrapResult res =
        GroupBootstrap.builder()
            .resamples(500)
            .seed(9)
            .build()
            .evaluate(EVALUATOR, t, FeatureSet.of("sex"));
    Interval gap = res.interval(GAP);
    assertEquals(
        weighted.difference(Metric.RECALL, DisparityMethod.BETWEEN_GROUPS).value(),
        gap.estimate(),
        1e-12);
    assertTrue(gap.lower() < gap.estimate() && gap.estimate() < gap.upper(), gap.toString());
    double unweighted =
        GroupBootstrap.builder()
            .resamples(500)
            .seed(9)
            .build()
            .evaluate(EVALUATOR, table(d, null, false), FeatureSet.of("sex"))
            .interval(GAP)
            .estimate();
    assertNotEquals(unweighted, gap.estimate());
  }

  /**
   * The percentile bootstrap AUC interval of a group ({@code analytic(false)}) agrees with DeLong's
   * normal interval (n = 1500).
   */
  @Test
  void aucIntervalAgreesWithDeLong() {
    Data d = data(1500, 7);
    PredictionTable t = table(d, null, false);
    BootstrapResult res =
        GroupBootstrap.builder()
            .resamples(1000)
            .seed(2)
            .scores(true)
            .analytic(false)
            .build()
            .evaluate(EVALUATOR, t, FeatureSet.of("sex"));
    double[] s = Arrays.stream(d.sex()).filter(x -> x.equals("F")).mapToDouble(x -> 0).toArray();
    int k = 0;
    boolean[] pos = new boolean[s.length];
    for (int i = 0; i < d.y().length; i++) {
      if (d.sex()[i].equals("F")) {
        s[k] = d.score()[i];
        pos[k++] = d.y()[i] == 1;
      }
    }
    Interval delong = DeLong.auc(s, pos).interval(0.95);
    Interval boot = res.interval("by_group/F/roc_auc");
    assertEquals(delong.estimate(), boot.estimate(), 1e-12);
    assertClose(delong.lower(), boot.lower(), 0.015, "lower");
    assertClose(delong.upper(), boot.upper(), 0.015, "upper");
    assertTrue(res.statistics().contains("difference/between_groups/roc_auc"));
  }

  /**
   * Clustered BCa from the count path (jackknife over distinct cluster contents) and from the row
   * path (jackknife over every cluster) agree within sampling error.
   */
  @Test
  void clusteredBcaAgreesBetweenCountAndRowPaths() {
    Data d = data(600, 8);
    PredictionTable t = table(d, null, true);
    GroupBootstrap.Builder b =
        GroupBootstrap.builder()
            .resamples(2000)
            .seed(5)
            .clustered(true)
            .analytic(false)
            .method(GroupBootstrap.Method.BCA);
    GroupKey ref = GroupKey.of("F");
    BootstrapResult counts = b.build().evaluate(EVALUATOR, t, FeatureSet.of("sex"), ref);
    BootstrapResult rows = b.scores(true).build().evaluate(EVALUATOR, t, FeatureSet.of("sex"), ref);
    for (String s : new String[] {"difference/to_reference/M/recall", F_ACCURACY}) {
      assertEquals("bootstrap-bca", counts.interval(s).method());
      assertEquals("bootstrap-bca", rows.interval(s).method());
      assertClose(counts.interval(s).lower(), rows.interval(s).lower(), 0.02, s + " lower");
      assertClose(counts.interval(s).upper(), rows.interval(s).upper(), 0.02, s + " upper");
    }
  }

  @Test
  void sameSeedSameIntervalsWhateverTheThreadSchedule() {
    Data d = data(300, 9);
    GroupBootstrap boot = GroupBootstrap.builder().resamples(200).seed(4).scores(true).build();
    PredictionTable t = table(d, null, true);
    assertEquals(
        boot.evaluate(EVALUATOR, t, FeatureSet.of("sex")).intervals(),
        boot.evaluate(EVALUATOR, t, FeatureSet.of("sex")).intervals());
  }

  @Test
  void bcaOverTooManyRowsIsRefusedBeforeAnyWork() {
    int n = RowResampling.MAX_JACKKNIFE_UNITS + 1;
    double[] w = new double[n];
    Arrays.fill(w, 1);
    PredictionTable t =
        PredictionTable.builder()
            .labels(new int[n], new int[n])
            .weights(w)
            .categorical("g", new String[n])
            .build();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                GroupBootstrap.builder()
                    .method(GroupBootstrap.Method.BCA)
                    .build()
                    .evaluate(EVALUATOR, t, FeatureSet.of("g")));
    assertTrue(e.getMessage().contains("percentile"), e.getMessage());
  }
}
