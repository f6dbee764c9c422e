package org.fairness4j.core.table.csv;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import java.nio.file.Path;
import org.fairness4j.core.table.ClassLabels;

/** Conversion of CSV fields to labels and numbers, with the errors both parsers report. */
final class CsvValues {
  private CsvValues() {}

  static TableFormatException ragged(Path file, long line, int fields, int width) {
    return new TableFormatException(
        file, line, null, "row has " + fields + " fields, the header has " + width);
  }

  /** A label: a declared class's index, or an integer label. */
  static int label(Path file, long line, CsvColumns cols, int col, String raw, CsvTableSpec spec)
      throws TableFormatException {
    try {
      return labelIndex(spec.classes(), raw);
    } catch (IllegalArgumentException e) {
      throw new TableFormatException(file, line, cols.names.get(col), e.getMessage());
    }
  }

  /**
   * A label's index: the declared class it names (as given, else stripped), or without declared
   * classes the integer label.
   *
   * @throws IllegalArgumentException naming the value (not the column) if it is neither
   */
  static int labelIndex(ClassLabels declared, String raw) {
    if (declared != null) {
      int c = declared.indexOf(raw);
      if (c < 0) {
        c = declared.indexOf(raw.strip());
      }
      if (c < 0) {
        throw new IllegalArgumentException(
            "label '" + raw + "' is not a declared class " + declared);
      }
      return c;
    }
    try {
      return Integer.parseInt(raw.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "label '" + raw + "' is not an integer (declare string classes to use text labels)");
    }
  }

  /** A finite number. */
  static double number(Path file, long line, CsvColumns cols, int col, String raw)
      throws TableFormatException {
    double d;
    try {
      d = JavaDoubleParser.parseDouble(raw.strip());
    } catch (NumberFormatException e) {
      throw new TableFormatException(
          file, line, cols.names.get(col), "'" + raw + "' is not a number");
    }
    return finite(file, line, cols, col, raw, d);
  }

  static double finite(Path file, long line, CsvColumns cols, int col, String raw, double d)
      throws TableFormatException {
    if (!Double.isFinite(d)) {
      throw new TableFormatException(
          file, line, cols.names.get(col), "'" + raw + "' is not a finite number");
    }
    return d;
  }

  /** A finite, non-negative weight. */
  static double weight(Path file, long line, CsvColumns cols, int col, String raw)
      throws TableFormatException {
    return nonNegative(file, line, cols, col, number(file, line, cols, col, raw));
  }

  static double nonNegative(Path file, long line, CsvColumns cols, int col, double w)
      throws TableFormatException {
    if (w < 0) {
      throw new TableFormatException(
          file, line, cols.names.get(col), "weight " + w + " is negative");
    }
    return w;
  }
}
