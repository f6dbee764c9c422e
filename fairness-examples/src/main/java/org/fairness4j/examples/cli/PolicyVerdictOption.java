package org.fairness4j.examples.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.policy.FairnessPolicy;
import org.fairness4j.core.policy.PolicyResult;
import org.fairness4j.core.policy.PolicyRuleResult;
import org.fairness4j.core.report.ReportProvenance;
import org.fairness4j.core.table.PredictionTable;
import picocli.CommandLine.Option;

/**
 * {@code metrics --policy FILE}: checks the table against a policy and records the verdicts in the
 * full report's provenance (every --report format shows them). The metrics command still exits 0;
 * {@code fairness check} is the gate.
 */
final class PolicyVerdictOption {
  @Option(
      names = "--policy",
      paramLabel = "FILE",
      description =
          "Also check a fairness policy and show its verdicts in the --report (fairness check is"
              + " the gate that fails).")
  Path policy;

  /** Fails when --policy is given without --report (where the verdicts would be shown). */
  void requireReport(Path report) {
    if (policy != null && report == null) {
      throw new IllegalArgumentException(
          "--policy shows its verdicts in the --report FILE; give --report (or use fairness"
              + " check)");
    }
  }

  /** Adds the policy and one line per rule to the provenance; nothing without --policy. */
  void addVerdicts(ReportProvenance.Builder p, PredictionTable table, FairnessEvaluator evaluator)
      throws IOException {
    if (policy == null) {
      return;
    }
    PolicyResult r = FairnessPolicy.load(policy).check(table, evaluator);
    p.setting("fairness policy", policy.toString());
    p.setting("policy verdict", (r.passed() ? "passed: " : "NOT passed: ") + summary(r.message()));
    int i = 1;
    for (PolicyRuleResult rule : r.rules()) {
      p.setting(
          "policy rule " + i++,
          rule.verdict()
              + ": "
              + rule.rule().name()
              + " = "
              + String.format(java.util.Locale.ROOT, "%.4f", rule.value())
              + (rule.interval() == null
                  ? ""
                  : String.format(
                      java.util.Locale.ROOT,
                      " [%.4f, %.4f]",
                      rule.interval().lower(),
                      rule.interval().upper()))
              + "; "
              + rule.reason());
    }
  }

  private static String summary(String message) {
    String first = message.lines().findFirst().orElse("");
    int colon = first.lastIndexOf(": ");
    return colon < 0 ? first : first.substring(colon + 2);
  }
}
