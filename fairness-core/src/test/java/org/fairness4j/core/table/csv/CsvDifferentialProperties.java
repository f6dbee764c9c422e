package org.fairness4j.core.table.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import net.jqwik.api.statistics.Statistics;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.fairness4j.core.table.PredictionTable;
import org.fairness4j.core.table.SensitiveAttribute;

/**
 * Differential test of both CSV parsers (the byte path and the strict record path) against an
 * independent reading, Apache Commons CSV 1.12.0 (RFC 4180 format, empty lines ignored), followed
 * by this library's documented rules (labels are stripped integers, a used column named twice, a
 * ragged row, a used value spanning lines, no data rows: refused). Random tables with random
 * quoting, delimiters, LF or CRLF line ends, blank lines, BOM, values with quotes, delimiters and
 * line breaks; then random truncation and stray quotes. Every outcome is the same table or an error
 * on both sides: never a silently shorter table.
 *
 * <p>Bare CR line ends are left out here: Commons CSV accepts them, this library refuses them
 * ({@code CsvRefusalsTest}); a truncation never splits a CRLF.
 */
class CsvDifferentialProperties {
  private static final char[] DELIMITERS = {',', ';', '\t', '|'};
  private static final String[] LABELS = {"0", "1", " 1", "2 ", "1", "0", "x"};
  private static final String[] GROUPS = {
    "F", "M", " F", "M ", "", "NA", "a,b", "a;b", "say \"hi\"", "two\nlines", "\"", "x|y", "t\tu"
  };
  private static final String[] NOTES = {"", "ok", "multi\r\nline", "q\"q", "\"\"", "d,;|\t"};

  private Path dir;

  @BeforeProperty
  void createDirectory() throws IOException {
    dir = Files.createTempDirectory("fairness4j-csvdiff");
  }

  @AfterProperty
  void deleteDirectory() throws IOException {
    try (var files = Files.list(dir)) {
      for (Path p : files.toList()) {
        Files.delete(p);
      }
    }
    Files.delete(dir);
  }

  /** A parsed table reduced to what both sides can state: labels and group names per row. */
  private record Rows(List<String> yTrue, List<String> yPred, List<String> group) {}

  private static final Rows ERROR = new Rows(List.of(), List.of(), List.of());

  @Property(tries = 400)
  void bothParsersAgreeWithCommonsCsv(@ForAll long seed) throws IOException {
    Random r = new Random(seed);
    char d = DELIMITERS[r.nextInt(DELIMITERS.length)];
    // Half the tables are clean (no value or corruption this library refuses), half may be not.
    boolean dirty = r.nextBoolean();
    String text = table(r, d, dirty);
    if (dirty) {
      text = corrupt(text, r);
    }
    Path p = dir.resolve("t" + Long.toHexString(seed) + ".csv");
    Files.writeString(p, text, StandardCharsets.UTF_8);
    CsvTableSpec spec = CsvTableSpec.builder("y", "p").categorical("g").delimiter(d).build();
    Rows expected = oracle(text, d);
    Rows fast = ours(() -> PredictionTableCsv.read(p, spec));
    Rows slow = ours(() -> PredictionTableCsv.readWithRecordParser(p, spec));
    String shown = text.replace("\r", "\\r").replace("\n", "\\n\n").replace("\t", "\\t");
    assertEquals(expected, slow, shown);
    assertEquals(expected, fast, shown);
    Files.delete(p);
    Statistics.collect(expected == ERROR ? "error" : expected.yTrue().isEmpty() ? "?" : "table");
    // Both outcomes must be well represented, or the property would hold vacuously.
    Statistics.coverage(
        c -> {
          c.check("table").percentage(pct -> pct > 25);
          c.check("error").percentage(pct -> pct > 25);
        });
  }

  /** A random table: header (columns shuffled, maybe an extra note column), rows, quoting. */
  private static String table(Random r, char d, boolean dirty) {
    List<String> columns = new ArrayList<>(List.of("y", "p", "g"));
    if (r.nextBoolean()) {
      columns.add(r.nextInt(columns.size() + 1), "note");
    }
    java.util.Collections.shuffle(columns, r);
    String eol = r.nextBoolean() ? "\n" : "\r\n";
    StringBuilder b = new StringBuilder();
    if (r.nextInt(4) == 0) {
      b.append('\uFEFF');
    }
    appendRecord(b, columns, d, r);
    int n = (dirty ? 0 : 1) + r.nextInt(12);
    for (int i = 0; i < n; i++) {
      b.append(eol);
      if (r.nextInt(8) == 0) {
        b.append(eol);
      }
      List<String> row = new ArrayList<>();
      for (String c : columns) {
        row.add(
            switch (c) {
              case "y", "p" -> pick(LABELS, r, dirty ? "" : "x");
              case "g" -> pick(GROUPS, r, dirty ? "" : "two\nlines");
              default -> NOTES[r.nextInt(NOTES.length)];
            });
      }
      if (dirty && r.nextInt(25) == 0) {
        row.remove(row.size() - 1);
      }
      appendRecord(b, row, d, r);
    }
    if (r.nextBoolean()) {
      b.append(eol);
    }
    return b.toString();
  }

  private static String pick(String[] values, Random r, String except) {
    String v;
    do {
      v = values[r.nextInt(values.length)];
    } while (v.equals(except));
    return v;
  }

  private static void appendRecord(StringBuilder b, List<String> fields, char d, Random r) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        b.append(d);
      }
      String f = fields.get(i);
      boolean needs =
          f.indexOf(d) >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0;
      if (needs || r.nextInt(5) == 0) {
        b.append('"').append(f.replace("\"", "\"\"")).append('"');
      } else {
        b.append(f);
      }
    }
  }

  /** Sometimes truncates (never inside a CRLF) or inserts a stray quote. */
  private static String corrupt(String text, Random r) {
    String t = text;
    int k = r.nextInt(6);
    if (k == 0 && t.length() > 1) {
      int cut = 1 + r.nextInt(t.length() - 1);
      if (t.charAt(cut - 1) == '\r') {
        cut--;
      }
      t = t.substring(0, cut);
    } else if (k == 1 && t.length() > 1) {
      int at = 1 + r.nextInt(t.length() - 1);
      if (t.charAt(at - 1) == '\r') {
        at--;
      }
      t = t.substring(0, at) + '"' + t.substring(at);
    }
    return t;
  }

  private interface Read {
    PredictionTable read() throws IOException;
  }

  private static Rows ours(Read read) throws IOException {
    PredictionTable t;
    try {
      t = read.read();
    } catch (TableFormatException e) {
      assertTrue(e.getMessage().startsWith(e.file().toString()), e.getMessage());
      return ERROR;
    }
    List<String> y = new ArrayList<>();
    List<String> p = new ArrayList<>();
    List<String> g = new ArrayList<>();
    SensitiveAttribute a = t.requireAttribute("g");
    for (int i = 0; i < t.rowCount(); i++) {
      y.add(t.classes().label(t.trueClass(i)));
      p.add(t.classes().label(t.predictedClass(i)));
      g.add(a.levels().get(a.code(i)));
    }
    return new Rows(y, p, g);
  }

  /** Commons CSV's reading, then this library's documented rules. */
  private static Rows oracle(String text, char d) {
    String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
    List<CSVRecord> records;
    try {
      records =
          CSVFormat.RFC4180
              .builder()
              .setDelimiter(d)
              .setIgnoreEmptyLines(true)
              .build()
              .parse(new StringReader(t))
              .getRecords();
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      return ERROR;
    }
    if (records.isEmpty()) {
      return ERROR;
    }
    List<String> header = records.get(0).toList();
    int[] cols = new int[3];
    String[] names = {"y", "p", "g"};
    for (int c = 0; c < 3; c++) {
      cols[c] = header.indexOf(names[c]);
      if (cols[c] < 0 || header.lastIndexOf(names[c]) != cols[c]) {
        return ERROR;
      }
    }
    List<String> y = new ArrayList<>();
    List<String> p = new ArrayList<>();
    List<String> g = new ArrayList<>();
    for (CSVRecord rec : records.subList(1, records.size())) {
      if (rec.size() != header.size()) {
        return ERROR;
      }
      for (int c : cols) {
        if (rec.get(c).indexOf('\n') >= 0 || rec.get(c).indexOf('\r') >= 0) {
          return ERROR;
        }
      }
      try {
        y.add(Integer.toString(Integer.parseInt(rec.get(cols[0]).strip())));
        p.add(Integer.toString(Integer.parseInt(rec.get(cols[1]).strip())));
      } catch (NumberFormatException e) {
        return ERROR;
      }
      String v = rec.get(cols[2]).strip();
      g.add(SensitiveAttribute.isMissingToken(v) ? SensitiveAttribute.MISSING_LEVEL : v);
    }
    return y.isEmpty() ? ERROR : new Rows(y, p, g);
  }
}
