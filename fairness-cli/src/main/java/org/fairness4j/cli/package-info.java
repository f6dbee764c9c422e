/**
 * The {@code bin/fairness} command line, built with picocli: {@code metrics}, {@code check}, {@code
 * encode}, {@code zeroshot}, {@code adapt}, {@code protocol}, {@code paper-metrics}, and the
 * subcommands of every {@link org.fairness4j.cli.FairnessSubcommandProvider} on the class path.
 */
package org.fairness4j.cli;
