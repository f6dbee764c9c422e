package org.fairness4j.core.table.csv;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The general CSV path: strict RFC 4180 records ({@link CsvRecordReader}), one row at a time. */
final class RecordCsvParser {
  private RecordCsvParser() {}

  static RawColumns read(Path file, CsvTableSpec spec, ScoreBinding sb) throws IOException {
    try (CsvRecordReader reader = CsvRecordReader.open(file, spec.delimiter())) {
      List<String> header = reader.next();
      if (header == null) {
        throw new TableFormatException(file, 0, null, "empty file (no header row)");
      }
      CsvColumns cols = new CsvColumns(file, reader.recordLine(), header, spec, sb);
      RawColumns raw = cols.newColumns(1024);
      Map<String, String> interned = new HashMap<>();
      List<String> rec;
      while ((rec = reader.next()) != null) {
        long line = reader.recordLine();
        if (rec.size() != cols.width) {
          throw CsvValues.ragged(file, line, rec.size(), cols.width);
        }
        cols.checkSingleLine(file, line, rec);
        raw.ensureRoom();
        int i = raw.n;
        raw.yTrue[i] = CsvValues.label(file, line, cols, cols.yTrue, rec.get(cols.yTrue), spec);
        raw.yPred[i] = CsvValues.label(file, line, cols, cols.yPred, rec.get(cols.yPred), spec);
        if (raw.weights != null) {
          raw.weights[i] = CsvValues.weight(file, line, cols, cols.weight, rec.get(cols.weight));
        }
        for (int s = 0; s < raw.scores.length; s++) {
          raw.scores[s][i] =
              CsvValues.number(file, line, cols, cols.scores[s], rec.get(cols.scores[s]));
        }
        for (int a = 0; a < raw.attrs.length; a++) {
          String v = rec.get(cols.attributes[a]);
          String canonical = interned.putIfAbsent(v, v);
          raw.attrs[a][i] = canonical == null ? v : canonical;
        }
        raw.n++;
      }
      return raw;
    }
  }
}
