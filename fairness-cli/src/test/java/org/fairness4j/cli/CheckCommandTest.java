package org.fairness4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import picocli.CommandLine;

class CheckCommandTest {
  private static final Path DEMO =
      Path.of("..", "examples", "demo", "nih_6x200_synthetic_test.csv");
  private static final Path POLICY = Path.of("..", "examples", "demo", "fairness-policy.yaml");

  @TempDir Path dir;

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    CommandLine cl = FairnessCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  /** {@code check} of the demo table (README's metrics options) against a policy, and more. */
  private static String[] check(Path policy, String... more) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "check",
                "--policy",
                policy.toString(),
                "--input",
                DEMO.toString(),
                "--y-true",
                "y_true",
                "--y-pred",
                "y_pred",
                "--sensitive",
                "sex",
                "--sensitive",
                "age:bins=0,60"));
    a.addAll(List.of(more));
    return a.toArray(new String[0]);
  }

  @Test
  void theDemoPolicyFailsTheIntersectionalGapOnlyAndExitsOne() throws Exception {
    Path xml = dir.resolve("junit.xml");
    Path md = dir.resolve("summary.md");
    Result r = run(check(POLICY, "--junit-xml", xml.toString(), "--summary", md.toString()));
    assertEquals(1, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("PASSED: four-fifths rule on accuracy by sex"), r.out());
    assertTrue(r.out().contains("PASSED: accuracy gap by age"), r.out());
    assertTrue(r.out().contains("FAILED: accuracy gap by sex and age (policy line 23)"), r.out());
    assertTrue(r.out().contains("groups behind the value: [F|[60,inf), M|[0,60)]"), r.out());
    assertTrue(r.out().endsWith("2 passed, 1 failed, 0 undecidable\n"), r.out());
    Element suite =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(xml.toFile())
            .getDocumentElement();
    assertEquals("3", suite.getAttribute("tests"));
    assertEquals("1", suite.getAttribute("failures"));
    String summary = Files.readString(md);
    assertTrue(summary.startsWith("### Fairness check: NOT passed"), summary);
  }

  @Test
  void aPassingPolicyExitsZeroAndItsReportIsTheNextBaseline() throws Exception {
    Path policy = dir.resolve("p.yaml");
    Files.writeString(
        policy,
        """
        rules:
          - feature-set: sex+age
            difference: accuracy
            at-most: 0.25
            min-group-size: 30
          - feature-set: sex+age
            below-overall: accuracy
            max-worsening: 0.0
            min-group-size: 30
        """);
    Path report = dir.resolve("base.json");
    Result first = run(check(policy, "--write-report", report.toString()));
    // No baseline yet: the change rule is undecidable, which does not pass.
    assertEquals(1, first.code(), first.out() + first.err());
    assertTrue(first.out().contains("UNDECIDABLE"), first.out());
    Result overwrite =
        run(check(policy, "--baseline", report.toString(), "--write-report", report.toString()));
    assertEquals(2, overwrite.code());
    assertTrue(
        overwrite.err().contains("--write-report") && overwrite.err().contains("is the input file"),
        overwrite.err());
    Result second = run(check(policy, "--baseline", report.toString()));
    assertEquals(0, second.code(), second.out() + second.err());
    assertTrue(second.out().contains("(baseline 0.1417 + 0.0000)"), second.out());
  }

  @Test
  void badPoliciesAndOptionsExitTwoWithOneLine() throws Exception {
    Path policy = dir.resolve("bad.yaml");
    Files.writeString(
        policy,
        "rules:\n  - feature-set: sex\n    ratio: accuracy\n    at-least: 0.8\n    mode: x\n");
    Result r = run(check(policy));
    assertEquals(2, r.code());
    assertEquals(
        "fairness: " + policy + ":5: unknown key 'mode' in a rule",
        r.err().lines().findFirst().orElseThrow().replaceAll(" \\(known:.*", ""));
    Files.writeString(
        policy, "rules:\n  - feature-set: race\n    ratio: accuracy\n    at-least: 0.8\n");
    Result fs = run(check(policy));
    assertEquals(2, fs.code());
    assertTrue(fs.err().startsWith("fairness: " + policy + ":2: rule "), fs.err());
    assertTrue(fs.err().contains("the table has no sensitive attribute 'race'"), fs.err());
    Result intersect = run(check(POLICY, "--intersect", "sex,age"));
    assertEquals(2, intersect.code());
    assertFalse(intersect.err().isEmpty());
    Result missing = run(check(dir.resolve("none.yaml")));
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("none.yaml: no such file"), missing.err());
  }

  @Test
  void metricsShowsThePolicysVerdictsInTheReport() throws Exception {
    Path md = dir.resolve("report.md");
    String[] args = check(POLICY, "--report", md.toString());
    args[0] = "metrics";
    Result r = run(args);
    assertEquals(0, r.code(), r.err());
    String report = Files.readString(md);
    assertTrue(report.contains("NOT passed: 2 passed, 1 failed, 0 undecidable"), report);
    // A section of its own, before the gaps, in every format.
    assertTrue(report.indexOf("## Fairness policy") < report.indexOf("## Largest gaps"), report);
    assertTrue(
        report.contains("| **FAILED** | accuracy gap by sex and age | sex+age | 0.2167 |"), report);
    Path html = dir.resolve("report.html");
    args = check(POLICY, "--report", html.toString());
    args[0] = "metrics";
    assertEquals(0, run(args).code());
    String page = Files.readString(html);
    assertTrue(
        page.contains("<h2 id=\"policy\">Fairness policy: NOT passed (2 passed, 1 failed"), page);
    assertTrue(page.indexOf("id=\"policy\"") < page.indexOf("id=\"summary\""), page);
    assertTrue(page.contains("<td><b>failed</b></td><td>accuracy gap by sex and age</td>"), page);
    Path json = dir.resolve("report.json");
    args = check(POLICY, "--report", json.toString());
    args[0] = "metrics";
    assertEquals(0, run(args).code());
    String j = Files.readString(json);
    assertTrue(j.contains("\"policy\": {"), j);
    assertTrue(
        j.matches("(?s).*\"name\": \"accuracy gap by sex and age\",.*\"verdict\": \"FAILED\".*"),
        j);
    args = check(POLICY);
    args[0] = "metrics";
    assertEquals(2, run(args).code());
  }
}
