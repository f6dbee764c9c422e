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
 * A clustered analysis whose patients hold several rows warns on the cluster-bootstrap intervals of
 * composite numbers (F1, balanced accuracy, ...), which under-covered (0.91–0.95), and on nothing
 * else; clusters of one row are the independent design and warn nothing.
 */
class ClusteredCompositesTest {
  private static final FairnessEvaluator EVALUATOR =
      FairnessEvaluator.builder().positiveLabel("1").build();

  /** 40 patients with positives and 40 without per group, three images each (or one per row). */
  private static PredictionTable table(boolean singles) {
    List<Integer> y = new ArrayList<>();
    List<Integer> p = new ArrayList<>();
    List<String> g = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    int patient = 0;
    for (String group : new String[] {"A", "B"}) {
      for (int u = 0; u < 80; u++, patient++) {
        for (int k = 0; k < 3; k++) {
          int yy = u < 40 ? 1 : 0;
          y.add(yy);
          p.add((u + k + (group.equals("A") ? 1 : 0)) % 4 == 0 ? 1 - yy : yy);
          g.add(group);
          ids.add(singles ? "R" + ids.size() : "P" + patient);
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

  private static BootstrapResult run(PredictionTable t, boolean clustered) {
    return GroupBootstrap.builder()
        .resamples(50)
        .clustered(clustered)
        .build()
        .evaluate(EVALUATOR, t, FeatureSet.of("g"), GroupKey.of("B"));
  }

  @Test
  void compositeClusterBootstrapIntervalsWarnRatesDoNot() {
    BootstrapResult r = run(table(false), true);
    Optional<String> w = Optional.of(ClusteredComposites.WARNING);
    assertEquals(w, r.warning("overall/f1"));
    assertEquals(w, r.warning("overall/balanced_accuracy"));
    // F1 and balanced accuracy of a group, to the reference, and the two groups' gap and min/max
    // ratio have clustered score intervals (ClusteredCompositeIntervals): not warned.
    for (String s :
        List.of(
            "by_group/A/f1",
            "by_group/A/balanced_accuracy",
            "difference/to_reference/A/f1",
            "ratio/to_reference/A/balanced_accuracy",
            "difference/between_groups/f1",
            "ratio/between_groups/balanced_accuracy")) {
      assertTrue(r.interval(s).method().endsWith("-clustered"), s);
      assertTrue(r.unqualified(s), s + r.warning(s));
    }
    // Rates have clustered score intervals: no warning, and no note.
    assertTrue(r.interval("by_group/A/recall").method().startsWith("wilson"));
    assertTrue(r.unqualified("by_group/A/recall"), r.warning("by_group/A/recall").toString());
    assertTrue(r.unqualified("difference/to_reference/A/fpr"));
    for (String s : r.statistics()) {
      if (r.warning(s).filter(ClusteredComposites.WARNING::equals).isPresent()) {
        assertTrue(r.interval(s).method().startsWith("bootstrap"), s);
      }
    }
  }

  @Test
  void clustersOfOneRowAndUnclusteredRunsWarnNothing() {
    for (BootstrapResult r : List.of(run(table(true), true), run(table(false), false))) {
      for (String s : r.statistics()) {
        assertTrue(r.warning(s).filter(ClusteredComposites.WARNING::equals).isEmpty(), s);
      }
    }
  }
}
