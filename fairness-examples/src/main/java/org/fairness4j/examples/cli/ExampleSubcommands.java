package org.fairness4j.examples.cli;

import java.util.List;
import org.fairness4j.cli.FairnessSubcommandProvider;

/**
 * Adds the examples' subcommands to {@code bin/fairness}: {@code study}, {@code demo-build} and
 * {@code tribuo-example} (registered in META-INF/services).
 */
public final class ExampleSubcommands implements FairnessSubcommandProvider {
  /** Creates the provider ({@link java.util.ServiceLoader} calls it). */
  public ExampleSubcommands() {}

  @Override
  public List<Object> subcommands() {
    return List.of(new StudyCommand(), new DemoBuildCommand(), new TribuoExampleCommand());
  }
}
