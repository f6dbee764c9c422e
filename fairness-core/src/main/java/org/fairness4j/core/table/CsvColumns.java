package org.fairness4j.core.table;

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

  CsvColumns(Path file, long line, List<String> header, CsvTableSpec spec, ScoreBinding sb)
      throws TableFormatException {
    names = List.copyOf(header);
    width = names.size();
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
    return i;
  }
}
