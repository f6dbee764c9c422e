package org.fairness4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code fairness} command line ({@code bin/fairness}). Exit codes: 0 success, 1 internal
 * error, 2 bad input or usage. Other modules add subcommands through {@link
 * FairnessSubcommandProvider}.
 */
@Command(
    name = "fairness",
    mixinStandardHelpOptions = true,
    versionProvider = FairnessCli.Version.class,
    description = "Group fairness audits of classifier predictions.",
    subcommands = {
      MetricsCommand.class,
      CheckCommand.class,
      EncodeCommand.class,
      ZeroShotCommand.class,
      AdaptCommand.class,
      ProtocolCommand.class,
      PaperMetricsCommand.class
    })
public final class FairnessCli {
  /** Exit code for bad input: a missing column, a malformed value, a bad flag. */
  public static final int BAD_INPUT = 2;

  private FairnessCli() {}

  /**
   * Runs the command line and exits with its code.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    CliLogging.configure(java.util.Arrays.asList(args).contains("--verbose"));
    try {
      org.fairness4j.models.Nd4jBackendSetup.configure();
    } catch (IllegalArgumentException e) {
      // A bad -Dfairness4j.* setting: one line, exit 2, as any other bad input.
      System.err.println("fairness: " + e.getMessage());
      System.exit(BAD_INPUT);
    }
    System.exit(run(args));
  }

  /**
   * Runs the command line. An {@link OutOfMemoryError} ends it with one line naming the heap the
   * JVM had and how to raise it, and exit code {@link #BAD_INPUT}.
   *
   * @param args the arguments
   * @return the exit code
   */
  public static int run(String... args) {
    CommandLine cl = commandLine();
    try {
      return cl.execute(args);
    } catch (OutOfMemoryError e) {
      cl.getErr().println(CliLogging.outOfMemory(Runtime.getRuntime().maxMemory()));
      cl.getErr().flush();
      return BAD_INPUT;
    }
  }

  /** {@code --verbose}, accepted by every command: ND4J's and other libraries' log lines too. */
  @CommandLine.Option(
      names = "--verbose",
      scope = CommandLine.ScopeType.INHERIT,
      description = "Also show the log lines of ND4J and other libraries (hidden by default).")
  boolean verbose;

  /**
   * Returns the configured picocli command line (for tests and embedding).
   *
   * @return the command line
   */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new FairnessCli());
    Subcommands.addProvided(cl);
    cl.setParameterExceptionHandler(
        (ex, args) -> {
          CommandLine c = ex.getCommandLine();
          c.getErr().println("fairness: " + ex.getMessage());
          c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
          return BAD_INPUT;
        });
    cl.setExecutionExceptionHandler(
        (ex, c, parsed) -> {
          // An unexpected failure: one line, the stack trace only with --verbose.
          boolean verbose = false;
          for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            verbose |= p.hasMatchedOption("--verbose");
          }
          if (verbose) {
            ex.printStackTrace(c.getErr());
          }
          c.getErr()
              .println(
                  "fairness: internal error: "
                      + ex
                      + (verbose ? "" : " (--verbose shows where; please report it)"));
          return 1;
        });
    return cl;
  }

  /**
   * Prints the one-line message of a bad-input failure and returns {@link #BAD_INPUT}.
   *
   * @param err where to print
   * @param e the failure (its message names the file, line and column where known)
   * @return {@link #BAD_INPUT}
   */
  public static int badInput(java.io.PrintWriter err, Exception e) {
    String message =
        e instanceof java.nio.file.NoSuchFileException n
            ? n.getFile()
                + ": no such file"
                + (n.getReason() == null ? "" : " (" + n.getReason() + ")")
            : e instanceof java.nio.file.FileSystemException f && f.getReason() == null
                ? fileProblem(f)
                : e.getMessage();
    err.println("fairness: " + message);
    return BAD_INPUT;
  }

  /** A file-system error without a reason (whose message is only the path), said in words. */
  private static String fileProblem(java.nio.file.FileSystemException f) {
    String what =
        f instanceof java.nio.file.FileAlreadyExistsException
            ? "exists and is not a directory (a file, or a symbolic link to nothing)"
            : f instanceof java.nio.file.AccessDeniedException
                ? "permission denied"
                : f instanceof java.nio.file.NotDirectoryException
                    ? "is not a directory"
                    : f.getClass().getSimpleName().replace("Exception", "");
    return f.getFile() + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile()) + ": " + what;
  }

  /** Reports the library version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = FairnessCli.class.getPackage().getImplementationVersion();
      return new String[] {"fairness4j " + (v == null ? "development build" : v)};
    }
  }
}
