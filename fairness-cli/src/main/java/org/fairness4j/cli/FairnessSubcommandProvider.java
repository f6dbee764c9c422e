package org.fairness4j.cli;

import java.util.List;

/**
 * Adds subcommands to the {@code fairness} command line ({@link FairnessCli}), found with {@link
 * java.util.ServiceLoader}: a module on the class path lists its implementation in {@code
 * META-INF/services/org.fairness4j.cli.FairnessSubcommandProvider}. fairness-examples adds {@code
 * study}, {@code demo-build} and {@code tribuo-example} this way, so {@code bin/fairness} offers
 * them when it runs with fairness-examples' class path.
 *
 * <p>A subcommand follows the command line's conventions: exit code 0 on success, {@link
 * FairnessCli#BAD_INPUT} with one line from {@link FairnessCli#badInput} on bad input.
 */
public interface FairnessSubcommandProvider {
  /**
   * Returns new instances of picocli {@code @Command} classes, in the order their help lists them;
   * each name must differ from the built-in commands' and the other providers' (a clash is an
   * {@link IllegalStateException} when the command line is built).
   *
   * @return the subcommands, never null
   */
  List<Object> subcommands();
}
