package org.fairness4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fairness4j.core.report.ReportProvenance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MetricsCommandTest {
  private static final Path DEMO =
      Path.of("..", "examples", "demo", "nih_6x200_synthetic_test.csv");

  @TempDir Path dir;

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    CommandLine cl = FairnessCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  /** {@code metrics --input INPUT --y-true y --y-pred p} followed by more arguments. */
  private static String[] metrics(String input, String... more) {
    String[] head = {"metrics", "--input", input, "--y-true", "y", "--y-pred", "p"};
    String[] all = java.util.Arrays.copyOf(head, head.length + more.length);
    System.arraycopy(more, 0, all, head.length, more.length);
    return all;
  }

  /** README's demo arguments (six scores, sex, binned age) followed by more arguments. */
  private static String[] demo(String... more) {
    String[] head = {
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
      "age:bins=0,60"
    };
    String[] all = java.util.Arrays.copyOf(head, head.length + more.length);
    System.arraycopy(more, 0, all, head.length, more.length);
    return all;
  }

  private Path csv(String content) throws IOException {
    Path p = dir.resolve("t.csv");
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void demoCommandFromReadmeWritesOneReportPerFeatureSet() throws IOException {
    Path out = dir.resolve("report.json");
    Result r = run(demo("--intersect", "sex,age", "--out", out.toString()));
    assertEquals(0, r.code(), r.err());
    JsonNode json = new ObjectMapper().readTree(out.toFile());
    assertEquals(3, json.size());
    assertEquals("sex", json.get(0).get("features").asText());
    assertEquals("age", json.get(1).get("features").asText());
    assertEquals("sex+age", json.get(2).get("features").asText());
    assertEquals(240, json.get(2).get("n").asInt());
    assertEquals("multiclass", json.get(2).get("label_space").asText());
    List<String> groups = new ArrayList<>();
    json.get(2).get("by_group").fieldNames().forEachRemaining(groups::add);
    assertEquals(List.of("F|[0,60)", "F|[60,inf)", "M|[0,60)", "M|[60,inf)"), groups);
    assertTrue(json.get(2).get("overall").has("macro_f1"));
    assertTrue(json.get(2).get("per_class").get("3").get("overall").has("roc_auc"));
    assertTrue(json.get(2).get("overall").has("macro_roc_auc_ovr"));
    assertEquals("left-closed", json.get(1).get("attributes").get(0).get("closure").asText());
  }

  @Test
  void binaryReportHasFairlearnKeys() throws IOException {
    Path t = csv("y,p,s,sex\n1,1,0.9,F\n0,0,0.2,F\n1,0,0.4,M\n0,1,0.7,M\n");
    Result r = run(metrics(t.toString(), "--score", "s", "--sensitive", "sex", "--positive", "1"));
    assertEquals(0, r.code(), r.err());
    JsonNode report = new ObjectMapper().readTree(r.out()).get(0);
    assertEquals(0.5, report.get("overall").get("accuracy").asDouble());
    assertEquals(
        1.0,
        report
            .get("fairness")
            .get("equalized_odds_difference")
            .get("between_groups/worst_case")
            .asDouble());
    assertEquals("M", report.get("group_min_group").get("recall").asText());
  }

  @Test
  void undefinedRatesAreNanByDefaultAndZeroOnRequest() throws IOException {
    Path t = csv("y,p,g\n1,1,a\n0,0,a\n0,1,b\n0,0,b\n");
    String[] args = {
      "metrics",
      "--input",
      t.toString(),
      "--y-true",
      "y",
      "--y-pred",
      "p",
      "--sensitive",
      "g",
      "--positive",
      "1"
    };
    JsonNode nan = new ObjectMapper().readTree(run(args).out()).get(0);
    assertEquals("NaN", nan.get("by_group").get("b").get("recall").asText());
    assertEquals("NO_POSITIVES", nan.get("undefined").get("b").get("recall").asText());
    assertEquals("b", nan.get("skipped_groups").get("recall").get(0).asText());

    String[] zeroArgs = java.util.Arrays.copyOf(args, args.length + 2);
    zeroArgs[args.length] = "--undefined";
    zeroArgs[args.length + 1] = "zero";
    JsonNode zero = new ObjectMapper().readTree(run(zeroArgs).out()).get(0);
    assertEquals(0.0, zero.get("by_group").get("b").get("recall").asDouble());

    String[] errorArgs = zeroArgs.clone();
    errorArgs[args.length + 1] = "error";
    Result err = run(errorArgs);
    assertEquals(2, err.code());
    assertTrue(err.err().contains("recall") && err.err().contains("NO_POSITIVES"), err.err());
  }

  @Test
  void bootstrapIntervalsAreSeededAndWritten() throws IOException {
    String[] args = {
      "metrics",
      "--input",
      DEMO.toString(),
      "--y-true",
      "y_true",
      "--y-pred",
      "y_pred",
      "--sensitive",
      "sex",
      "--positive",
      "3",
      "--bootstrap",
      "200",
      "--seed",
      "5"
    };
    Result a = run(args);
    assertEquals(0, a.code(), a.err());
    assertEquals(a.out(), run(args).out());
    JsonNode iv = new ObjectMapper().readTree(a.out()).get(0).get("intervals");
    assertEquals(200, iv.get("resamples").asInt());
    JsonNode gap = iv.get("values").get("difference/between_groups/recall");
    assertTrue(gap.get("lower").asDouble() <= gap.get("upper").asDouble());
    String[] md = java.util.Arrays.copyOf(args, args.length + 2);
    md[args.length] = "--format";
    md[args.length + 1] = "markdown";
    assertTrue(run(md).out().contains("Intervals (200 bootstrap resamples, seed 5;"));
  }

  @Test
  void bootstrapScoresAddsAucIntervals() throws IOException {
    Result r = run(demo("--bootstrap", "100", "--seed", "3", "--bootstrap-scores"));
    assertEquals(0, r.code(), r.err());
    JsonNode values = new ObjectMapper().readTree(r.out()).get(0).get("intervals").get("values");
    JsonNode auc = values.get("difference/between_groups/macro_roc_auc_ovr");
    assertTrue(auc.get("lower").asDouble() <= auc.get("upper").asDouble(), auc.toString());
    JsonNode plain =
        new ObjectMapper()
            .readTree(run(demo("--bootstrap", "100", "--seed", "3")).out())
            .get(0)
            .get("intervals")
            .get("values");
    assertFalse(plain.has("difference/between_groups/macro_roc_auc_ovr"));
  }

  @Test
  void clusterColumnMakesTheBootstrapResamplePatients() throws IOException {
    StringBuilder sb = new StringBuilder("y,p,g,patient\n");
    java.util.Random r = new java.util.Random(3);
    for (int i = 0; i < 300; i++) {
      int y = r.nextInt(2);
      int p = r.nextDouble() < 0.8 ? y : 1 - y;
      sb.append(y)
          .append(',')
          .append(p)
          .append(',')
          .append(i % 2 == 0 ? "a" : "b")
          .append(",P")
          .append(i / 3)
          .append('\n');
    }
    Path t = csv(sb.toString());
    Result ok =
        run(
            metrics(
                t.toString(),
                "--sensitive",
                "g",
                "--positive",
                "1",
                "--bootstrap",
                "100",
                "--cluster",
                "patient"));
    assertEquals(0, ok.code(), ok.err());
    assertTrue(
        new ObjectMapper().readTree(ok.out()).get(0).get("intervals").get("values").size() > 10);
    Path missing = csv("y,p,g,patient\n1,1,a,P1\n0,0,b,\n");
    Result bad =
        run(
            metrics(
                missing.toString(), "--sensitive", "g", "--positive", "1", "--cluster", "patient"));
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("column 'patient': data row 2 has no cluster id"), bad.err());
  }

  @Test
  void markdownAndCsvFormatsAreWritten() throws IOException {
    Path t = csv("y,p,g\n1,1,a\n0,0,a\n1,0,b\n0,0,b\n");
    Result md =
        run(metrics(t.toString(), "--sensitive", "g", "--positive", "1", "--format", "markdown"));
    assertEquals(0, md.code(), md.err());
    assertTrue(md.out().startsWith("## g"), md.out());
    Result csv =
        run(metrics(t.toString(), "--sensitive", "g", "--positive", "1", "--format", "csv"));
    assertEquals(0, csv.code(), csv.err());
    assertTrue(csv.out().startsWith("features,class,scope,method,group,metric,value,"), csv.out());
    assertTrue(csv.out().contains("g,1,group,,b,recall,0.0,"), csv.out());
  }

  @Test
  void reportFlagWritesTheFullReportWithProvenance() throws IOException {
    Path html = dir.resolve("out").resolve("report.html");
    Result r =
        run(
            demo(
                "--positive",
                "4",
                "--bootstrap",
                "100",
                "--seed",
                "9",
                "--report",
                html.toString()));
    assertEquals(0, r.code(), r.err());
    String page = Files.readString(html);
    assertTrue(page.contains(ReportProvenance.sha256(DEMO)), "input checksum");
    assertTrue(page.contains("<th>seed: bootstrap</th><td>9</td>"), "seed");
    assertTrue(page.contains("<th>bins: age</th><td>[0,60) [60,inf)</td>"), "binning");
    assertTrue(page.contains("class=\"chart roc\""), "ROC chart");
    Result bad =
        run(
            "metrics",
            "--input",
            DEMO.toString(),
            "--y-true",
            "y_true",
            "--y-pred",
            "y_pred",
            "--sensitive",
            "sex",
            "--report",
            dir.resolve("report").toString());
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("end the name in .html"), bad.err());
  }

  @Test
  void badInputEndsWithOneLineNamingFileLineAndColumn() throws IOException {
    assertBadInput("y,p,g\n1,1,a\n0,x,a\n", "t.csv:3: column 'p': label 'x' is not an integer");
    assertBadInput("y,p,g\n1,1,a\n0,1\n", "t.csv:3: row has 2 fields, the header has 3");
    assertBadInput("", "t.csv: empty file");
  }

  @Test
  void missingColumnAndNonNumericScoreAreNamed() throws IOException {
    Path t = csv("y,p,s,g\n1,1,0.5,a\n0,0,abc,a\n");
    Result r = run(metrics(t.toString(), "--score", "s", "--positive", "1", "--sensitive", "g"));
    assertEquals(2, r.code());
    assertTrue(r.err().contains("t.csv:3: column 's': 'abc' is not a number"), r.err());
    Result m = run(metrics(t.toString(), "--sensitive", "race"));
    assertEquals(2, m.code());
    assertTrue(m.err().contains("t.csv:1: column 'race': no such column"), m.err());
  }

  @Test
  void undeclaredStringLabelIsAnErrorAndDeclaredClassesAccepted() throws IOException {
    Path t = csv("y,p,g\npos,pos,a\nneg,pos,a\nneg,neg,b\n");
    Result bad =
        run(
            metrics(
                t.toString(),
                "--sensitive",
                "g",
                "--positive",
                "pos",
                "--classes",
                "neg,pos,unknown"));
    assertEquals(0, bad.code(), bad.err());
    Result undeclared =
        run(metrics(t.toString(), "--sensitive", "g", "--positive", "pos", "--classes", "neg"));
    assertEquals(2, undeclared.code());
    assertTrue(undeclared.err().contains("label 'pos' is not a declared class"), undeclared.err());
  }

  @Test
  void unknownFlagAndMissingFileExitWithTwo() {
    Result flag = run("metrics", "--nope");
    assertEquals(2, flag.code());
    Result file = run(metrics(dir.resolve("absent.csv").toString(), "--sensitive", "g"));
    assertEquals(2, file.code());
    assertTrue(file.err().contains("absent.csv: no such file"), file.err());
  }

  @Test
  void everyCommandHasHelp() {
    Result top = run("--help");
    assertEquals(0, top.code());
    assertTrue(top.out().contains("metrics"));
    Result metrics = run("metrics", "--help");
    assertEquals(0, metrics.code());
    assertTrue(metrics.out().contains("--intersect"));
    assertFalse(metrics.out().isBlank());
  }

  private void assertBadInput(String content, String expected) throws IOException {
    Path t = csv(content);
    Result r = run(metrics(t.toString(), "--sensitive", "g"));
    assertEquals(2, r.code(), r.out());
    String line = r.err().strip();
    assertFalse(line.contains("\n"), "one line: " + line);
    assertTrue(line.contains(expected), line);
  }
}
