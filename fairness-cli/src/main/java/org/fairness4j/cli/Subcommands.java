package org.fairness4j.cli;

import java.util.ServiceLoader;
import picocli.CommandLine;

/**
 * Adds the subcommands of every {@link FairnessSubcommandProvider} on the class path, then help.
 */
final class Subcommands {
  private Subcommands() {}

  /**
   * Adds the subcommands of the providers {@link java.util.ServiceLoader} finds (in class-path
   * order), then picocli's {@code help}.
   *
   * @throws IllegalStateException if a provided name is taken
   */
  static void addProvided(CommandLine cl) {
    add(cl, ServiceLoader.load(FairnessSubcommandProvider.class));
  }

  /**
   * Adds the subcommands of these providers, then picocli's {@code help}.
   *
   * @throws IllegalStateException naming the provider if a provided name is taken
   */
  static void add(CommandLine cl, Iterable<FairnessSubcommandProvider> providers) {
    for (FairnessSubcommandProvider p : providers) {
      for (Object command : p.subcommands()) {
        CommandLine sub = new CommandLine(command);
        String name = sub.getCommandName();
        if (cl.getSubcommands().containsKey(name)) {
          throw new IllegalStateException(
              p.getClass().getName() + ": subcommand '" + name + "' exists already");
        }
        cl.addSubcommand(name, sub);
      }
    }
    cl.addSubcommand(new CommandLine.HelpCommand());
  }
}
