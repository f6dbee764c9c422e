package org.fairness4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code fairness protocol} against the authors' notebook outputs (see NihProtocolNotebookTest for
 * how they were made: the notebook of mu9enn/fair_analysis_med_clip at eafd0c2, run unmodified by
 * tools/run_authors_notebook.py).
 */
class ProtocolCommandTest {
  private static final Path AUTHORS = Path.of("src", "test", "resources", "nih", "authors");

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

  /** The notebook's three outputs in the command's format (a column-by-column renaming). */
  private static List<String> notebook(String name) throws IOException {
    List<String> rows = new ArrayList<>();
    rows.add("image_index,split,finding,patient_id,age,sex");
    for (String split : List.of("train", "val", "test")) {
      List<String> lines =
          Files.readAllLines(AUTHORS.resolve(name).resolve("nih6x200_" + split + ".csv"));
      assertTrue(
          lines
              .get(0)
              .startsWith(
                  "Image Index,Finding Labels,Follow-up #,Patient ID,Patient Age,Patient Gender,"));
      for (String l : lines.subList(1, lines.size())) {
        String[] f = l.split(",");
        rows.add(String.join(",", f[0], split, f[1], f[3], f[4], f[5]));
      }
    }
    return rows;
  }

  @Test
  void writesTheNotebooksSplitRowForRow() throws IOException {
    for (String name : List.of("hard2017", "mixed2020")) {
      Path out = dir.resolve(name + ".csv");
      Result r =
          run(
              "protocol",
              "--metadata",
              AUTHORS.resolve(name).resolve("Data_Entry.csv").toString(),
              "--out",
              out.toString());
      assertEquals(0, r.code(), r.err());
      assertEquals(notebook(name), Files.readAllLines(out), name);
    }
  }

  @Test
  void patientDisjointVariantKeepsPatientsOnOneSide() throws IOException {
    Path out = dir.resolve("pd.csv");
    Result r =
        run(
            "protocol",
            "--metadata",
            AUTHORS.resolve("mixed2020").resolve("Data_Entry.csv").toString(),
            "--variant",
            "patient-disjoint",
            "--seed",
            "3",
            "--out",
            out.toString());
    assertEquals(0, r.code(), r.err());
    List<String> lines = Files.readAllLines(out);
    // cells of 7 patients leave a side empty: fewer rows, and a warning says so
    assertTrue(lines.size() <= 1201);
    assertEquals(lines.size() < 1201, r.err().contains("not 1200"), r.err());
    Map<String, Set<String>> sides = new HashMap<>();
    for (String l : lines.subList(1, lines.size())) {
      String[] f = l.split(",");
      sides.computeIfAbsent(f[3], k -> new HashSet<>()).add(f[1]);
    }
    assertTrue(sides.values().stream().allMatch(s -> s.size() == 1));
  }

  @Test
  void badMetadataIsExit2NamingFileAndLineAndLeavesNoOutput() throws IOException {
    Path meta = dir.resolve("bad.csv");
    List<String> lines =
        new ArrayList<>(Files.readAllLines(AUTHORS.resolve("mixed2020").resolve("Data_Entry.csv")));
    lines.set(5, lines.get(5).replaceFirst(",(\\d+),([MF]),", ",sixty,$2,"));
    Files.write(meta, lines);
    Path out = dir.resolve("out.csv");
    Result r = run("protocol", "--metadata", meta.toString(), "--out", out.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains(meta + ":6:") && r.err().contains("Patient Age"), r.err());
    assertFalse(Files.exists(out));
    Result v =
        run(
            "protocol",
            "--metadata",
            AUTHORS.resolve("mixed2020").resolve("Data_Entry.csv").toString(),
            "--variant",
            "random",
            "--out",
            out.toString());
    assertEquals(2, v.code());
    assertTrue(v.err().contains("--variant"), v.err());
    Result same = run("protocol", "--metadata", meta.toString(), "--out", meta.toString());
    assertEquals(2, same.code());
    assertEquals(lines, Files.readAllLines(meta));
  }
}
