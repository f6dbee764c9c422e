package org.fairness4j.core.policy;

import java.io.IOException;

/**
 * A policy (or baseline report) file whose content is malformed: a key that is not known, a value
 * of the wrong kind, a metric or decision mode that does not exist. The message names the file and
 * the line: {@code policy.yaml:7: unknown key 'at_most' (known: ...)}.
 */
public final class PolicyFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  /** The 1-based line, or 0. */
  private final int line;

  /**
   * Creates the exception.
   *
   * @param source the file name
   * @param line the 1-based line, or 0 when the problem is not on one line
   * @param problem what is wrong
   */
  public PolicyFormatException(String source, int line, String problem) {
    super(source + (line > 0 ? ":" + line : "") + ": " + problem);
    this.line = line;
  }

  /**
   * Returns the 1-based line of the problem, or 0.
   *
   * @return the line
   */
  public int line() {
    return line;
  }
}
