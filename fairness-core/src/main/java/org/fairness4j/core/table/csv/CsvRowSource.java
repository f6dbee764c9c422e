package org.fairness4j.core.table.csv;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.fairness4j.core.StreamingFairnessEvaluator;

/**
 * A CSV file read row by row (FastCSV, the rules of {@link PredictionTableCsv}: a header row, RFC
 * 4180 quoting, UTF-8 with an optional byte-order mark, empty lines skipped), for {@link
 * StreamingFairnessEvaluator}: memory does not grow with the file. A bad value becomes a {@link
 * TableFormatException} naming the file, line and column.
 */
public final class CsvRowSource implements StreamingFairnessEvaluator.RowSource {
  private final Path file;
  private final char delimiter;

  private CsvRowSource(Path file, char delimiter) {
    this.file = file;
    this.delimiter = delimiter;
  }

  /**
   * Returns the rows of a CSV file.
   *
   * @param file the file
   * @param delimiter the field separator
   * @return the source
   */
  public static CsvRowSource of(Path file, char delimiter) {
    return new CsvRowSource(file, delimiter);
  }

  /** Receives the values of one row and the line it starts on. */
  @FunctionalInterface
  public interface LineConsumer {
    /**
     * Takes one row.
     *
     * @param line the 1-based line the row starts on
     * @param values the values of the requested columns (the array is reused between rows)
     * @return whether to go on reading
     * @throws IllegalArgumentException if a value is invalid (the source adds where it was)
     */
    boolean accept(long line, String[] values);
  }

  @Override
  public void read(List<String> columns, StreamingFairnessEvaluator.RowConsumer consumer)
      throws IOException {
    scan(
        columns,
        (line, values) -> {
          consumer.accept(values);
          return true;
        });
  }

  /**
   * Returns the column names of the header row, as written.
   *
   * @return the names
   * @throws IOException if the file cannot be read or is empty
   */
  public List<String> header() throws IOException {
    try (CsvReader<CsvRecord> reader = open();
        CloseableIterator<CsvRecord> it = reader.iterator()) {
      if (!it.hasNext()) {
        throw new TableFormatException(file, 0, null, "empty file (no header row)");
      }
      return List.copyOf(it.next().getFields());
    } catch (CsvParseException e) {
      throw new TableFormatException(file, 0, null, "malformed CSV: " + e.getMessage());
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /**
   * Reads rows in order, with their line numbers, until the consumer says stop.
   *
   * @param columns the columns to read
   * @param consumer receives each row; returns false to stop
   * @throws IOException if the file cannot be read, a column is absent, a row has another number of
   *     fields than the header, or the consumer refuses a value (naming file and line)
   */
  public void scan(List<String> columns, LineConsumer consumer) throws IOException {
    CsvReader<CsvRecord> reader = open();
    try (reader;
        CloseableIterator<CsvRecord> it = reader.iterator()) {
      if (!it.hasNext()) {
        throw new TableFormatException(file, 0, null, "empty file (no header row)");
      }
      CsvRecord header = it.next();
      List<String> names = header.getFields();
      int[] at = new int[columns.size()];
      for (int c = 0; c < at.length; c++) {
        at[c] = names.indexOf(columns.get(c));
        if (at[c] < 0) {
          throw new TableFormatException(
              file,
              header.getStartingLineNumber(),
              columns.get(c),
              "no such column in the header; columns are " + names);
        }
      }
      String[] values = new String[at.length];
      boolean rows = false;
      while (it.hasNext()) {
        CsvRecord rec = it.next();
        long line = rec.getStartingLineNumber();
        if (rec.getFieldCount() != names.size()) {
          throw CsvValues.ragged(file, line, rec.getFieldCount(), names.size());
        }
        for (int c = 0; c < at.length; c++) {
          values[c] = rec.getField(at[c]);
        }
        rows = true;
        boolean more;
        try {
          more = consumer.accept(line, values);
        } catch (IllegalArgumentException e) {
          throw new TableFormatException(file, line, null, e.getMessage());
        }
        if (!more) {
          return;
        }
      }
      if (!rows) {
        throw new TableFormatException(file, 0, null, "no data rows after the header");
      }
    } catch (CsvParseException e) {
      throw new TableFormatException(file, 0, null, "malformed CSV: " + e.getMessage());
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private CsvReader<CsvRecord> open() throws IOException {
    return CsvReader.builder()
        .fieldSeparator(delimiter)
        .ignoreDifferentFieldCount(true)
        .skipEmptyLines(true)
        .detectBomHeader(true)
        .ofCsvRecord(file, StandardCharsets.UTF_8);
  }
}
