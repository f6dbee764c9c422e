package org.fairness4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.policy.FairnessPolicy;
import org.fairness4j.core.policy.PolicyResult;
import org.fairness4j.core.policy.PolicyRuleResult;
import org.fairness4j.core.policy.RuleVerdict;
import org.fairness4j.core.table.PredictionTable;
import org.fairness4j.core.table.csv.CsvTableSpec;
import org.fairness4j.core.table.csv.CsvTableSpec.AttributeSpec;
import org.fairness4j.core.table.csv.PredictionTableCsv;
import org.fairness4j.junit.FairnessAssertions;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import picocli.CommandLine;

/**
 * The demo policy gives the same verdicts and messages through the Java API, the JUnit assertion
 * and the command line (the Maven plugin's integration test, fairness-maven-plugin/src/it, checks
 * the same message in a real build).
 */
class DemoPolicyVerdictsTest {
  private static final Path DEMO =
      Path.of("..", "examples", "demo", "nih_6x200_synthetic_test.csv");
  private static final Path POLICY = Path.of("..", "examples", "demo", "fairness-policy.yaml");

  @Test
  void apiJunitAndCommandLineAgree() throws Exception {
    PredictionTable table =
        PredictionTableCsv.read(
            DEMO,
            CsvTableSpec.builder("y_true", "y_pred")
                .attribute(AttributeSpec.parse("sex"))
                .attribute(AttributeSpec.parse("age:bins=0,60"))
                .build());
    FairnessEvaluator evaluator = FairnessEvaluator.builder().build();
    PolicyResult api = FairnessPolicy.load(POLICY).check(table, evaluator);
    assertEquals(
        List.of(RuleVerdict.PASSED, RuleVerdict.PASSED, RuleVerdict.FAILED),
        api.rules().stream().map(PolicyRuleResult::verdict).toList());

    AssertionFailedError junit =
        assertThrows(
            AssertionFailedError.class,
            () -> FairnessAssertions.assertFair(POLICY, table, evaluator, null));
    assertEquals(api.message(), junit.getMessage());

    CommandLine cl = FairnessCli.commandLine();
    StringWriter out = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(new StringWriter()));
    int code =
        cl.execute(
            "check",
            "--policy",
            POLICY.toString(),
            "--input",
            DEMO.toString(),
            "--y-true",
            "y_true",
            "--y-pred",
            "y_pred",
            "--sensitive",
            "sex",
            "--sensitive",
            "age:bins=0,60");
    assertEquals(1, code);
    for (PolicyRuleResult r : api.rules()) {
      assertTrue(out.toString().contains(r.message()), out.toString());
    }
  }
}
