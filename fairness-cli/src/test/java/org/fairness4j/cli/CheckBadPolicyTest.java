package org.fairness4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** Every kind of bad policy: exit 2, one line on stderr naming the policy file and line. */
class CheckBadPolicyTest {
  private static final Path DEMO =
      Path.of("..", "examples", "demo", "nih_6x200_synthetic_test.csv");

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unknown key|rules:\\n  - feature-set: sex\\n    ratio: accuracy\\n    at-least: 0.8\\n"
            + "    tolerance: 0.1\\n|5|unknown key 'tolerance' in a rule",
        "unknown metric|rules:\\n  - feature-set: sex\\n    ratio: acuracy\\n    at-least: 0.8\\n"
            + "|3|unknown metric 'acuracy'",
        "unknown feature set|rules:\\n  - feature-set: sex\\n    ratio: accuracy\\n    at-least: 0.8\\n"
            + "  - feature-set: race\\n    ratio: accuracy\\n    at-least: 0.8\\n"
            + "|5|the table has no sensitive attribute 'race'",
        "wrong type|rules:\\n  - feature-set: sex\\n    ratio: accuracy\\n    at-least: high\\n"
            + "|4|at-least must be a number, not 'high'",
        "yaml syntax|rules:\\n  - feature-set: sex\\n    ratio: [accuracy\\n    at-least: 0.8\\n"
            + "|4|expected ',' or ']'",
        "duplicate key|rules:\\n  - feature-set: sex\\n    ratio: accuracy\\n    at-least: 0.8\\n"
            + "    at-least: 0.9\\n|5|key 'at-least' given twice",
        "empty file||0|the file is empty",
        "no bound|rules:\\n  - feature-set: sex\\n    ratio: accuracy\\n    decide: confident\\n"
            + "|2|a rule needs a bound: one of at-most, at-least, max-worsening",
        "two bounds|rules:\\n  - feature-set: sex\\n    ratio: accuracy\\n    at-least: 0.8\\n"
            + "    at-most: 1\\n|5|a rule has only one bound; 'at-least' and 'at-most' both given"
      })
  void exitsTwoNamingTheFileAndLine(String what, String yaml, int line, String problem)
      throws Exception {
    Path policy = dir.resolve("bad policy.yaml");
    Files.writeString(policy, yaml == null ? "" : yaml.replace("\\n", "\n"));
    CommandLine cl = FairnessCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code =
        cl.execute(
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
            "age:bins=0,60");
    String e = err.toString();
    assertEquals(2, code, what + ": " + out + e);
    assertEquals(1, e.lines().count(), e);
    String where = policy + (line > 0 ? ":" + line : "") + ": ";
    assertTrue(e.startsWith("fairness: " + where), e);
    assertTrue(e.contains(problem), e);
    assertFalse(out.toString().contains("PASSED"), out.toString());
  }
}
