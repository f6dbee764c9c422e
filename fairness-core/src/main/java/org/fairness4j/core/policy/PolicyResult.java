package org.fairness4j.core.policy;

import java.util.List;
import java.util.Objects;
import org.fairness4j.core.GroupReport;

/**
 * The outcome of checking predictions against a {@link FairnessPolicy}: one {@link
 * PolicyRuleResult} per rule, in policy order. The policy passes only when every rule passed; an
 * undecidable rule does not pass. Immutable.
 *
 * @param source where the policy came from (a file name, or {@code "builder"})
 * @param rules the rule results
 * @param reports the report of each feature set the rules used, over the groups they judged (groups
 *     below a minimum size appear as empty groups), in first-use order
 */
public record PolicyResult(String source, List<PolicyRuleResult> rules, List<GroupReport> reports) {
  /**
   * Creates a result.
   *
   * @param source source
   * @param rules rule results
   * @param reports judged reports
   */
  public PolicyResult {
    Objects.requireNonNull(source, "source");
    rules = List.copyOf(rules);
    reports = List.copyOf(reports);
  }

  /**
   * Returns whether every rule passed.
   *
   * @return true if all passed
   */
  public boolean passed() {
    return rules.stream().allMatch(PolicyRuleResult::passed);
  }

  /**
   * Returns the rules that did not pass (failed or undecidable).
   *
   * @return an immutable list
   */
  public List<PolicyRuleResult> notPassed() {
    return rules.stream().filter(r -> !r.passed()).toList();
  }

  /**
   * Returns the number of rules with a verdict.
   *
   * @param verdict the verdict
   * @return the count
   */
  public long count(RuleVerdict verdict) {
    return rules.stream().filter(r -> r.verdict() == verdict).count();
  }

  /**
   * Returns the verdict with the counts, e.g. {@code NOT passed (1 passed, 1 failed, 1
   * undecidable)}.
   *
   * @return the text
   */
  public String headline() {
    return (passed() ? "passed" : "NOT passed") + " (" + counts() + ")";
  }

  /**
   * Returns a summary line and the message of every rule that did not pass.
   *
   * @return the text
   */
  public String message() {
    StringBuilder b = new StringBuilder();
    b.append("fairness policy ").append(source).append(": ").append(counts());
    for (PolicyRuleResult r : notPassed()) {
      b.append('\n').append(r.message());
    }
    return b.toString();
  }

  private String counts() {
    return count(RuleVerdict.PASSED)
        + " passed, "
        + count(RuleVerdict.FAILED)
        + " failed, "
        + count(RuleVerdict.UNDECIDABLE)
        + " undecidable";
  }

  @Override
  public String toString() {
    return message();
  }
}
