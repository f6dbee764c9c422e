package org.fairness4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fairness4j.core.policy.FairnessPolicy;
import org.fairness4j.core.policy.PolicyBaseline;
import org.fairness4j.core.policy.PolicyResult;
import org.fairness4j.core.policy.PolicyResultWriter;
import org.fairness4j.core.policy.PolicyRuleResult;
import org.fairness4j.core.report.format.ReportFormat;
import org.fairness4j.core.report.format.ReportWriter;
import org.fairness4j.core.table.PredictionTable;
import org.fairness4j.core.table.csv.CsvTableSpec;
import org.fairness4j.core.table.csv.PredictionTableCsv;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fairness check}: a CI gate. Checks a prediction table against a fairness policy; exit 0
 * when every rule passed, 1 when a rule failed or could not be decided, 2 on bad input.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Checks a table of predictions against a fairness policy (YAML or JSON; see"
          + " docs/fairness-checks.md) and fails when a rule is broken: a gate for CI.",
      "The policy names the feature sets; --sensitive declares the attributes (and their bins)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every rule passed",
      "1:a rule failed or could not be decided",
      "2:bad input or usage",
      "3:internal error"
    })
final class CheckCommand implements Callable<Integer> {
  /** Exit code when a rule failed or was undecidable. */
  static final int NOT_PASSED = 1;

  /** Exit code for an internal error. */
  static final int INTERNAL_ERROR = 3;

  @Spec CommandSpec spec;

  @Option(
      names = "--policy",
      required = true,
      paramLabel = "FILE",
      description = "The policy: YAML, or JSON when the name ends in .json.")
  Path policy;

  @Mixin TableOptions table;

  @Option(
      names = "--baseline",
      paramLabel = "FILE",
      description =
          "Report JSON of the baseline model (fairness check --write-report, or metrics --format"
              + " json) for max-worsening rules.")
  Path baseline;

  @Option(
      names = "--junit-xml",
      paramLabel = "FILE",
      description = "Also write the verdicts as JUnit XML (one test case per rule), atomically.")
  Path junitXml;

  @Option(
      names = "--summary",
      paramLabel = "FILE",
      description = "Also write a Markdown summary (fits a pull-request comment), atomically.")
  Path summary;

  @Option(
      names = "--write-report",
      paramLabel = "FILE",
      description =
          "Also write the reports the rules judged (JSON), atomically: the next run's --baseline.")
  Path writeReport;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      if (!table.intersect.isEmpty()) {
        throw new IllegalArgumentException(
            "--intersect: check takes its feature sets from the policy's rules (feature-set:"
                + " sex+age)");
      }
      OutputTargets.check("--junit-xml", junitXml, table.input, policy, baseline);
      OutputTargets.check("--summary", summary, table.input, policy, baseline);
      OutputTargets.check("--write-report", writeReport, table.input, policy, baseline);
      OutputTargets.distinct("--junit-xml", junitXml, "--summary", summary);
      OutputTargets.distinct("--junit-xml", junitXml, "--write-report", writeReport);
      OutputTargets.distinct("--summary", summary, "--write-report", writeReport);
      FairnessPolicy pol = FairnessPolicy.load(policy);
      PolicyBaseline base = baseline == null ? null : PolicyBaseline.load(baseline);
      CsvTableSpec tableSpec = table.tableSpec();
      PredictionTable t = PredictionTableCsv.read(table.input, tableSpec);
      MetricsChecks.unicodeNormalization(t, err);
      PolicyResult result = pol.check(t, table.evaluator(), base);
      if (junitXml != null) {
        PolicyResultWriter.junitXml(result, junitXml);
      }
      if (summary != null) {
        PolicyResultWriter.markdown(result, summary);
      }
      if (writeReport != null) {
        ReportWriter.write(result.reports(), null, ReportFormat.JSON, writeReport);
      }
      for (PolicyRuleResult r : result.rules()) {
        out.println(r.message());
      }
      String line = result.message().lines().findFirst().orElseThrow();
      out.println(line);
      out.flush();
      return result.passed() ? 0 : NOT_PASSED;
    } catch (IOException | IllegalArgumentException | ArithmeticException e) {
      return FairnessCli.badInput(err, e);
    } catch (RuntimeException e) {
      err.println("fairness: internal error: " + e);
      return INTERNAL_ERROR;
    }
  }
}
