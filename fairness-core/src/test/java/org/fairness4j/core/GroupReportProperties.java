package org.fairness4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.fairness4j.core.RandomTables.Raw;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupIndex;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.metrics.ConfusionStatistics;
import org.fairness4j.core.metrics.Metric;
import org.fairness4j.core.metrics.MetricValue;
import org.fairness4j.core.metrics.MetricValues;
import org.fairness4j.core.metrics.UndefinedPolicy;
import org.fairness4j.core.metrics.UndefinedReason;
import org.fairness4j.core.table.PredictionTable;

/** Properties of the engine on random tables (see {@link RandomTables}). */
class GroupReportProperties {
  private static final List<FeatureSet> SETS =
      List.of(FeatureSet.of("sex"), FeatureSet.of("age"), FeatureSet.of("sex", "age"));
  private static final List<String> BRUTE_METRICS =
      List.of(
          "count",
          "accuracy",
          "selection_rate",
          "base_rate",
          "recall",
          "fpr",
          "tnr",
          "fnr",
          "precision",
          "npv",
          "f1");
  private static final FairnessEvaluator BINARY =
      FairnessEvaluator.builder().positiveLabel("1").build();

  @Property
  void everyGroupValueEqualsBruteForceRecomputation(@ForAll long seed, @ForAll boolean weighted) {
    Raw raw = RandomTables.raw(seed);
    PredictionTable table = RandomTables.table(raw, weighted);
    for (GroupReport r : BINARY.evaluate(table, SETS)) {
      for (GroupKey g : r.groups()) {
        String sex = r.features().attributes().contains("sex") ? g.levels().get(0) : null;
        int age = -1;
        if (r.features().attributes().contains("age")) {
          age = RandomTables.AGE.names().indexOf(g.levels().get(g.levels().size() - 1));
        }
        List<Integer> rows = BruteForce.rows(raw, sex, age);
        if (rows.isEmpty()) {
          assertTrue(r.emptyGroups().contains(g), g + " is empty");
          continue;
        }
        MetricValues v = r.group(g);
        for (String m : BRUTE_METRICS) {
          assertSame(BruteForce.binary(raw, rows, m, weighted), v.get(Metric.fromKey(m)), g + m);
        }
        assertSame(BruteForce.auc(raw, rows, weighted), v.get(Metric.ROC_AUC), g + " auc");
      }
      List<Integer> all = BruteForce.rows(raw, null, -1);
      assertSame(BruteForce.auc(raw, all, weighted), r.overall().get(Metric.ROC_AUC), "auc");
      assertSame(
          BruteForce.binary(raw, all, "recall", weighted), r.overall().get(Metric.RECALL), "tpr");
    }
  }

  private static void assertSame(double expected, MetricValue actual, String what) {
    if (Double.isNaN(expected)) {
      assertTrue(Double.isNaN(actual.value()) && !actual.isDefined(), what + ": " + actual);
    } else {
      assertEquals(expected, actual.value(), 1e-12, what);
      assertTrue(actual.isDefined(), what);
    }
  }

  @Property
  void reportIsInvariantUnderRowPermutation(@ForAll long seed, @ForAll long permutation) {
    Raw raw = RandomTables.raw(seed);
    Raw shuffled = permute(raw, new Random(permutation));
    for (boolean weighted : new boolean[] {false, true}) {
      List<GroupReport> a = BINARY.evaluate(RandomTables.table(raw, weighted), SETS);
      List<GroupReport> b = BINARY.evaluate(RandomTables.table(shuffled, weighted), SETS);
      for (int i = 0; i < a.size(); i++) {
        assertEquals(a.get(i).overall(), b.get(i).overall());
        assertEquals(a.get(i).byGroup(), b.get(i).byGroup());
        assertEquals(a.get(i).fairness().asMap(), b.get(i).fairness().asMap());
      }
    }
  }

  @Property
  void renamingGroupLevelsRenamesGroupsAndKeepsValues(@ForAll long seed) {
    Raw raw = RandomTables.raw(seed);
    String[] renamed = raw.sex().clone();
    for (int i = 0; i < renamed.length; i++) {
      renamed[i] = "group " + (char) ('z' - renamed[i].charAt(0) + 'A');
    }
    Raw other =
        new Raw(
            raw.classes(), raw.yTrue(), raw.yPred(), raw.score(), raw.weight(), renamed, raw.age());
    GroupReport a = BINARY.evaluate(RandomTables.table(raw, false), FeatureSet.of("sex"));
    GroupReport b = BINARY.evaluate(RandomTables.table(other, false), FeatureSet.of("sex"));
    for (Map.Entry<GroupKey, MetricValues> e : a.byGroup().entrySet()) {
      String level = e.getKey().levels().get(0);
      GroupKey mapped = GroupKey.of("group " + (char) ('z' - level.charAt(0) + 'A'));
      assertEquals(e.getValue(), b.group(mapped));
    }
    for (Metric m : a.metrics()) {
      assertEquals(a.groupMin(m).value(), b.groupMin(m).value());
      assertEquals(
          a.difference(m, DisparityMethod.BETWEEN_GROUPS).value(),
          b.difference(m, DisparityMethod.BETWEEN_GROUPS).value());
      assertEquals(
          a.ratio(m, DisparityMethod.TO_OVERALL).value(),
          b.ratio(m, DisparityMethod.TO_OVERALL).value());
    }
  }

  @Property
  void combineOfPartsEqualsOnePassAndIsAssociative(
      @ForAll long seed, @ForAll boolean weighted, @ForAll long cuts) {
    Raw raw = RandomTables.raw(seed);
    PredictionTable table = RandomTables.table(raw, weighted);
    GroupIndex index = GroupIndex.of(table, FeatureSet.of("sex", "age"));
    Random r = new Random(cuts);
    int n = table.rowCount();
    int c1 = r.nextInt(n + 1);
    int c2 = c1 + r.nextInt(n - c1 + 1);
    ConfusionStatistics a = ConfusionStatistics.of(table, index, 0, c1);
    ConfusionStatistics b = ConfusionStatistics.of(table, index, c1, c2);
    ConfusionStatistics c = ConfusionStatistics.of(table, index, c2, n);
    ConfusionStatistics whole = ConfusionStatistics.of(table, index);
    assertEquals(whole, a.combine(b).combine(c));
    assertEquals(a.combine(b).combine(c), a.combine(b.combine(c)));
    assertEquals(
        whole, ConfusionStatistics.empty(index.groupCount(), raw.classes()).combine(whole));
    // A report from merged statistics equals the report computed from the table (AUC aside).
    GroupReport merged =
        BINARY.report(index.features(), index.keys(), table.classes(), a.combine(b).combine(c));
    GroupReport direct = BINARY.evaluate(table, index.features());
    for (GroupKey g : direct.byGroup().keySet()) {
      for (Metric m : merged.metrics()) {
        assertEquals(direct.group(g).get(m), merged.group(g).get(m));
      }
    }
  }

  @Property
  void differenceIsMaxMinusMinAndRatiosLieInUnitInterval(
      @ForAll long seed, @ForAll boolean weighted) {
    Raw raw = RandomTables.raw(seed);
    for (GroupReport r : BINARY.evaluate(RandomTables.table(raw, weighted), SETS)) {
      for (Metric m : r.metrics()) {
        GroupExtreme min = r.groupMin(m);
        GroupExtreme max = r.groupMax(m);
        Disparity d = r.difference(m, DisparityMethod.BETWEEN_GROUPS);
        if (!min.isDefined()) {
          assertTrue(!d.isDefined());
          continue;
        }
        if (r.byGroup().values().stream().filter(v -> !Double.isNaN(v.value(m))).count() < 2) {
          // One defined group: nothing to compare, undefined rather than a gap of 0.
          assertEquals(UndefinedReason.ONE_DEFINED_GROUP, d.reason());
          continue;
        }
        assertEquals(max.value() - min.value(), d.value());
        assertEquals(r.group(min.group()).value(m), min.value());
        assertEquals(List.of(min.group(), max.group()), d.groups());
        for (DisparityMethod method :
            List.of(DisparityMethod.BETWEEN_GROUPS, DisparityMethod.TO_OVERALL)) {
          Disparity q = r.ratio(m, method);
          if (q.isDefined()) {
            assertTrue(q.value() >= 0 && q.value() <= 1, m + " " + method + " " + q);
          }
          assertTrue(r.difference(m, method).value() >= 0 || !r.difference(m, method).isDefined());
        }
        for (MetricValues v : r.byGroup().values()) {
          double x = v.value(m);
          assertTrue(Double.isNaN(x) || (x >= min.value() && x <= max.value()));
        }
      }
    }
  }

  @Property
  void singleGroupHasUndefinedDifferenceAndRatio(@ForAll long seed) {
    Raw raw = RandomTables.raw(seed);
    String[] one = new String[raw.n()];
    java.util.Arrays.fill(one, "all");
    Raw single =
        new Raw(raw.classes(), raw.yTrue(), raw.yPred(), raw.score(), raw.weight(), one, raw.age());
    GroupReport r = BINARY.evaluate(RandomTables.table(single, false), FeatureSet.of("sex"));
    for (Metric m : r.metrics()) {
      for (DisparityMethod method :
          List.of(DisparityMethod.BETWEEN_GROUPS, DisparityMethod.TO_OVERALL)) {
        Disparity d = r.difference(m, method);
        Disparity q = r.ratio(m, method);
        assertTrue(!d.isDefined() && !q.isDefined(), d + " " + q);
        assertTrue(Double.isNaN(d.value()) && Double.isNaN(q.value()));
      }
    }
  }

  @Property
  void zeroPolicyReplacesExactlyTheUndefinedValuesByZero(@ForAll long seed) {
    Raw raw = RandomTables.raw(seed);
    PredictionTable table = RandomTables.table(raw, false);
    FairnessEvaluator zero =
        FairnessEvaluator.builder()
            .positiveLabel("1")
            .undefinedPolicy(UndefinedPolicy.ZERO)
            .build();
    GroupReport nan = BINARY.evaluate(table, FeatureSet.of("sex", "age"));
    GroupReport z = zero.evaluate(table, FeatureSet.of("sex", "age"));
    for (GroupKey g : nan.byGroup().keySet()) {
      for (Metric m : nan.metrics()) {
        MetricValue a = nan.group(g).get(m);
        MetricValue b = z.group(g).get(m);
        assertEquals(a.reason(), b.reason());
        if (a.isDefined() || m == Metric.ROC_AUC) {
          assertEquals(a.value(), b.value());
        } else if (m != Metric.BALANCED_ACCURACY) {
          assertEquals(0.0, b.value(), g + " " + m);
        }
      }
    }
  }

  @Property
  void macroF1IsTheMeanOfTheOneVsRestF1s(@ForAll long seed) {
    Raw raw = RandomTables.raw(seed);
    PredictionTable table = RandomTables.table(raw, false);
    GroupReport r = FairnessEvaluator.builder().build().evaluate(table, FeatureSet.of("sex"));
    for (GroupKey g : r.byGroup().keySet()) {
      double sum = 0;
      for (GroupReport perClass : r.perClass().values()) {
        sum += perClass.group(g).value(Metric.F1);
      }
      double mean = sum / raw.classes();
      MetricValue macro = r.group(g).get(Metric.MACRO_F1);
      if (Double.isNaN(mean)) {
        assertTrue(!macro.isDefined());
      } else {
        assertEquals(mean, macro.value(), 1e-12);
      }
    }
  }

  private static Raw permute(Raw raw, Random r) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < raw.n(); i++) {
      order.add(i);
    }
    Collections.shuffle(order, r);
    int n = raw.n();
    int[] t = new int[n];
    int[] p = new int[n];
    double[] s = new double[n];
    double[] w = new double[n];
    String[] sex = new String[n];
    double[] age = new double[n];
    for (int i = 0; i < n; i++) {
      int j = order.get(i);
      t[i] = raw.yTrue()[j];
      p[i] = raw.yPred()[j];
      s[i] = raw.score()[j];
      w[i] = raw.weight()[j];
      sex[i] = raw.sex()[j];
      age[i] = raw.age()[j];
    }
    return new Raw(raw.classes(), t, p, s, w, sex, age);
  }
}
