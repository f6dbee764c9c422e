package org.fairness4j.core.table.csv;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.fairness4j.core.table.Binning;
import org.fairness4j.core.table.SensitiveAttribute;

/**
 * Turns the raw text of one row's columns into the codes a {@link CellCounts} aggregates, with the
 * same rules as {@link PredictionTableCsv}: labels are declared classes (matched as given, then
 * stripped) or integers; weights finite and non-negative; scores finite; a sensitive value is
 * missing per {@link SensitiveAttribute#isMissingToken}, and a binned value is placed in its bin,
 * or marked unparseable or out of range. Engines that never hold the whole table (streaming, Apache
 * Spark) code each row with it and aggregate the codes, so their reports equal those of the
 * in-memory table. Immutable and serializable (it travels to Spark executors).
 *
 * @serial exclude
 */
public final class TableCoder implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Token of a binned value that is missing. */
  static final int MISSING = -2;

  /** Token of a binned value that is not a number. */
  static final int UNPARSEABLE = -3;

  /** Token of a binned value below the first edge. */
  static final int OUT_OF_RANGE = -1;

  private final CsvTableSpec spec;
  private final List<String> scoreColumns;
  private final List<String> scoreLabels;

  private TableCoder(CsvTableSpec spec) {
    this.spec = spec;
    ScoreBinding sb = ScoreBinding.of(spec);
    this.scoreColumns = List.copyOf(sb.columns());
    this.scoreLabels = java.util.Collections.unmodifiableList(new ArrayList<>(sb.labels()));
  }

  /**
   * Returns the coder of a table spec.
   *
   * @param spec the spec (the delimiter is not used)
   * @return the coder
   * @throws IllegalArgumentException if the score columns are inconsistent (as for CSV reading)
   */
  public static TableCoder of(CsvTableSpec spec) {
    return new TableCoder(spec);
  }

  /**
   * Returns the spec.
   *
   * @return the spec
   */
  public CsvTableSpec spec() {
    return spec;
  }

  /**
   * Returns the score columns, in spec order (without their {@code LABEL=} prefixes).
   *
   * @return an immutable list
   */
  public List<String> scoreColumns() {
    return scoreColumns;
  }

  /**
   * Returns the class label of each score column, or null where the column is the score of the
   * class at its position (resolved by {@link CellCounts#finish}).
   *
   * @return an unmodifiable list, null entries allowed
   */
  public List<String> scoreLabels() {
    return scoreLabels;
  }

  /**
   * Codes a label: the index of a declared class, or the integer label when no classes are
   * declared.
   *
   * @param column the column name, for the message
   * @param raw the raw text, may be null
   * @return the code
   * @throws IllegalArgumentException naming the column and value if the label is not valid
   */
  public int label(String column, String raw) {
    if (raw == null) {
      throw new IllegalArgumentException("column '" + column + "': label is missing");
    }
    try {
      return CsvValues.labelIndex(spec.classes(), raw);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("column '" + column + "': " + e.getMessage(), e);
    }
  }

  /**
   * Codes a finite number (a score).
   *
   * @param column the column name, for the message
   * @param raw the raw text, may be null
   * @return the number, with -0.0 as 0.0
   * @throws IllegalArgumentException naming the column and value if it is missing, not a number or
   *     not finite
   */
  public double number(String column, String raw) {
    if (raw == null) {
      throw new IllegalArgumentException("column '" + column + "': value is missing");
    }
    double d;
    try {
      d = JavaDoubleParser.parseDouble(raw.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "column '" + column + "': '" + raw + "' is not a number", e);
    }
    if (!Double.isFinite(d)) {
      throw new IllegalArgumentException(
          "column '" + column + "': '" + raw + "' is not a finite number");
    }
    return d + 0.0;
  }

  /**
   * Codes a sample weight: a finite, non-negative number.
   *
   * @param column the column name, for the message
   * @param raw the raw text, may be null
   * @return the weight
   * @throws IllegalArgumentException naming the column and value if it is not a valid weight
   */
  public double weight(String column, String raw) {
    double w = number(column, raw);
    if (w < 0) {
      throw new IllegalArgumentException("column '" + column + "': weight " + w + " is negative");
    }
    return w;
  }

  /**
   * Codes a cluster id: any non-blank text.
   *
   * @param column the column name, for the message
   * @param raw the raw text, may be null
   * @return the id
   * @throws IllegalArgumentException if it is missing or blank
   */
  public String cluster(String column, String raw) {
    if (raw == null || raw.isBlank()) {
      throw new IllegalArgumentException("column '" + column + "': a row has no cluster id");
    }
    return raw;
  }

  /**
   * Returns the number of sensitive attributes of the spec.
   *
   * @return the count
   */
  public int attributeCount() {
    return spec.attributes().size();
  }

  /**
   * Codes a sensitive value as a token: for a categorical attribute the value itself, or null when
   * it is missing; for a binned attribute the bin number, {@code -1} below the first edge, {@code
   * -2} missing or {@code -3} not a number, as decimal text.
   *
   * @param attribute the attribute's position in the spec
   * @param raw the raw text, may be null (missing)
   * @return the token
   */
  public String attributeToken(int attribute, String raw) {
    Binning b = spec.attributes().get(attribute).binning();
    if (b == null) {
      return SensitiveAttribute.isMissingToken(raw) ? null : raw;
    }
    if (SensitiveAttribute.isMissingToken(raw)) {
      return Integer.toString(MISSING);
    }
    try {
      return Integer.toString(b.binOf(Double.parseDouble(raw.strip())));
    } catch (NumberFormatException e) {
      return Integer.toString(UNPARSEABLE);
    }
  }
}
