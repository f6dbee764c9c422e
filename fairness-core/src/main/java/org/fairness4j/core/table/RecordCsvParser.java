package org.fairness4j.core.table;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The general CSV path: FastCSV records (full RFC 4180 quoting), one row at a time. */
final class RecordCsvParser {
  private RecordCsvParser() {}

  static RawColumns read(Path file, CsvTableSpec spec, ScoreBinding sb) throws IOException {
    CsvReader<CsvRecord> reader =
        CsvReader.builder()
            .fieldSeparator(spec.delimiter())
            .ignoreDifferentFieldCount(true)
            .skipEmptyLines(true)
            .detectBomHeader(true)
            .ofCsvRecord(file, StandardCharsets.UTF_8);
    try (reader;
        CloseableIterator<CsvRecord> it = reader.iterator()) {
      if (!it.hasNext()) {
        throw new TableFormatException(file, 0, null, "empty file (no header row)");
      }
      CsvRecord header = it.next();
      CsvColumns cols =
          new CsvColumns(file, header.getStartingLineNumber(), header.getFields(), spec, sb);
      RawColumns raw = cols.newColumns(1024);
      Map<String, String> interned = new HashMap<>();
      while (it.hasNext()) {
        CsvRecord rec = it.next();
        long line = rec.getStartingLineNumber();
        if (rec.getFieldCount() != cols.width) {
          throw CsvValues.ragged(file, line, rec.getFieldCount(), cols.width);
        }
        raw.ensureRoom();
        int i = raw.n;
        raw.yTrue[i] =
            CsvValues.label(file, line, cols, cols.yTrue, rec.getField(cols.yTrue), spec);
        raw.yPred[i] =
            CsvValues.label(file, line, cols, cols.yPred, rec.getField(cols.yPred), spec);
        if (raw.weights != null) {
          raw.weights[i] =
              CsvValues.weight(file, line, cols, cols.weight, rec.getField(cols.weight));
        }
        for (int s = 0; s < raw.scores.length; s++) {
          raw.scores[s][i] =
              CsvValues.number(file, line, cols, cols.scores[s], rec.getField(cols.scores[s]));
        }
        for (int a = 0; a < raw.attrs.length; a++) {
          String v = rec.getField(cols.attributes[a]);
          String canonical = interned.putIfAbsent(v, v);
          raw.attrs[a][i] = canonical == null ? v : canonical;
        }
        raw.n++;
      }
      return raw;
    } catch (CsvParseException e) {
      throw new TableFormatException(file, 0, null, "malformed CSV: " + e.getMessage());
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
