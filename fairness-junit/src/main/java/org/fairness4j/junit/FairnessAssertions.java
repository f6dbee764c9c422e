package org.fairness4j.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.policy.FairnessPolicy;
import org.fairness4j.core.policy.PolicyBaseline;
import org.fairness4j.core.policy.PolicyResult;
import org.fairness4j.core.table.PredictionTable;
import org.opentest4j.AssertionFailedError;

/**
 * JUnit 5 assertions that a model's predictions satisfy a {@link FairnessPolicy}:
 *
 * <pre>{@code
 * @Test
 * void modelIsFair() throws IOException {
 *   FairnessPolicy policy = FairnessPolicy.load(Path.of("fairness-policy.yaml"));
 *   FairnessAssertions.assertFair(policy.check(predictions, evaluator));
 * }
 * }</pre>
 *
 * A failure lists every rule that failed or could not be decided, with the groups behind the value,
 * the value and its interval, the bound and the reason (see {@link PolicyResult#message()}).
 */
public final class FairnessAssertions {
  private FairnessAssertions() {}

  /**
   * Fails unless every rule passed.
   *
   * @param result a policy result
   * @throws AssertionFailedError listing the rules that failed or were undecidable
   */
  public static void assertFair(PolicyResult result) {
    if (!result.passed()) {
      throw new AssertionFailedError(result.message());
    }
  }

  /**
   * Checks predictions against a policy and fails unless every rule passed.
   *
   * @param policy the policy
   * @param table the predictions
   * @param evaluator the evaluator (positive label)
   * @return the (passed) result, for further assertions
   * @throws AssertionFailedError listing the rules that failed or were undecidable
   */
  public static PolicyResult assertFair(
      FairnessPolicy policy, PredictionTable table, FairnessEvaluator evaluator) {
    PolicyResult r = policy.check(table, evaluator);
    assertFair(r);
    return r;
  }

  /**
   * Checks predictions against a policy file, with an optional baseline report for change rules,
   * and fails unless every rule passed.
   *
   * @param policyFile a YAML or JSON policy
   * @param table the predictions
   * @param evaluator the evaluator
   * @param baselineReport a report JSON of the baseline model, or null
   * @return the (passed) result
   * @throws UncheckedIOException if a file cannot be read or is malformed
   * @throws AssertionFailedError listing the rules that failed or were undecidable
   */
  public static PolicyResult assertFair(
      Path policyFile, PredictionTable table, FairnessEvaluator evaluator, Path baselineReport) {
    PolicyResult r;
    try {
      FairnessPolicy policy = FairnessPolicy.load(policyFile);
      PolicyBaseline baseline = baselineReport == null ? null : PolicyBaseline.load(baselineReport);
      r = policy.check(table, evaluator, baseline);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertFair(r);
    return r;
  }
}
