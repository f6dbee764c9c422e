package org.fairness4j.core.table.csv;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How the score columns of a {@link CsvTableSpec} map to classes: one label per column, or null
 * where the column is the score of the class with its position.
 */
record ScoreBinding(List<String> columns, List<String> labels) {
  static ScoreBinding of(CsvTableSpec spec) {
    List<String> columns = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (String s : spec.scoreColumns()) {
      int eq = s.indexOf('=');
      if (eq >= 0) {
        labels.add(s.substring(0, eq));
        columns.add(s.substring(eq + 1));
      } else {
        labels.add(null);
        columns.add(s);
      }
    }
    long explicit = labels.stream().filter(Objects::nonNull).count();
    if (explicit != 0 && explicit != labels.size()) {
      throw new IllegalArgumentException(
          "score columns must all be plain (COL) or all explicit (LABEL=COL): "
              + spec.scoreColumns());
    }
    if (explicit == 0 && columns.size() == 1) {
      if (spec.positiveLabel() == null) {
        throw new IllegalArgumentException(
            "one score column ("
                + columns.get(0)
                + ") is the score of the positive label: give the positive label, or write"
                + " LABEL="
                + columns.get(0));
      }
      labels.set(0, spec.positiveLabel());
    }
    return new ScoreBinding(columns, labels);
  }
}
