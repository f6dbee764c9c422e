package org.fairness4j.core.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.core.table.PredictionTable;
import org.junit.jupiter.api.Test;

/**
 * The small-count warnings look at expected counts, not at the group's own count, so they do not
 * select tables by the estimate's error: for percentile intervals the group size times the pooled
 * share of the cell, for the score intervals of F1 and balanced accuracy the group size times the
 * cell's share in the other groups (which does not read the group's own table at all).
 */
class SmallCountsTest {
  private static final FairnessEvaluator EVALUATOR =
      FairnessEvaluator.builder().positiveLabel("1").build();

  /** Two groups of 100 rows: TP, FN, FP, TN of A then of B. */
  private static PredictionTable table(int... cells) {
    List<int[]> rows = new ArrayList<>();
    List<String> g = new ArrayList<>();
    int[][] kinds = {{1, 1}, {1, 0}, {0, 1}, {0, 0}};
    for (int c = 0; c < 8; c++) {
      for (int i = 0; i < cells[c]; i++) {
        rows.add(kinds[c % 4]);
        g.add(c < 4 ? "A" : "B");
      }
    }
    return PredictionTable.builder()
        .classes(ClassLabels.ofInts(0, 1))
        .labels(
            rows.stream().mapToInt(x -> x[0]).toArray(),
            rows.stream().mapToInt(x -> x[1]).toArray())
        .categorical("g", g.toArray(String[]::new))
        .build();
  }

  private static BootstrapResult run(PredictionTable t) {
    return GroupBootstrap.builder()
        .resamples(100)
        .seed(3)
        .build()
        .evaluate(EVALUATOR, t, FeatureSet.of("g"), GroupKey.of("B"));
  }

  @Test
  void aGroupWithEnoughFalseNegativesIsWarnedWhenFewAreExpected() {
    // A has 6 FN, B 1: 1 FN in B's 100 rows, 1 expected in A's 100 at B's share (below 3).
    BootstrapResult r = run(table(40, 6, 10, 44, 48, 1, 10, 41));
    assertEquals(Optional.of(SmallCounts.COMPOSITE_WARNING), r.warning("by_group/A/f1"));
    // B (the reference) expects 6 FN at A's share: unwarned.
    assertTrue(r.warning("by_group/B/f1").isEmpty());
    // The difference keeps the pooled rule: 7 FN of 200 rows, 3.5 expected in a group of 100.
    assertEquals(Optional.of(SmallCounts.WARNING), r.warning("difference/to_reference/A/f1"));
  }

  @Test
  void aGroupWithFewFalseNegativesIsNotWarnedWhenEnoughAreExpected() {
    // A has 0 FN, B 8: 8 expected in A at B's share; B expects 0 at A's share (warned).
    BootstrapResult r = run(table(46, 0, 10, 44, 40, 8, 10, 42));
    // Unwarned, the composite gets its score interval (CompositeIntervals) instead of percentile.
    assertEquals("mover-wilson", r.interval("by_group/A/balanced_accuracy").method());
    assertTrue(r.warning("by_group/A/f1").isEmpty(), r.warning("by_group/A/f1").toString());
    assertTrue(r.warning("by_group/A/balanced_accuracy").isEmpty());
    assertEquals(Optional.of(SmallCounts.COMPOSITE_WARNING), r.warning("by_group/B/f1"));
    // The difference keeps the pooled rule: 8 FN of 200 rows, 4 expected in a group of 100.
    assertEquals(Optional.of(SmallCounts.WARNING), r.warning("difference/to_reference/A/f1"));
    // The overall values keep the percentile interval and the pooled rule: 8 FN of 200 rows.
    assertTrue(r.warning("overall/f1").isEmpty());
  }

  @Test
  void thePercentileIntervalsKeepThePooledRule() {
    // A has 6 FN, B 1: pooled 7 of 200 rows, 3.5 expected in a group of 100 (below 5).
    BootstrapResult r =
        GroupBootstrap.builder()
            .resamples(100)
            .seed(3)
            .analytic(false)
            .build()
            .evaluate(
                EVALUATOR,
                table(40, 6, 10, 44, 48, 1, 10, 41),
                FeatureSet.of("g"),
                GroupKey.of("B"));
    assertEquals("bootstrap-percentile", r.interval("by_group/A/f1").method());
    assertEquals(Optional.of(SmallCounts.WARNING), r.warning("by_group/A/f1"));
    assertEquals(Optional.of(SmallCounts.WARNING), r.warning("by_group/B/f1"));
  }
}
