package org.fairness4j.core.prediction;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairness4j.core.io.AtomicFiles;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.core.table.csv.CsvRecordReader;
import org.fairness4j.core.table.csv.TableFormatException;

/**
 * The one CSV codec of a {@link ProbabilityTable}: {@code ID,[TRUE,]PREDICTED,score_<class>...},
 * {@code logit_<class>...} where kept, then the extra columns; comma-separated, LF line ends,
 * numbers as {@link Float#toString(float)} (which reads back to the same float). {@code fairness
 * metrics --score score_<c1>,...} reads the file; {@link #read} reads it back exactly.
 */
public final class ProbabilityTableCsv {
  private ProbabilityTableCsv() {}

  /**
   * The names of the id, true-class and predicted-class columns. {@link #write} needs the id and
   * predicted columns; {@link #read} also takes a layout without them, for tables other tools
   * wrote: without an id column each row's id is its line number in the file ({@code "2"} for the
   * first row), and without a predicted column nothing is checked against the argmax.
   *
   * @param id the row id column, or null (reading only)
   * @param trueClass the true class column, or null for a table without true classes
   * @param predicted the predicted class column, or null (reading only)
   */
  public record Layout(String id, String trueClass, String predicted) {
    /** The layout of {@code adapt} and {@code study}: {@code image_id,y_true,y_pred}. */
    public static final Layout PREDICTIONS = new Layout("image_id", "y_true", "y_pred");

    /** The layout of {@code zeroshot}: {@code image,predicted}, no true class. */
    public static final Layout ZERO_SHOT = new Layout("image", null, "predicted");

    /**
     * Checks the names.
     *
     * @param id the row id column, or null (reading only)
     * @param trueClass the true class column, or null for a table without true classes
     * @param predicted the predicted class column, or null (reading only)
     * @throws IllegalArgumentException if one column is given two roles
     */
    public Layout {
      if (id != null && id.equals(predicted)
          || trueClass != null && (trueClass.equals(id) || trueClass.equals(predicted))) {
        throw new IllegalArgumentException(
            "one column for two roles: " + id + ", " + trueClass + ", " + predicted);
      }
    }
  }

  /**
   * Writes a table atomically. A NaN or infinite value is written as {@link Float#toString(float)}
   * gives it ({@code NaN}, {@code Infinity}) and {@link #read} reads it back as itself.
   *
   * @param file the CSV file
   * @param table the table
   * @param layout the column names; a table without true classes needs a layout without them
   * @throws IOException if writing fails
   * @throws IllegalArgumentException if the layout has a true-class column the table cannot fill,
   *     or no id or predicted column
   */
  public static void write(Path file, ProbabilityTable table, Layout layout) throws IOException {
    if (layout.id() == null || layout.predicted() == null) {
      throw new IllegalArgumentException(
          "writing needs an id and a predicted column, the layout is " + layout);
    }
    if (layout.trueClass() != null && !table.hasTrueClasses()) {
      throw new IllegalArgumentException(
          "the table has no true classes for column '" + layout.trueClass() + "'");
    }
    ClassLabels classes = table.classes();
    List<String> header = new ArrayList<>();
    header.add(layout.id());
    if (layout.trueClass() != null) {
      header.add(layout.trueClass());
    }
    header.add(layout.predicted());
    for (String c : classes.asList()) {
      header.add("score_" + c);
    }
    if (table.hasLogits()) {
      for (String c : classes.asList()) {
        header.add("logit_" + c);
      }
    }
    List<List<String>> extraValues = new ArrayList<>();
    for (String c : table.columnNames()) {
      if (header.contains(c)) {
        throw new IllegalArgumentException(
            "extra column '" + c + "' has the name of a prediction column " + header);
      }
      header.add(c);
      extraValues.add(table.column(c));
    }
    AtomicFiles.writeText(
        file,
        out -> {
          CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(out);
          csv.writeRecord(header);
          for (int i = 0; i < table.size(); i++) {
            List<String> row = new ArrayList<>(header.size());
            row.add(table.id(i));
            if (layout.trueClass() != null) {
              row.add(classes.label(table.trueClass(i)));
            }
            row.add(classes.label(table.predictedClass(i)));
            for (int c = 0; c < classes.size(); c++) {
              row.add(Float.toString((float) table.probability(i, c)));
            }
            if (table.hasLogits()) {
              for (int c = 0; c < classes.size(); c++) {
                row.add(Float.toString((float) table.logit(i, c)));
              }
            }
            for (List<String> v : extraValues) {
              row.add(v.get(i));
            }
            csv.writeRecord(row);
          }
          csv.flush();
        });
  }

  /**
   * Reads a table written by {@link #write} with the strict {@link CsvRecordReader}: logits when
   * the file has a {@code logit_<class>} column (then it needs one for every class), every column
   * other than the id, true, predicted, score and logit columns as an extra column. Numbers are
   * read by {@link Float#parseFloat} (surrounding blanks ignored), so {@code NaN} and {@code
   * Infinity}, which {@link #write} writes for such model outputs, read back as themselves; a
   * caller that needs finite values checks them. A stray quote, a ragged row, a missing column, an
   * unknown class, a value that is not a number, or a predicted class that is not the most probable
   * one is a {@link TableFormatException} naming file, line and column.
   *
   * @param file the CSV file
   * @param classes the class labels, in score-column order
   * @param layout the column names
   * @return the table
   * @throws IOException if reading fails or the file is not such a table
   */
  public static ProbabilityTable read(Path file, ClassLabels classes, Layout layout)
      throws IOException {
    try (CsvRecordReader r = CsvRecordReader.open(file, ',')) {
      List<String> header = r.next();
      if (header == null) {
        throw new TableFormatException(file, 0, null, "empty file (no header row)");
      }
      int k = classes.size();
      boolean logits = classes.asList().stream().anyMatch(c -> header.contains("logit_" + c));
      boolean[] used = new boolean[header.size()];
      int id = layout.id() == null ? -1 : column(file, header, layout.id(), used);
      int yt = layout.trueClass() == null ? -1 : column(file, header, layout.trueClass(), used);
      int yp = layout.predicted() == null ? -1 : column(file, header, layout.predicted(), used);
      int[] sc = new int[k];
      int[] lc = new int[k];
      for (int c = 0; c < k; c++) {
        sc[c] = column(file, header, "score_" + classes.label(c), used);
        lc[c] = logits ? column(file, header, "logit_" + classes.label(c), used) : -1;
      }
      Map<String, Integer> extra = new LinkedHashMap<>();
      for (int j = 0; j < header.size(); j++) {
        if (!used[j] && extra.putIfAbsent(header.get(j), j) != null) {
          throw new TableFormatException(file, 1, header.get(j), "the column appears twice");
        }
      }
      List<String> ids = new ArrayList<>();
      List<Integer> y = new ArrayList<>();
      List<float[]> p = new ArrayList<>();
      List<float[]> z = new ArrayList<>();
      List<List<String>> cols = new ArrayList<>();
      extra.forEach((name, j) -> cols.add(new ArrayList<>()));
      List<String> rec;
      while ((rec = r.next()) != null) {
        long line = r.recordLine();
        if (rec.size() != header.size()) {
          throw new TableFormatException(
              file, line, null, rec.size() + " fields, the header has " + header.size());
        }
        ids.add(id < 0 ? Long.toString(line) : rec.get(id));
        if (yt >= 0) {
          y.add(label(file, line, layout.trueClass(), rec.get(yt), classes));
        }
        float[] row = new float[k];
        float[] lrow = logits ? new float[k] : null;
        for (int c = 0; c < k; c++) {
          row[c] = number(file, line, header, rec, sc[c]);
          if (logits) {
            lrow[c] = number(file, line, header, rec, lc[c]);
          }
        }
        int best = ProbabilityTable.argmax(row);
        if (yp >= 0 && label(file, line, layout.predicted(), rec.get(yp), classes) != best) {
          throw new TableFormatException(
              file,
              line,
              layout.predicted(),
              "'"
                  + rec.get(yp)
                  + "' is not the most probable class ('"
                  + classes.label(best)
                  + "')");
        }
        p.add(row);
        z.add(lrow);
        int e = 0;
        for (int j : extra.values()) {
          cols.get(e++).add(rec.get(j));
        }
      }
      ProbabilityTable t =
          ProbabilityTable.of(
              ids,
              yt < 0 ? null : y.stream().mapToInt(Integer::intValue).toArray(),
              p.toArray(float[][]::new),
              logits ? z.toArray(float[][]::new) : null,
              classes);
      Map<String, String[]> columns = new LinkedHashMap<>();
      int e = 0;
      for (String name : extra.keySet()) {
        columns.put(name, cols.get(e++).toArray(String[]::new));
      }
      return t.withColumns(columns);
    }
  }

  private static int column(Path file, List<String> header, String name, boolean[] used)
      throws TableFormatException {
    int i = header.indexOf(name);
    if (i < 0) {
      throw new TableFormatException(file, 1, name, "no such column");
    }
    if (header.lastIndexOf(name) != i) {
      throw new TableFormatException(file, 1, name, "the column appears twice");
    }
    used[i] = true;
    return i;
  }

  private static int label(Path file, long line, String column, String raw, ClassLabels classes)
      throws TableFormatException {
    try {
      return classes.require(raw);
    } catch (IllegalArgumentException e) {
      throw new TableFormatException(file, line, column, e.getMessage());
    }
  }

  private static float number(Path file, long line, List<String> header, List<String> rec, int i)
      throws TableFormatException {
    try {
      return Float.parseFloat(rec.get(i).strip());
    } catch (NumberFormatException e) {
      throw new TableFormatException(
          file, line, header.get(i), "'" + rec.get(i) + "' is not a number");
    }
  }
}
