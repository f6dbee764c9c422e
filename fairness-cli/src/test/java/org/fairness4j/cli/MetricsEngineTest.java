package org.fairness4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code metrics --engine stream} gives the local engine's output byte for byte (README's demo
 * table, every format, with the count bootstrap); bad engines and values are one line, exit 2. The
 * Spark engine is checked by fairness-spark's tests and by {@code .ci/run} (it needs Spark on the
 * class path, which this module's tests do not have).
 */
class MetricsEngineTest {
  private static final Path DEMO =
      Path.of("..", "examples", "demo", "nih_6x200_synthetic_test.csv");

  @TempDir Path dir;

  private record Result(int code, String out, String err) {}

  private static Result run(List<String> args) {
    CommandLine cl = FairnessCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args.toArray(new String[0]));
    return new Result(code, out.toString(), err.toString());
  }

  private static List<String> demo(String... more) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "metrics",
                "--input",
                DEMO.toString(),
                "--y-true",
                "y_true",
                "--y-pred",
                "y_pred",
                "--score",
                "score_0,score_1,score_2,score_3,score_4,score_5",
                "--sensitive",
                "sex",
                "--sensitive",
                "age:bins=0,60",
                "--intersect",
                "sex,age"));
    a.addAll(List.of(more));
    return a;
  }

  @Test
  void streamEngineGivesTheLocalOutput() {
    for (String format : List.of("json", "csv", "markdown")) {
      Result local = run(demo("--format", format, "--bootstrap", "50", "--seed", "3"));
      Result stream =
          run(demo("--format", format, "--bootstrap", "50", "--seed", "3", "--engine", "stream"));
      assertEquals(0, local.code(), local.err());
      assertEquals(0, stream.code(), stream.err());
      assertEquals(local.out(), stream.out(), format);
    }
  }

  @Test
  void streamEngineGivesTheLocalOutputWithReferenceGroups() {
    for (String format : List.of("json", "markdown")) {
      String[] more = {
        "--format", format, "--bootstrap", "50", "--seed", "3", "--reference", "sex=F"
      };
      Result local = run(demo(more));
      List<String> streamed = demo(more);
      streamed.addAll(List.of("--engine", "stream"));
      Result stream = run(streamed);
      assertEquals(0, local.code(), local.err());
      assertEquals(0, stream.code(), stream.err());
      assertTrue(local.out().contains("reference"), format);
      assertEquals(local.out(), stream.out(), format);
    }
    Result unknown = run(demo("--engine", "stream", "--reference", "sex=X"));
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().contains("sex=X") || unknown.err().contains("X"), unknown.err());
  }

  @Test
  void anyWeightsGiveTheLocalCountOutput() throws Exception {
    // Weights are summed exactly, so the count metrics of both engines agree byte for byte whatever
    // the weights and whatever order each engine adds them in (weighted AUC: see the next test).
    Path file = weighted(21, false);
    for (String format : List.of("json", "csv", "markdown")) {
      List<String> args =
          table(
              file,
              false,
              "--sensitive",
              "age:bins=0,30,60",
              "--intersect",
              "sex,age",
              "--weight",
              "w",
              "--format",
              format);
      assertStreamGivesTheLocalOutput(args, "selection_rate");
    }
  }

  @Test
  void integerWeightsGiveTheLocalOutputWithAuc() throws Exception {
    // Weighted AUC sums products of weights, which are still added in floating point (exact only
    // where every partial sum is an integer below 2^53, as here): docs/performance.md.
    assertStreamGivesTheLocalOutput(small(weighted(11, true), "--weight", "w"), "roc_auc");
  }

  /**
   * Runs the arguments locally and with {@code --engine stream}: the same output, with a metric.
   */
  private static void assertStreamGivesTheLocalOutput(List<String> args, String metric) {
    Result local = run(args);
    List<String> streamed = new ArrayList<>(args);
    streamed.addAll(List.of("--engine", "stream"));
    Result stream = run(streamed);
    assertEquals(0, local.code(), local.err());
    assertTrue(local.out().contains(metric), local.out());
    assertEquals(local.out(), stream.out(), String.join(" ", args));
  }

  @Test
  void streamWeightedAucIsRepeatable() throws Exception {
    // The stream engine's sort draws its pivots from a fixed seed, so tied scores keep one order
    // and the weighted AUC's floating-point sums are the same on every run.
    List<String> args = small(weighted(21, false), "--weight", "w", "--engine", "stream");
    Result first = run(args);
    assertEquals(0, first.code(), first.err());
    assertTrue(first.out().contains("roc_auc"), first.out());
    for (int i = 0; i < 3; i++) {
      assertEquals(first.out(), run(args).out());
    }
  }

  /** A 3000-row binary table y, p, score, sex, age, w: integer weights 1..9, or any in [0, 2). */
  private Path weighted(long seed, boolean integer) throws IOException {
    java.util.Random r = new java.util.Random(seed);
    StringBuilder csv = new StringBuilder("y,p,score,sex,age,w\n");
    for (int i = 0; i < 3000; i++) {
      int y = r.nextInt(2);
      double score = Math.round((0.5 * y + 0.6 * r.nextDouble()) * 1000) / 1000.0;
      csv.append(y).append(',').append(score >= 0.5 ? 1 : 0).append(',').append(score);
      csv.append(',').append(r.nextBoolean() ? "F" : "M").append(',').append(r.nextInt(90));
      csv.append(',').append(integer ? 1 + r.nextInt(9) : 2 * r.nextDouble()).append('\n');
    }
    Path file = dir.resolve("weighted-" + seed + ".csv");
    Files.writeString(file, csv);
    return file;
  }

  /** Metrics of a small binary table with columns y, p, score and sex. */
  private static List<String> small(Path file, String... more) {
    return table(file, true, more);
  }

  /** Metrics by sex of a binary table with columns y, p (and score, when scored). */
  private static List<String> table(Path file, boolean scored, String... more) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "metrics",
                "--input",
                file.toString(),
                "--y-true",
                "y",
                "--y-pred",
                "p",
                "--positive",
                "1",
                "--sensitive",
                "sex"));
    if (scored) {
      a.addAll(List.of("--score", "score"));
    }
    a.addAll(List.of(more));
    return a;
  }

  @Test
  void unknownEngineAndBadValuesAreOneLine() throws Exception {
    Result r = run(demo("--engine", "gpu"));
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--engine gpu"), r.err());
    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "y,p,score,sex\n1,1,0.3,F\n0,1,inf,M\n");
    Result b = run(small(bad, "--engine", "stream"));
    assertEquals(2, b.code());
    assertEquals(1, b.err().strip().lines().count(), b.err());
    assertTrue(b.err().contains("bad.csv") && b.err().contains("column 'score'"), b.err());
  }

  @Test
  void streamEngineWritesTheLocalReportButForItsCreationTime() throws Exception {
    // A multiclass report has no curves, so the whole --report comes from the counts.
    for (String name : List.of("r.html", "r.json")) {
      Path local = dir.resolve("local-" + name);
      Path stream = dir.resolve("stream-" + name);
      String[] more = {"--bootstrap", "50", "--seed", "3", "--reference", "sex=F", "--report"};
      Result l = run(withReport(demo(more), local));
      Result s = run(withReport(demo("--engine", "stream"), stream, more));
      assertEquals(0, l.code(), l.err());
      assertEquals(0, s.code(), s.err());
      String created = "\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z";
      String a = Files.readString(local).replaceAll(created, "CREATED");
      String b = Files.readString(stream).replaceAll(created, "CREATED");
      assertTrue(a.contains("CREATED"), name);
      assertEquals(a, b, name);
    }
  }

  private static List<String> withReport(List<String> args, Path report, String... more) {
    List<String> a = new ArrayList<>(args);
    a.addAll(List.of(more));
    a.add(report.toString());
    return a;
  }

  @Test
  void curvesAndPoliciesNeedTheLocalEngine() {
    Result r =
        run(
            demo(
                "--positive",
                "1",
                "--engine",
                "stream",
                "--report",
                dir.resolve("r.html").toString()));
    assertEquals(2, r.code());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().contains("--report") && r.err().contains("curves"), r.err());
  }
}
