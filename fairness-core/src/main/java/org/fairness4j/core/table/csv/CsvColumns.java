package org.fairness4j.core.table.csv;

import java.nio.file.Path;
import java.util.List;

/** Positions of the columns a {@link CsvTableSpec} needs, resolved from the header. */
final class CsvColumns {
  final int width;
  final int yTrue;
  final int yPred;
  final int weight;
  final int[] scores;
  final int[] attributes;
  final List<String> names;
  private final boolean[] used;

  CsvColumns(Path file, long line, List<String> header, CsvTableSpec spec, ScoreBinding sb)
      throws TableFormatException {
    names = List.copyOf(header);
    width = names.size();
    used = new boolean[width];
    yTrue = find(file, line, spec.trueColumn());
    yPred = find(file, line, spec.predictedColumn());
    weight = spec.weightColumn() == null ? -1 : find(file, line, spec.weightColumn());
    scores = new int[sb.columns().size()];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = find(file, line, sb.columns().get(i));
    }
    int a = spec.attributes().size();
    attributes = new int[a + (spec.clusterColumn() == null ? 0 : 1)];
    for (int i = 0; i < a; i++) {
      attributes[i] = find(file, line, spec.attributes().get(i).name());
    }
    if (spec.clusterColumn() != null) {
      attributes[a] = find(file, line, spec.clusterColumn());
    }
  }

  RawColumns newColumns(int capacity) {
    return new RawColumns(capacity, weight >= 0, scores.length, attributes.length);
  }

  private int find(Path file, long line, String column) throws TableFormatException {
    int i = names.indexOf(column);
    if (i < 0) {
      throw new TableFormatException(
          file, line, column, "no such column in the header; columns are " + names);
    }
    int j = names.lastIndexOf(column);
    if (j != i) {
      throw new TableFormatException(
          file,
          line,
          column,
          "the header names this column twice (fields "
              + (i + 1)
              + " and "
              + (j + 1)
              + "); rename one");
    }
    used[i] = true;
    return i;
  }

  /**
   * Refuses a record whose used fields span lines: a quoted label, score or attribute value with a
   * line break in it is almost always a misplaced quote that joined rows.
   */
  void checkSingleLine(Path file, long line, List<String> fields) throws TableFormatException {
    for (int c = 0; c < width; c++) {
      if (used[c]) {
        String v = fields.get(c);
        if (v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
          throw new TableFormatException(
              file,
              line,
              names.get(c),
              "a quoted value spans several lines (a misplaced quote joins rows); values of this"
                  + " column must fit on one line");
        }
      }
    }
  }
}
