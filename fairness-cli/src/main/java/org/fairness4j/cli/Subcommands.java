package org.fairness4j.cli;

import java.util.ServiceLoader;
import picocli.CommandLine;

/**
 * Adds the subcommands of every {@link FairnessSubcommandProvider} on the class path, then help.
 */
final class Subcommands {
  private Subcommands() {}

  /**
   * Adds the provided subcommands (providers in class-path order) and picocli's {@code help}.
   *
   * @throws IllegalStateException if a provided name is taken
   */
  static void addProvided(CommandLine cl) {
    for (FairnessSubcommandProvider p : ServiceLoader.load(FairnessSubcommandProvider.class)) {
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
