package org.fairness4j.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.metrics.Metric;
import org.fairness4j.core.metrics.MetricValues;
import org.fairness4j.core.metrics.UndefinedReason;
import org.junit.jupiter.api.Test;

/**
 * Shows that the property tests' generator produces the hard cases: empty groups, single-class
 * groups and groups without positives (counted over the first 200 seeds, as jqwik draws 200 tries).
 */
class RandomTablesTest {
  @Test
  void generatorProducesEmptySingleClassAndPositiveFreeGroups() {
    int empty = 0;
    int singleClass = 0;
    int noPositives = 0;
    int tables = 0;
    FairnessEvaluator evaluator = FairnessEvaluator.builder().positiveLabel("1").build();
    for (long seed = 0; seed < 200; seed++) {
      RandomTables.Raw raw = RandomTables.raw(seed);
      GroupReport r =
          evaluator.evaluate(RandomTables.table(raw, false), FeatureSet.of("sex", "age"));
      tables++;
      empty += r.emptyGroups().size();
      for (MetricValues v : r.byGroup().values()) {
        if (v.get(Metric.RECALL).reason() == UndefinedReason.NO_POSITIVES) {
          noPositives++;
        }
        if (!v.get(Metric.RECALL).isDefined() || !v.get(Metric.FPR).isDefined()) {
          singleClass++;
        }
      }
    }
    assertTrue(tables == 200);
    assertTrue(empty > 50, "empty groups: " + empty);
    assertTrue(singleClass > 50, "single-class groups: " + singleClass);
    assertTrue(noPositives > 20, "groups without positives: " + noPositives);
  }
}
