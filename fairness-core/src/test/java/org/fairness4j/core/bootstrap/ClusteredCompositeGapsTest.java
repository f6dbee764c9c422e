package org.fairness4j.core.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
 * The clustered two-group gap and min/max ratio of F1 and balanced accuracy ({@link CompositeGaps}
 * on {@link ClusteredCompositeIntervals}' group intervals) carry the pooled small-count warning
 * where a group is small, and the clustered rates' min/max ratio, whose method shares the name
 * {@code mover-log-wilson-folded-clustered}, does not get it from {@link CompositeGaps#warn}.
 */
class ClusteredCompositeGapsTest {
  private static final FairnessEvaluator EVALUATOR =
      FairnessEvaluator.builder().positiveLabel("1").build();

  /** Patients of two rows each: 150 in group A (60 with positives), 16 in B (8 with positives). */
  private static PredictionTable table() {
    List<Integer> y = new ArrayList<>();
    List<Integer> p = new ArrayList<>();
    List<String> g = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    int patient = 0;
    for (String group : new String[] {"A", "B"}) {
      int patients = group.equals("A") ? 150 : 16;
      int positives = group.equals("A") ? 60 : 8;
      for (int u = 0; u < patients; u++, patient++) {
        for (int k = 0; k < 2; k++) {
          int yy = u < positives ? 1 : 0;
          y.add(yy);
          p.add((u + k) % 5 == 0 ? 1 - yy : yy);
          g.add(group);
          ids.add("P" + patient);
        }
      }
    }
    return PredictionTable.builder()
        .classes(ClassLabels.ofInts(0, 1))
        .labels(
            y.stream().mapToInt(Integer::intValue).toArray(),
            p.stream().mapToInt(Integer::intValue).toArray())
        .categorical("g", g.toArray(String[]::new))
        .clusters(ids.toArray(String[]::new))
        .build();
  }

  @Test
  void smallGroupWarnsTheCompositeGapsNotTheRateRatio() {
    BootstrapResult r =
        GroupBootstrap.builder()
            .resamples(50)
            .seed(3)
            .clustered(true)
            .build()
            .evaluate(EVALUATOR, table(), FeatureSet.of("g"), GroupKey.of("A"));
    Optional<String> small = Optional.of(SmallCounts.WARNING);
    for (String s :
        List.of(
            "difference/between_groups/f1",
            "ratio/between_groups/f1",
            "difference/between_groups/balanced_accuracy",
            "ratio/between_groups/balanced_accuracy")) {
      assertTrue(r.interval(s).method().endsWith("-folded-clustered"), s + r.interval(s));
      assertEquals(small, r.warning(s), s);
    }
    String rate = "ratio/between_groups/recall";
    assertEquals("mover-log-wilson-folded-clustered", r.interval(rate).method());
    assertEquals(
        "mover-log-wilson-folded-clustered",
        r.interval("ratio/between_groups/balanced_accuracy").method());
    assertNotEquals(small, r.warning(rate));
  }
}
