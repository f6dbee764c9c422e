package org.fairness4j.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.metrics.Metric;
import org.fairness4j.core.policy.FairnessPolicy;
import org.fairness4j.core.policy.PolicyRule;
import org.fairness4j.core.table.PredictionTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

class FairnessAssertionsTest {
  // Recall: F 3/4, M 1/4.
  private static final PredictionTable TABLE =
      PredictionTable.builder()
          .labels(
              new int[] {1, 1, 1, 1, 0, 1, 1, 1, 1, 0}, new int[] {1, 1, 1, 0, 0, 1, 0, 0, 0, 0})
          .categorical("sex", "F", "F", "F", "F", "F", "M", "M", "M", "M", "M")
          .build();
  private static final FairnessEvaluator EVALUATOR =
      FairnessEvaluator.builder().positiveLabel("1").build();

  @Test
  void passesWhenEveryRulePasses() {
    FairnessPolicy p =
        FairnessPolicy.builder()
            .rule(
                PolicyRule.differenceBetweenGroups(FeatureSet.of("sex"), Metric.RECALL)
                    .atMost(0.6)
                    .build())
            .build();
    assertEquals(1, FairnessAssertions.assertFair(p, TABLE, EVALUATOR).rules().size());
  }

  @Test
  void failsWithWhatToActOn(@TempDir Path dir) throws Exception {
    Path policy = dir.resolve("policy.yaml");
    Files.writeString(
        policy,
        "rules:\n  - name: recall four-fifths\n    feature-set: sex\n    ratio: recall\n    at-least: 0.8\n");
    AssertionFailedError e =
        assertThrows(
            AssertionFailedError.class,
            () -> FairnessAssertions.assertFair(policy, TABLE, EVALUATOR, null));
    String m = e.getMessage();
    assertTrue(
        m.startsWith("fairness policy " + policy + ": 0 passed, 1 failed, 0 undecidable"), m);
    assertTrue(m.contains("FAILED: recall four-fifths (policy line 2)"), m);
    assertTrue(m.contains("sex ratio/between_groups/recall = 0.3333; required at least 0.8000"), m);
    assertTrue(m.contains("groups behind the value: [M, F]"), m);
  }
}
