package org.fairness4j.models.text;

import java.io.IOException;
import java.nio.file.Path;

/** A tokenizer file or directory in an unknown or malformed format; the message names it. */
public final class TokenizerFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param where the file or directory
   * @param problem what is wrong
   */
  public TokenizerFormatException(Path where, String problem) {
    super(where + ": " + problem);
  }
}
