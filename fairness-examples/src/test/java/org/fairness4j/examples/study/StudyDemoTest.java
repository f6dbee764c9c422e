package org.fairness4j.examples.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fairness4j.cli.FairnessCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * README's run command, {@code study --demo}, in a reduced form (two strategies, two epochs, few
 * resamples) on the shipped demo: synthetic NIH-format data and the contrastively pretrained demo
 * CLIP in {@code examples/nih-demo}.
 */
class StudyDemoTest {
  private static final Path DEMO = Path.of("..", "examples", "nih-demo");

  @TempDir Path dir;

  private static int run(StringWriter err, String... args) {
    CommandLine cl = FairnessCli.commandLine();
    cl.setOut(new PrintWriter(new StringWriter()));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  @Test
  void demoRunsThePipelineSaysItIsSyntheticAndZeroShotIsFarAboveChance() throws IOException {
    Path out = dir.resolve("demo");
    StringWriter err = new StringWriter();
    int code =
        run(
            err,
            "study",
            "--demo",
            "--demo-dir",
            DEMO.toString(),
            "--strategies",
            "zero-shot,linear-probe",
            "--epochs",
            "2",
            "--bootstrap",
            "20",
            "--out",
            out.toString());
    assertEquals(0, code, err.toString());
    assertTrue(err.toString().contains("SYNTHETIC DATA"), err.toString());
    String md = Files.readString(out.resolve("tables.md"));
    assertTrue(md.contains("SYNTHETIC DATA"), md);
    assertTrue(Files.readString(out.resolve("report.html")).contains("SYNTHETIC DATA"));
    assertTrue(
        Files.readString(out.resolve("reports").resolve("demo-clip__zero-shot.html"))
            .contains("SYNTHETIC"));
    assertTrue(Files.exists(out.resolve("predictions").resolve("demo-clip__linear-probe.csv")));
    List<String> csv = Files.readAllLines(out.resolve("tables.csv"));
    assertTrue(csv.get(1).startsWith("demo-clip,zero-shot,corrected,"), csv.get(1));
    double zeroShot = Double.parseDouble(csv.get(1).split(",")[3]);
    // six classes: chance is 1/6; the pretrained demo model must be far above it
    assertTrue(zeroShot > 0.6, "zero-shot accuracy " + zeroShot);
    assertTrue(
        Files.readString(out.resolve("data-summary.txt")).contains("rows read"),
        "data summary written");
  }

  @Test
  void demoAndExplicitDataAreExclusiveAndAMissingDemoIsNamed() {
    StringWriter err = new StringWriter();
    int code =
        run(
            err,
            "study",
            "--demo",
            "--data-dir",
            dir.toString(),
            "--out",
            dir.resolve("o").toString());
    assertEquals(2, code);
    assertTrue(err.toString().contains("--demo replaces --data-dir"), err.toString());
    StringWriter err2 = new StringWriter();
    int code2 =
        run(
            err2,
            "study",
            "--demo",
            "--demo-dir",
            dir.resolve("nowhere").toString(),
            "--out",
            dir.resolve("o").toString());
    assertEquals(2, code2);
    assertTrue(err2.toString().contains("embedded demo not found"), err2.toString());
    StringWriter err3 = new StringWriter();
    assertEquals(2, run(err3, "study", "--out", dir.resolve("o").toString()));
    assertTrue(err3.toString().contains("or --demo"), err3.toString());
  }
}
