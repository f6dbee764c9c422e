package org.fairness4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.policy.FairnessPolicy;
import org.fairness4j.core.policy.PolicyBaseline;
import org.fairness4j.core.policy.PolicyResult;
import org.fairness4j.core.policy.PolicyRuleResult;
import org.fairness4j.core.policy.RuleVerdict;
import org.fairness4j.core.table.PredictionTable;
import org.fairness4j.core.table.csv.CsvTableSpec;
import org.fairness4j.core.table.csv.PredictionTableCsv;
import org.fairness4j.junit.FairnessAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import picocli.CommandLine;

/**
 * A policy with every statistic kind (difference, ratio, fairness metric with both aggregations,
 * below-overall; between groups and to overall), every decision mode, both interval methods, both
 * value bounds and two change rules, on a table the demo does not cover (a 20-row group below the
 * minimum size). Values, and the analytic intervals, are pandas/scikit-learn/statsmodels' (run
 * {@code tools/policy_all_kinds_reference.py}; versions and command there); the verdicts and
 * messages agree through the Java API, the JUnit assertion and {@code fairness check}.
 */
class PolicyAllKindsTest {
  private static final Path DIR =
      Path.of("src", "test", "resources", "policy-all-kinds").toAbsolutePath();
  private static final Path TABLE = DIR.resolve("table.csv");
  private static final Path POLICY = DIR.resolve("policy.yaml");

  // tools/policy_all_kinds_reference.py, "== y_pred" and "== y_old" sections.
  private static final double[] VALUES = {
    0.2419913419913421,
    0.837967401725791,
    0.041133088476114715,
    0.7812078272604588,
    0.07681704260651623,
    0.06011904761904763,
    0.003970223325062083,
    0.22188685753708182,
    0.9896774193548386
  };
  private static final double OLD_EOPP_DIFFERENCE = 0.19877543980682988;
  private static final double OLD_SELECTION_RATIO = 0.9705069124423962;

  @Test
  void valuesVerdictsAndMessagesAgreeEverywhere(@TempDir Path tmp) throws Exception {
    // The baseline: the old model's judged reports, written by the command line. Its change rules
    // are undecidable without a baseline (JUnit errors, not failures).
    Path base = tmp.resolve("base.json");
    Path baseXml = tmp.resolve("base.xml");
    assertEquals(
        1,
        run(
                "--y-pred",
                "y_old",
                "--write-report",
                base.toString(),
                "--junit-xml",
                baseXml.toString())
            .code());
    assertEquals(List.of(9, 3, 2), junitCounts(baseXml));

    PredictionTable table =
        PredictionTableCsv.read(
            TABLE,
            CsvTableSpec.builder("y_true", "y_pred")
                .categorical("sex")
                .categorical("race")
                .positiveLabel("1")
                .build());
    FairnessEvaluator evaluator = FairnessEvaluator.builder().positiveLabel("1").build();
    PolicyResult api =
        FairnessPolicy.load(POLICY).check(table, evaluator, PolicyBaseline.load(base));
    assertEquals(
        List.of(
            RuleVerdict.PASSED,
            RuleVerdict.FAILED,
            RuleVerdict.PASSED,
            RuleVerdict.PASSED,
            RuleVerdict.FAILED,
            RuleVerdict.PASSED,
            RuleVerdict.PASSED,
            RuleVerdict.FAILED,
            RuleVerdict.PASSED),
        api.rules().stream().map(PolicyRuleResult::verdict).toList(),
        api.message());
    for (int i = 0; i < VALUES.length; i++) {
      assertEquals(VALUES[i], api.rules().get(i).value(), 1e-12, api.rules().get(i).message());
    }
    // Analytic intervals: the skew-corrected Miettinen-Nurminen ratio test of |log r| conditioned
    // on both counts positive (Bonferroni over 3 pairs; session 10, h22m: ScasFoldedRatio, in
    // Python tools/minmax_ratio_exact_coverage.py's ratio_hull with scipy 1.17.1; before it the MN
    // interval inverted for |log r| gave 0.5813549368462183, Katz 0.5899230295834638, folded Katz
    // 0.604146442277672) and Wilson.
    PolicyRuleResult ratio = api.rules().get(1);
    assertEquals(0.5772348995194981, ratio.interval().lower(), 1e-8);
    assertEquals(1.0, ratio.interval().upper(), 1e-12);
    PolicyRuleResult wilson = api.rules().get(4);
    assertEquals(0.010507080233309263, wilson.interval().lower(), 1e-9);
    assertEquals(0.1601365830810687, wilson.interval().upper(), 1e-9);
    // Bootstrap rules name the percentile bootstrap; the 20-row group is not judged.
    assertTrue(api.rules().get(0).interval().method().startsWith("bootstrap-percentile"));
    assertTrue(api.rules().get(0).message().contains("not judged (fewer than 50 rows): {M|C=20}"));
    // Change rules: the old model's values (pandas) moved by max-worsening.
    assertEquals(OLD_EOPP_DIFFERENCE + 0.02, api.rules().get(7).threshold(), 1e-12);
    assertEquals(OLD_SELECTION_RATIO - 0.05, api.rules().get(8).threshold(), 1e-12);

    AssertionFailedError junit =
        assertThrows(
            AssertionFailedError.class,
            () -> FairnessAssertions.assertFair(POLICY, table, evaluator, base));
    assertEquals(api.message(), junit.getMessage());

    Path xml = tmp.resolve("out.xml");
    Path md = tmp.resolve("out.md");
    Result cli =
        run(
            "--y-pred",
            "y_pred",
            "--baseline",
            base.toString(),
            "--junit-xml",
            xml.toString(),
            "--summary",
            md.toString());
    assertEquals(1, cli.code());
    for (PolicyRuleResult r : api.rules()) {
      assertTrue(cli.out().contains(r.message()), cli.out());
    }
    assertEquals(List.of(9, 3, 0), junitCounts(xml));
    assertTrue(
        Files.readString(md).contains("### Fairness check: NOT passed (6 passed, 3 failed"),
        Files.readString(md));

    Result pass =
        run(
            "--policy",
            DIR.resolve("pass.yaml").toString(),
            "--y-pred",
            "y_pred",
            "--baseline",
            base.toString());
    assertEquals(0, pass.code(), pass.out());
  }

  private record Result(int code, String out) {}

  private static Result run(String... extra) {
    List<String> args = new ArrayList<>(List.of("check"));
    if (!List.of(extra).contains("--policy")) {
      args.addAll(List.of("--policy", POLICY.toString()));
    }
    args.addAll(
        List.of(
            "--input",
            TABLE.toString(),
            "--y-true",
            "y_true",
            "--positive",
            "1",
            "--sensitive",
            "sex",
            "--sensitive",
            "race"));
    args.addAll(List.of(extra));
    CommandLine cl = FairnessCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args.toArray(new String[0]));
    return new Result(code, out + err.toString());
  }

  /** Tests, failures and errors as a CI server reads them: the testcase elements. */
  private static List<Integer> junitCounts(Path xml) throws Exception {
    Element suite =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(xml.toFile())
            .getDocumentElement();
    assertEquals("testsuite", suite.getTagName());
    NodeList cases = suite.getElementsByTagName("testcase");
    int failures = suite.getElementsByTagName("failure").getLength();
    int errors = suite.getElementsByTagName("error").getLength();
    assertEquals(String.valueOf(cases.getLength()), suite.getAttribute("tests"));
    assertEquals(String.valueOf(failures), suite.getAttribute("failures"));
    assertEquals(String.valueOf(errors), suite.getAttribute("errors"));
    return List.of(cases.getLength(), failures, errors);
  }
}
