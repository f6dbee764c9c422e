package org.fairness4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.policy.FairnessPolicy;
import org.fairness4j.core.policy.PolicyResult;
import org.fairness4j.core.report.ReportProvenance;
import org.fairness4j.core.table.PredictionTable;
import picocli.CommandLine.Option;

/**
 * {@code metrics --policy FILE}: checks the table against a policy and shows the verdicts in the
 * full report's "Fairness policy" section (every --report format), the file and the overall verdict
 * also in its provenance. The metrics command still exits 0; {@code fairness check} is the gate.
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

  /** The verdicts of the last {@link #addVerdicts} call, or null. */
  private PolicyResult result;

  /**
   * Checks the policy and adds the policy file and its overall verdict to the provenance; nothing
   * without --policy. The rules' verdicts go into the report's "Fairness policy" section ({@link
   * #result()}).
   */
  void addVerdicts(ReportProvenance.Builder p, PredictionTable table, FairnessEvaluator evaluator)
      throws IOException {
    if (policy == null) {
      return;
    }
    result = FairnessPolicy.load(policy).check(table, evaluator);
    p.setting("fairness policy", policy.toString());
    p.setting(
        "policy verdict",
        (result.passed() ? "passed: " : "NOT passed: ") + summary(result.message()));
  }

  /** The checked policy for the report's section, or null without --policy. */
  PolicyResult result() {
    return result;
  }

  private static String summary(String message) {
    String first = message.lines().findFirst().orElse("");
    int colon = first.lastIndexOf(": ");
    return colon < 0 ? first : first.substring(colon + 2);
  }
}
