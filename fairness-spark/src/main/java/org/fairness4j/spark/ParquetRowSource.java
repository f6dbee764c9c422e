package org.fairness4j.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.GroupType;
import org.fairness4j.core.StreamingFairnessEvaluator;
import org.fairness4j.core.table.csv.TableFormatException;

/**
 * Parquet data for the single-JVM {@link StreamingFairnessEvaluator}: a file, or a directory of
 * {@code *.parquet} part files (as Spark writes them, read in name order), streamed row by row with
 * parquet-java's local-file API (no Hadoop file system; parquet-java and Hadoop's client classes
 * come with Spark). Values are read as text (numbers in Java's decimal form, a null as missing), as
 * {@link SparkFairnessEvaluator} casts them. Immutable.
 */
public final class ParquetRowSource implements StreamingFairnessEvaluator.RowSource {
  private final Path input;

  private ParquetRowSource(Path input) {
    this.input = input;
  }

  /**
   * Returns the rows of Parquet data.
   *
   * @param input a Parquet file, or a directory of {@code *.parquet} files
   * @return the source
   */
  public static ParquetRowSource of(Path input) {
    return new ParquetRowSource(input);
  }

  private List<Path> files() throws IOException {
    if (!Files.isDirectory(input)) {
      return List.of(input);
    }
    try (Stream<Path> s = Files.list(input)) {
      List<Path> parts =
          s.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
      if (parts.isEmpty()) {
        throw new TableFormatException(input, 0, null, "no *.parquet files in this directory");
      }
      return parts;
    }
  }

  @Override
  public void read(List<String> columns, StreamingFairnessEvaluator.RowConsumer consumer)
      throws IOException {
    String[] values = new String[columns.size()];
    long row = 0;
    for (Path file : files()) {
      try (ParquetReader<Group> reader = new Reader(new LocalInputFile(file)).build()) {
        int[] at = null;
        for (Group g = reader.read(); g != null; g = reader.read()) {
          if (at == null) {
            at = positions(file, g.getType(), columns);
          }
          row++;
          for (int c = 0; c < at.length; c++) {
            values[c] = g.getFieldRepetitionCount(at[c]) == 0 ? null : g.getValueToString(at[c], 0);
          }
          try {
            consumer.accept(values);
          } catch (IllegalArgumentException e) {
            throw new TableFormatException(file, 0, null, "row " + row + ": " + e.getMessage());
          }
        }
      } catch (RuntimeException e) {
        if (e instanceof IllegalArgumentException) {
          throw e;
        }
        throw new TableFormatException(file, 0, null, "unreadable Parquet: " + e.getMessage());
      }
    }
    if (row == 0) {
      throw new TableFormatException(input, 0, null, "no rows");
    }
  }

  private static int[] positions(Path file, GroupType schema, List<String> columns)
      throws TableFormatException {
    int[] at = new int[columns.size()];
    for (int c = 0; c < at.length; c++) {
      if (!schema.containsField(columns.get(c))) {
        throw new TableFormatException(
            file,
            0,
            columns.get(c),
            "no such column; columns are "
                + schema.getFields().stream().map(f -> f.getName()).toList());
      }
      at[c] = schema.getFieldIndex(columns.get(c));
    }
    return at;
  }

  /** A reader of example {@link Group}s from a local file (no Hadoop file system). */
  private static final class Reader extends ParquetReader.Builder<Group> {
    Reader(InputFile file) {
      super(file);
    }

    @Override
    protected ReadSupport<Group> getReadSupport() {
      return new GroupReadSupport();
    }
  }
}
