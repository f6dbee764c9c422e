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
 * A clustered analysis warns on exactly the intervals that involve a group with fewer than 30
 * clusters holding a positive (or a negative) row, where the study measured 0.90–0.93 at 95 %.
 */
class FewClustersTest {
  private static final FairnessEvaluator EVALUATOR =
      FairnessEvaluator.builder().positiveLabel("1").build();

  /** Three images per patient; A has {@code positivesA} patients with positives, B 40. */
  private static PredictionTable table(int positivesA) {
    return table(positivesA, false);
  }

  /** The same rows; with {@code singles} every row is its own patient. */
  private static PredictionTable table(int positivesA, boolean singles) {
    List<Integer> y = new ArrayList<>();
    List<Integer> p = new ArrayList<>();
    List<String> g = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    int patient = 0;
    for (String group : new String[] {"A", "B"}) {
      int positives = group.equals("A") ? positivesA : 40;
      for (int u = 0; u < positives + 40; u++, patient++) {
        for (int k = 0; k < 3; k++) {
          int yy = u < positives ? 1 : 0;
          y.add(yy);
          p.add((u + k) % 4 == 0 ? 1 - yy : yy);
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

  private static BootstrapResult run(PredictionTable t, boolean analytic) {
    return GroupBootstrap.builder()
        .resamples(50)
        .clustered(true)
        .analytic(analytic)
        .build()
        .evaluate(EVALUATOR, t, FeatureSet.of("g"), GroupKey.of("B"));
  }

  @Test
  void groupsWithFewClustersWarnTheirIntervalsOnly() {
    for (boolean analytic : new boolean[] {true, false}) {
      BootstrapResult few = run(table(20), analytic);
      Optional<String> w = Optional.of(FewClusters.WARNING);
      assertEquals(w, few.warning("by_group/A/recall"));
      assertEquals(w, few.warning("by_group/A/balanced_accuracy"));
      assertEquals(w, few.warning("difference/to_reference/A/recall"));
      // A percentile gap is warned anyway (an extreme over groups); that warning is kept.
      assertTrue(few.warning("difference/between_groups/recall").isPresent());
      if (analytic) {
        assertEquals(w, few.warning("difference/between_groups/recall"));
      }
      // B has 40 clusters with positives and 40 with negatives; overall numbers are not warned.
      assertEquals(Optional.empty(), few.warning("by_group/B/recall"));
      assertEquals(Optional.empty(), few.warning("overall/recall"));
      BootstrapResult enough = run(table(30), analytic);
      for (String s : enough.statistics()) {
        assertTrue(
            enough.warning(s).filter(FewClusters.WARNING::equals).isEmpty(),
            s + ": " + enough.warning(s));
      }
    }
  }

  @Test
  void clustersOfOneOrTwoRowsAreNotCounted() {
    // Every row its own patient: the independent design (small counts have their own rule).
    BootstrapResult r = run(table(20, true), true);
    for (String s : r.statistics()) {
      assertTrue(r.warning(s).filter(FewClusters.WARNING::equals).isEmpty(), s);
    }
  }

  @Test
  void unclusteredAnalysesDoNotCountClusters() {
    BootstrapResult r =
        GroupBootstrap.builder()
            .resamples(50)
            .build()
            .evaluate(EVALUATOR, table(20), FeatureSet.of("g"), GroupKey.of("B"));
    for (String s : r.statistics()) {
      assertTrue(r.warning(s).filter(FewClusters.WARNING::equals).isEmpty(), s);
    }
  }
}
