package org.fairness4j.core.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.stats.Interval;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.core.table.PredictionTable;

/**
 * Properties of the clustered intervals of F1 and balanced accuracy on random two-group tables:
 * with clusters of one row they (and the two groups' gap and min/max ratio) are the unclustered
 * ones, and patients holding two copies of each row (full copying) only widen them.
 */
class ClusteredCompositeIntervalsProperties {
  private static final FairnessEvaluator EVALUATOR =
      FairnessEvaluator.builder().positiveLabel("1").build();
  private static final List<String> STATISTICS =
      List.of(
          "by_group/B/f1",
          "by_group/B/balanced_accuracy",
          "by_group/A/f1",
          "by_group/A/balanced_accuracy",
          "difference/to_reference/B/f1",
          "difference/to_reference/B/balanced_accuracy",
          "ratio/to_reference/B/f1",
          "ratio/to_reference/B/balanced_accuracy");

  /** Random rows of groups A and B, each row {@code copies} times under one patient id. */
  private static PredictionTable table(long seed, int rows, int copies) {
    Random r = new Random(seed);
    List<int[]> yp = new ArrayList<>();
    List<String> g = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    double base = 0.2 + 0.6 * r.nextDouble();
    for (int i = 0; i < rows; i++) {
      int y = r.nextDouble() < base ? 1 : 0;
      int p = r.nextDouble() < (y == 1 ? 0.8 : 0.2) ? 1 : 0;
      for (int c = 0; c < copies; c++) {
        yp.add(new int[] {y, p});
        g.add(i % 3 == 0 ? "A" : "B");
        ids.add("P" + i);
      }
    }
    return PredictionTable.builder()
        .classes(ClassLabels.ofInts(0, 1))
        .labels(
            yp.stream().mapToInt(a -> a[0]).toArray(), yp.stream().mapToInt(a -> a[1]).toArray())
        .categorical("g", g.toArray(String[]::new))
        .clusters(ids.toArray(String[]::new))
        .build();
  }

  private static BootstrapResult boot(PredictionTable t, boolean clustered) {
    return GroupBootstrap.builder()
        .resamples(20)
        .seed(5)
        .clustered(clustered)
        .build()
        .evaluate(EVALUATOR, t, FeatureSet.of("g"), GroupKey.of("A"));
  }

  @Property(tries = 60)
  void clustersOfOneRowGiveTheUnclusteredIntervals(
      @ForAll long seed, @ForAll @IntRange(min = 12, max = 200) int rows) {
    PredictionTable t = table(seed, rows, 1);
    BootstrapResult clustered = boot(t, true);
    BootstrapResult plain = boot(t, false);
    for (String s : STATISTICS) {
      assertEquals(plain.statistics().contains(s), clustered.statistics().contains(s), s);
      if (!plain.statistics().contains(s) || plain.interval(s).method().startsWith("bootstrap")) {
        continue;
      }
      Interval a = plain.interval(s);
      Interval b = clustered.interval(s);
      assertEquals(a.method() + "-clustered", b.method(), s);
      assertEquals(a.lower(), b.lower(), 1e-12, s);
      assertEquals(a.upper(), b.upper(), 1e-12, s);
      assertEquals(plain.warning(s), clustered.warning(s), s);
    }
  }

  private static final List<String> GAPS =
      List.of(
          "difference/between_groups/f1",
          "difference/between_groups/balanced_accuracy",
          "ratio/between_groups/f1",
          "ratio/between_groups/balanced_accuracy");

  /**
   * With clusters of one row the clustered gap and min/max ratio of the two groups are the
   * unclustered folds ({@link CompositeGaps}), the method with {@code -clustered} appended.
   */
  @Property(tries = 60)
  void clustersOfOneRowGiveTheUnclusteredGaps(
      @ForAll long seed, @ForAll @IntRange(min = 12, max = 200) int rows) {
    PredictionTable t = table(seed, rows, 1);
    BootstrapResult clustered = boot(t, true);
    BootstrapResult plain = boot(t, false);
    for (String s : GAPS) {
      assertEquals(plain.statistics().contains(s), clustered.statistics().contains(s), s);
      if (!plain.statistics().contains(s) || !CompositeGaps.isMethod(plain.interval(s).method())) {
        continue;
      }
      Interval a = plain.interval(s);
      Interval b = clustered.interval(s);
      assertEquals(a.method() + "-clustered", b.method(), s);
      assertTrue(CompositeGaps.isMethod(b.method()), b.method());
      assertEquals(a.estimate(), b.estimate(), 1e-12, s);
      assertEquals(a.lower(), b.lower(), 1e-12, s);
      assertEquals(a.upper(), b.upper(), 1e-12, s);
      assertEquals(plain.warning(s), clustered.warning(s), s);
    }
  }

  @Property(tries = 60)
  void fullCopyingOnlyWidens(@ForAll long seed, @ForAll @IntRange(min = 30, max = 200) int rows) {
    PredictionTable once = table(seed, rows, 1);
    BootstrapResult plain = boot(once, false);
    BootstrapResult doubled = boot(table(seed, rows, 2), true);
    for (String s : STATISTICS.subList(0, 4)) {
      if (!plain.statistics().contains(s) || plain.interval(s).method().startsWith("bootstrap")) {
        continue;
      }
      Interval a = plain.interval(s);
      Interval b = doubled.interval(s);
      if (a.method().contains("wilson-modified")) {
        // a component of 1-3 counts took the Poisson bound (modified Wilson, session 10); the
        // clustered components are Wilson at effective counts, which have no such bound
        continue;
      }
      if (b.method().startsWith("bootstrap")) {
        continue; // fewer than two patients with such rows: no clustered score interval
      }
      assertEquals(a.estimate(), b.estimate(), 1e-12, s);
      assertTrue(b.lower() <= a.lower() + 1e-12 && a.upper() <= b.upper() + 1e-12, s + a + b);
    }
  }
}
