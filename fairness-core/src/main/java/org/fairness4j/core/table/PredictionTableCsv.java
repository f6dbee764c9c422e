package org.fairness4j.core.table;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@link PredictionTable} from a CSV file with a header row (RFC 4180 quoting, UTF-8, an
 * optional byte-order mark). Every problem is reported as a {@link TableFormatException} naming the
 * file, the line and the column.
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
    ScoreBinding scoreBinding = ScoreBinding.of(spec);
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
      Columns cols = new Columns(file, header, spec, scoreBinding);
      Reading r = new Reading(file, cols, spec);
      while (it.hasNext()) {
        r.add(it.next());
      }
      if (r.n == 0) {
        throw new TableFormatException(file, 0, null, "no data rows after the header");
      }
      return r.build(scoreBinding);
    } catch (CsvParseException e) {
      throw new TableFormatException(file, 0, null, "malformed CSV: " + e.getMessage());
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** How score columns map to classes. */
  private record ScoreBinding(List<String> columns, List<String> explicitLabels) {
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
      long explicit = labels.stream().filter(java.util.Objects::nonNull).count();
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

  /** Column positions, resolved from the header. */
  private static final class Columns {
    final int width;
    final int yTrue;
    final int yPred;
    final int weight;
    final int[] scores;
    final int[] attributes;
    final List<String> names;

    Columns(Path file, CsvRecord header, CsvTableSpec spec, ScoreBinding sb)
        throws TableFormatException {
      names = header.getFields();
      width = names.size();
      long line = header.getStartingLineNumber();
      yTrue = find(file, line, spec.trueColumn());
      yPred = find(file, line, spec.predictedColumn());
      weight = spec.weightColumn() == null ? -1 : find(file, line, spec.weightColumn());
      scores = new int[sb.columns().size()];
      for (int i = 0; i < scores.length; i++) {
        scores[i] = find(file, line, sb.columns().get(i));
      }
      attributes = new int[spec.attributes().size()];
      for (int i = 0; i < attributes.length; i++) {
        attributes[i] = find(file, line, spec.attributes().get(i).name());
      }
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

  /** Column-wise accumulation of the rows. */
  private static final class Reading {
    final Path file;
    final Columns cols;
    final CsvTableSpec spec;
    final ClassLabels declared;
    int n;
    int[] yTrue = new int[1024];
    int[] yPred = new int[1024];
    double[] weights;
    double[][] scores;
    String[][] attrs;
    final Map<String, String> interned = new HashMap<>();

    Reading(Path file, Columns cols, CsvTableSpec spec) {
      this.file = file;
      this.cols = cols;
      this.spec = spec;
      this.declared = spec.classes();
      weights = cols.weight < 0 ? null : new double[1024];
      scores = new double[cols.scores.length][1024];
      attrs = new String[cols.attributes.length][1024];
    }

    void add(CsvRecord rec) throws TableFormatException {
      long line = rec.getStartingLineNumber();
      if (rec.getFieldCount() != cols.width) {
        throw new TableFormatException(
            file,
            line,
            null,
            "row has " + rec.getFieldCount() + " fields, the header has " + cols.width);
      }
      if (n == yTrue.length) {
        grow();
      }
      yTrue[n] = label(rec, cols.yTrue, line);
      yPred[n] = label(rec, cols.yPred, line);
      if (weights != null) {
        double w = number(rec, cols.weight, line);
        if (w < 0) {
          throw new TableFormatException(
              file, line, cols.names.get(cols.weight), "weight " + w + " is negative");
        }
        weights[n] = w;
      }
      for (int s = 0; s < scores.length; s++) {
        scores[s][n] = number(rec, cols.scores[s], line);
      }
      for (int a = 0; a < attrs.length; a++) {
        String v = rec.getField(cols.attributes[a]);
        String canonical = interned.putIfAbsent(v, v);
        attrs[a][n] = canonical == null ? v : canonical;
      }
      n++;
    }

    private int label(CsvRecord rec, int col, long line) throws TableFormatException {
      String raw = rec.getField(col);
      if (declared != null) {
        int c = declared.indexOf(raw);
        if (c < 0) {
          c = declared.indexOf(raw.strip());
        }
        if (c < 0) {
          throw new TableFormatException(
              file,
              line,
              cols.names.get(col),
              "label '" + raw + "' is not a declared class " + declared);
        }
        return c;
      }
      try {
        return Integer.parseInt(raw);
      } catch (NumberFormatException e) {
        try {
          return Integer.parseInt(raw.strip());
        } catch (NumberFormatException e2) {
          throw new TableFormatException(
              file,
              line,
              cols.names.get(col),
              "label '" + raw + "' is not an integer (declare string classes to use text labels)");
        }
      }
    }

    private double number(CsvRecord rec, int col, long line) throws TableFormatException {
      String raw = rec.getField(col);
      double d;
      try {
        d = Double.parseDouble(raw);
      } catch (NumberFormatException e) {
        throw new TableFormatException(
            file, line, cols.names.get(col), "'" + raw + "' is not a number");
      }
      if (!Double.isFinite(d)) {
        throw new TableFormatException(
            file, line, cols.names.get(col), "'" + raw + "' is not a finite number");
      }
      return d;
    }

    private void grow() {
      int cap = yTrue.length * 2;
      yTrue = Arrays.copyOf(yTrue, cap);
      yPred = Arrays.copyOf(yPred, cap);
      if (weights != null) {
        weights = Arrays.copyOf(weights, cap);
      }
      for (int s = 0; s < scores.length; s++) {
        scores[s] = Arrays.copyOf(scores[s], cap);
      }
      for (int a = 0; a < attrs.length; a++) {
        attrs[a] = Arrays.copyOf(attrs[a], cap);
      }
    }

    PredictionTable build(ScoreBinding sb) throws TableFormatException {
      PredictionTable.Builder b = PredictionTable.builder();
      int[] t = Arrays.copyOf(yTrue, n);
      int[] p = Arrays.copyOf(yPred, n);
      ClassLabels classes;
      if (declared != null) {
        classes = declared;
        b.classes(declared).classIndices(t, p);
      } else {
        int[] all = new int[2 * n];
        System.arraycopy(t, 0, all, 0, n);
        System.arraycopy(p, 0, all, n, n);
        classes = ClassLabels.ofInts(all);
        b.classes(classes).labels(t, p);
      }
      if (weights != null) {
        b.weights(Arrays.copyOf(weights, n));
      }
      List<String> labels = sb.explicitLabels();
      if (!labels.isEmpty() && labels.get(0) == null && labels.size() != classes.size()) {
        throw new TableFormatException(
            file,
            0,
            null,
            labels.size()
                + " score columns "
                + sb.columns()
                + " for "
                + classes.size()
                + " classes "
                + classes
                + ": give one per class in class order, or LABEL=COL");
      }
      for (int s = 0; s < scores.length; s++) {
        String label = labels.get(s) == null ? classes.label(s) : labels.get(s);
        if (classes.indexOf(label) < 0) {
          throw new TableFormatException(
              file,
              0,
              sb.columns().get(s),
              "scores belong to '" + label + "', which is not a class " + classes);
        }
        b.scores(label, Arrays.copyOf(scores[s], n));
      }
      for (int a = 0; a < attrs.length; a++) {
        CsvTableSpec.AttributeSpec as = spec.attributes().get(a);
        String[] values = Arrays.copyOf(attrs[a], n);
        b.attribute(
            as.binning() == null
                ? SensitiveAttribute.categorical(as.name(), values, spec.missingPolicy())
                : SensitiveAttribute.binned(as.name(), values, as.binning(), spec.missingPolicy()));
      }
      return b.build();
    }
  }
}
