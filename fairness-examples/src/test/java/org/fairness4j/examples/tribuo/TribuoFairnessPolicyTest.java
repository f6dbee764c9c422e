package org.fairness4j.examples.tribuo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.policy.FairnessPolicy;
import org.fairness4j.core.policy.PolicyResult;
import org.fairness4j.core.policy.RuleVerdict;
import org.fairness4j.core.table.PredictionTable;
import org.fairness4j.junit.FairnessAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * A fairness check as a unit test: the Tribuo example's logistic regression passes the bundled
 * policy ({@code examples/tribuo/fairness-policy.yaml}); the same model with a deliberately biased
 * decision rule for women fails it, and the failure says which rule and which groups.
 */
class TribuoFairnessPolicyTest {
  private static final Path POLICY = Path.of("..", "examples", "tribuo", "fairness-policy.yaml");
  private static final FairnessEvaluator EVALUATOR =
      FairnessEvaluator.builder().positiveLabel("refer").build();
  private static PredictionTable predictions;

  @BeforeAll
  static void trainTheModel() {
    TribuoFairnessExample.Result r =
        TribuoFairnessExample.run(
            Path.of("..").resolve(TribuoFairnessExample.DEFAULT_DATA),
            42,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    predictions = r.fairness().table();
  }

  /** The same model, but half of the women it would refer are sent to routine care. */
  private static PredictionTable biased(PredictionTable t) {
    int refer = t.classes().require("refer");
    int routine = t.classes().require("routine");
    var sex = t.requireAttribute("sex");
    int[] pred = new int[t.rowCount()];
    int women = 0;
    for (int i = 0; i < pred.length; i++) {
      pred[i] = t.predictedClass(i);
      if (pred[i] == refer && "F".equals(sex.levels().get(sex.code(i))) && women++ % 2 == 0) {
        pred[i] = routine;
      }
    }
    return t.withPredictions(pred);
  }

  @Test
  void theModelPassesThePolicy() {
    FairnessAssertions.assertFair(POLICY, predictions, EVALUATOR, null);
  }

  @Test
  void aBiasedDecisionRuleFailsItNamingTheRuleAndTheGroups() throws IOException {
    AssertionFailedError e =
        assertThrows(
            AssertionFailedError.class,
            () -> FairnessAssertions.assertFair(POLICY, biased(predictions), EVALUATOR, null));
    String m = e.getMessage();
    assertTrue(m.contains("FAILED: equal opportunity by sex (policy line"), m);
    assertTrue(m.contains("groups behind the value: [F, M]"), m);
    PolicyResult r = FairnessPolicy.load(POLICY).check(biased(predictions), EVALUATOR);
    assertEquals(RuleVerdict.FAILED, r.rules().get(1).verdict(), m);
    // The age rule does not depend on sex-specific decisions at this size.
    assertEquals(RuleVerdict.PASSED, r.rules().get(2).verdict(), m);
  }
}
