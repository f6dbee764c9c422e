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
 * The small-count warning on percentile intervals looks at expected counts (group size times the
 * pooled share of the cell), not at the group's own count, so it does not select tables by the
 * estimate's error.
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
    // A has 6 FN, B 1: pooled 7 of 200 rows, 3.5 expected in a group of 100.
    BootstrapResult r = run(table(40, 6, 10, 44, 48, 1, 10, 41));
    assertEquals(Optional.of(SmallCounts.WARNING), r.warning("by_group/A/f1"));
    assertEquals(Optional.of(SmallCounts.WARNING), r.warning("difference/to_reference/A/f1"));
  }

  @Test
  void aGroupWithFewFalseNegativesIsNotWarnedWhenEnoughAreExpected() {
    // A has 4 FN, B 8: pooled 12 of 200 rows, 6 expected in a group of 100.
    BootstrapResult r = run(table(42, 4, 10, 44, 40, 8, 10, 42));
    // Unwarned, the composite gets its score interval (CompositeIntervals) instead of percentile.
    assertEquals("wilson-jaccard", r.interval("by_group/A/f1").method());
    assertTrue(r.warning("by_group/A/f1").isEmpty(), r.warning("by_group/A/f1").toString());
    assertTrue(r.warning("difference/to_reference/A/f1").isEmpty());
    assertTrue(r.warning("overall/f1").isEmpty());
  }
}
