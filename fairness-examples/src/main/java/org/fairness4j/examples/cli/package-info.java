/** The {@code bin/fairness} command line, built with picocli. */
package org.fairness4j.examples.cli;
