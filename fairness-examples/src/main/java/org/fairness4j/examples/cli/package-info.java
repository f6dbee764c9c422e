/**
 * The examples' subcommands of {@code bin/fairness} ({@code study}, {@code demo-build}, {@code
 * tribuo-example}), added to fairness-cli's command line through {@link
 * org.fairness4j.cli.FairnessSubcommandProvider}.
 */
package org.fairness4j.examples.cli;
