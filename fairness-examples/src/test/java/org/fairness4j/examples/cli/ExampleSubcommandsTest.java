package org.fairness4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.fairness4j.cli.FairnessCli;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * On fairness-examples' class path (bin/fairness's), the command line offers every subcommand: the
 * general ones of fairness-cli and the examples', found through {@link ExampleSubcommands}.
 */
class ExampleSubcommandsTest {
  @Test
  void everySubcommandIsOfferedAndTheExamplesKeepTheirFlagsAndExitCodes() {
    CommandLine cl = FairnessCli.commandLine();
    // The general commands first (their list: fairness-cli's SubcommandsTest), then the examples'.
    List<String> names = List.copyOf(cl.getSubcommands().keySet());
    assertEquals(11, names.size(), names.toString());
    assertEquals(
        List.of("paper-metrics", "study", "demo-build", "tribuo-example", "help"),
        names.subList(6, 11));
    StringWriter out = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    assertEquals(0, cl.execute("study", "--help"));
    for (String flag :
        List.of(
            "--demo", "--data-dir", "--model", "--strategies", "--epochs", "--lora", "--cache")) {
      assertTrue(out.toString().contains(flag), flag + " not in: " + out);
    }
    // A usage error and the inherited --verbose behave as for the built-in commands.
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err, true));
    assertEquals(
        FairnessCli.BAD_INPUT, cl.execute("study", "--verbose", "--out", "o", "--no-such-flag"));
    assertTrue(
        err.toString().startsWith("fairness: Unknown option: '--no-such-flag'"), err.toString());
    assertTrue(err.toString().contains("Try 'fairness study --help'."), err.toString());
  }
}
