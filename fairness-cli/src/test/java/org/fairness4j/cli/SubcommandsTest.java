package org.fairness4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Subcommands added through {@link FairnessSubcommandProvider} (issue 19, fairness-cli). */
class SubcommandsTest {
  /** A provided subcommand that prints whether the inherited {@code --verbose} reached it. */
  @Command(name = "extra", mixinStandardHelpOptions = true, description = "A provided command.")
  static final class Extra implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      boolean verbose = spec.commandLine().getParseResult().hasMatchedOption("--verbose");
      spec.commandLine().getOut().println("extra ran, verbose " + verbose);
      return 0;
    }
  }

  @Command(name = "metrics")
  static final class Clash implements Callable<Integer> {
    @Override
    public Integer call() {
      return 0;
    }
  }

  /** The command line with {@code providers} instead of the class path's. */
  private static CommandLine withProviders(FairnessSubcommandProvider... providers) {
    CommandLine cl = new CommandLine(FairnessCli.class); // picocli's factory: private constructor
    Subcommands.add(cl, List.of(providers));
    return cl;
  }

  /** fairness-cli's own commands, in the order help lists them. */
  private static final List<String> GENERAL =
      List.of("metrics", "check", "encode", "zeroshot", "adapt", "protocol", "paper-metrics");

  @Test
  void withoutProvidersTheGeneralCommandsAndHelpAreOffered() {
    // fairness-cli's own class path has no provider: the general commands, then help.
    List<String> expected = new ArrayList<>(GENERAL);
    expected.add("help");
    assertEquals(expected, List.copyOf(FairnessCli.commandLine().getSubcommands().keySet()));
  }

  @Test
  void aProvidedCommandRunsListedBeforeHelpAndInheritsVerbose() {
    CommandLine cl = withProviders(() -> List.of(new Extra()));
    List<String> expected = new ArrayList<>(GENERAL);
    expected.addAll(List.of("extra", "help"));
    assertEquals(expected, List.copyOf(cl.getSubcommands().keySet()));
    StringWriter out = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    assertEquals(0, cl.execute("extra", "--verbose"));
    assertEquals("extra ran, verbose true", out.toString().strip());
    StringWriter help = new StringWriter();
    cl.setOut(new PrintWriter(help, true));
    assertEquals(0, cl.execute("--help"));
    assertTrue(help.toString().contains("A provided command."), help.toString());
  }

  @Test
  void aProvidedNameThatIsTakenIsRefusedNamingTheProvider() {
    FairnessSubcommandProvider clash = () -> List.of(new Clash());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> withProviders(clash));
    assertTrue(e.getMessage().contains("subcommand 'metrics' exists already"), e.getMessage());
    assertTrue(e.getMessage().startsWith(clash.getClass().getName()), e.getMessage());
  }
}
