package org.fairness4j.core.table.csv;

import java.io.IOException;
import java.nio.file.Path;
import org.fairness4j.core.table.PredictionTable;

/**
 * Reads a {@link PredictionTable} from a CSV file with a header row (RFC 4180 quoting, UTF-8, an
 * optional byte-order mark, LF or CRLF line ends, empty lines skipped). Every problem is reported
 * as a {@link TableFormatException} naming the file, the line and the column.
 *
 * <p>Refused rather than guessed: a quoted field never closed (it would swallow the rest of the
 * file), text after a closing quote, a bare carriage return, a used column named twice in the
 * header, a label, score or attribute value spanning lines, a directory, a gzip, ZIP, binary or
 * UTF-16 file, and text that is not UTF-8. A quote inside an unquoted field is an ordinary
 * character, as in RFC 4180 readers.
 *
 * <p>Files without quote characters take a fast path (in-memory, parallel, byte-level parsing);
 * others are read record by record with FastCSV. Both give the same table and the same errors.
 */
public final class PredictionTableCsv {
  private PredictionTableCsv() {}

  /**
   * Reads a table.
   *
   * @param file the CSV file
   * @param spec which columns to read and how
   * @return the table
   * @throws TableFormatException if the content is malformed
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if the spec itself is inconsistent (e.g. one plain score
   *     column without a positive label)
   */
  public static PredictionTable read(Path file, CsvTableSpec spec) throws IOException {
    ScoreBinding sb = ScoreBinding.of(spec);
    CsvInputCheck.check(file);
    RawColumns raw = ByteCsvParser.read(file, spec, sb);
    if (raw == null) {
      raw = RecordCsvParser.read(file, spec, sb);
    }
    return raw.build(file, spec, sb);
  }

  /**
   * Reads a table with the general record-by-record parser only (for tests that compare the two
   * paths).
   */
  static PredictionTable readWithRecordParser(Path file, CsvTableSpec spec) throws IOException {
    ScoreBinding sb = ScoreBinding.of(spec);
    return RecordCsvParser.read(file, spec, sb).build(file, spec, sb);
  }
}
