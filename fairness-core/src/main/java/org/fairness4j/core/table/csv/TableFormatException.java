package org.fairness4j.core.table.csv;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A table file whose content is malformed: a missing column, a ragged row, a label that is not a
 * number or a declared class, a score that is not a finite number, an empty file. The message names
 * the file, the line and the column: {@code data.csv:17: column 'score': 'abc' is not a number}.
 */
public final class TableFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  /** The file (not serialized). */
  private final transient Path file;

  /** The 1-based line, or 0. */
  private final long line;

  /** The column name, or null. */
  private final String column;

  /**
   * Creates the exception.
   *
   * @param file the file
   * @param line the 1-based line, or 0 when the problem is not on one line
   * @param column the column name, or null
   * @param problem what is wrong
   */
  public TableFormatException(Path file, long line, String column, String problem) {
    super(
        file
            + (line > 0 ? ":" + line : "")
            + ": "
            + shorten((column == null ? "" : "column '" + column + "': ") + problem));
    this.file = file;
    this.line = line;
    this.column = column;
  }

  /** Longer runs of text in a message (a value or column name) are cut to their start. */
  static final int MAX_RUN = 80;

  private static final java.util.regex.Pattern LONG_RUN =
      java.util.regex.Pattern.compile("[^\\s',/\\[\\]]{" + (MAX_RUN + 1) + ",}");

  /**
   * Cuts each run of more than {@link #MAX_RUN} characters without a space, quote, comma, slash or
   * bracket (a megabyte-long column name or value) to its first 40 characters and its length, so
   * that the message stays one readable line.
   */
  static String shorten(String text) {
    return LONG_RUN
        .matcher(text)
        .replaceAll(
            m ->
                java.util.regex.Matcher.quoteReplacement(
                    m.group().substring(0, 40) + "…(" + m.group().length() + " characters)"));
  }

  /**
   * Returns the file.
   *
   * @return the file
   */
  public Path file() {
    return file;
  }

  /**
   * Returns the 1-based line number, or 0 when the problem is not on one line.
   *
   * @return the line
   */
  public long line() {
    return line;
  }

  /**
   * Returns the column name, or null.
   *
   * @return the column
   */
  public String column() {
    return column;
  }
}
