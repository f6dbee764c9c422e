package org.fairness4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code fairness paper-metrics} end to end: its faithful rows against the released
 * calculate_metrics.py run unmodified on the same prediction tables (released.csv; how it was made
 * is in PaperMetricsGoldenTest).
 */
class PaperMetricsCommandTest {
  private static final Path DIR = Path.of("src", "test", "resources", "nih", "paper-metrics");

  @TempDir Path dir;

  private record Result(int code, String err) {}

  private static Result run(String... args) {
    CommandLine cl = FairnessCli.commandLine();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(new StringWriter()));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Result(code, err.toString());
  }

  private static List<NamedCsvRecord> read(Path csv) throws IOException {
    List<NamedCsvRecord> l = new ArrayList<>();
    try (CsvReader<NamedCsvRecord> r =
        CsvReader.builder().commentStrategy(CommentStrategy.SKIP).ofNamedCsvRecord(csv)) {
      r.forEach(l::add);
    }
    return l;
  }

  @Test
  void faithfulRowsEqualTheReleasedCodeToTheLastColumn() throws IOException {
    Path out = dir.resolve("tables.csv");
    Result r =
        run(
            "paper-metrics",
            "--predictions",
            DIR.resolve("predictions").toString(),
            "--variant",
            "both",
            "--out",
            out.toString());
    assertEquals(0, r.code(), r.err());
    List<NamedCsvRecord> rows = read(out);
    assertEquals(12, rows.size(), "6 files x 2 variants");
    Map<String, NamedCsvRecord> faithful = new HashMap<>();
    for (NamedCsvRecord row : rows) {
      if (row.getField("variant").equals("faithful")) {
        faithful.put(row.getField("run"), row);
      }
    }
    assertEquals("demo", faithful.get("demo__good").getField("model"));
    assertEquals("good", faithful.get("demo__good").getField("strategy"));
    int checked = 0;
    for (NamedCsvRecord want : read(DIR.resolve("released.csv"))) {
      NamedCsvRecord got = faithful.get(want.getField("run"));
      for (String col : want.getHeader()) {
        if (col.equals("run")) {
          continue;
        }
        assertEquals(
            Double.parseDouble(want.getField(col)),
            Double.parseDouble(got.getField(col)),
            1e-9,
            want.getField("run") + " " + col);
        checked++;
      }
      assertEquals("", got.getField("undefined"));
    }
    assertEquals(6 * 19, checked);
    List<String> header = Files.readAllLines(out).subList(0, 1);
    assertTrue(header.get(0).startsWith("run,model,strategy,variant,accuracy,"), header.get(0));
  }

  @Test
  void aTableWithoutLogitsGetsNaNWithItsReasonAndMarkdownRounds() throws IOException {
    List<String> lines =
        Files.readAllLines(DIR.resolve("predictions").resolve("small__subgroups.csv"));
    List<String> head = List.of(lines.get(0).split(","));
    List<Integer> keep = new ArrayList<>();
    for (int i = 0; i < head.size(); i++) {
      if (!head.get(i).startsWith("logit_")) {
        keep.add(i);
      }
    }
    List<String> stripped = new ArrayList<>();
    for (String l : lines) {
      String[] f = l.split(",");
      stripped.add(String.join(",", keep.stream().map(i -> f[i]).toList()));
    }
    Path in = dir.resolve("nologits.csv");
    Files.write(in, stripped);
    Path out = dir.resolve("t.csv");
    Result r = run("paper-metrics", "--predictions", in.toString(), "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("no logit_ columns"), r.err());
    List<NamedCsvRecord> rows = read(out);
    NamedCsvRecord f = rows.get(0);
    assertEquals("faithful", f.getField("variant"));
    assertEquals("NaN", f.getField("ECE_delta_age"));
    assertTrue(f.getField("undefined").contains("ECE_delta_age: no logit_ columns"));
    NamedCsvRecord c = rows.get(1);
    assertEquals("corrected", c.getField("variant"));
    assertFalse(Double.isNaN(Double.parseDouble(c.getField("ECE_delta_age"))));
    Path md = dir.resolve("t.md");
    Result m =
        run(
            "paper-metrics",
            "--predictions",
            in.toString(),
            "--format",
            "markdown",
            "--variant",
            "corrected",
            "--out",
            md.toString());
    assertEquals(0, m.code(), m.err());
    List<String> mdLines = Files.readAllLines(md);
    assertTrue(mdLines.get(0).startsWith("| run | model | strategy | variant | accuracy |"));
    assertTrue(
        mdLines.get(2).startsWith("| nologits |  |  | corrected | 0.6111 |"), mdLines.get(2));
  }

  @Test
  void badInputIsExit2NamingFileLineAndColumn() throws IOException {
    List<String> lines =
        new ArrayList<>(
            Files.readAllLines(DIR.resolve("predictions").resolve("small__subgroups.csv")));
    lines.set(4, lines.get(4).replaceFirst(",([MF]),(\\d+),", ",$1,old,"));
    Path bad = dir.resolve("bad.csv");
    Files.write(bad, lines);
    Path out = dir.resolve("o.csv");
    Result r = run("paper-metrics", "--predictions", bad.toString(), "--out", out.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains(bad + ":5: column 'age'"), r.err());
    assertFalse(Files.exists(out));
    Path noSex = dir.resolve("nosex.csv");
    Files.write(noSex, List.of("y_true,age", "Edema,3"));
    Result s = run("paper-metrics", "--predictions", noSex.toString(), "--out", out.toString());
    assertEquals(2, s.code());
    assertTrue(s.err().contains(noSex + ":1: column 'score_Atelectasis': no such column"), s.err());
    Result same = run("paper-metrics", "--predictions", bad.toString(), "--out", bad.toString());
    assertEquals(2, same.code());
    assertEquals(lines, Files.readAllLines(bad));
  }
}
