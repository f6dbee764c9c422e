package org.fairness4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code metrics --reference} and the hint to use {@code --cluster}. */
class MetricsReferenceTest {
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

  /** 300 rows, groups a/b, three rows per patient. */
  private Path table() throws IOException {
    StringBuilder sb = new StringBuilder("y,p,g,patient_id\n");
    java.util.Random r = new java.util.Random(3);
    for (int i = 0; i < 300; i++) {
      int y = r.nextInt(2);
      int p = r.nextDouble() < 0.8 ? y : 1 - y;
      sb.append(y).append(',').append(p).append(',').append(i % 2 == 0 ? "a" : "b");
      sb.append(",P").append(i / 3).append('\n');
    }
    Path t = dir.resolve("t.csv");
    Files.writeString(t, sb.toString());
    return t;
  }

  private static String[] args(Path t, String... more) {
    String[] head = {
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
    String[] all = java.util.Arrays.copyOf(head, head.length + more.length);
    System.arraycopy(more, 0, all, head.length, more.length);
    return all;
  }

  @Test
  void referenceAddsSignedDifferencesWithIntervals() throws IOException {
    Result r =
        run(args(table(), "--bootstrap", "200", "--reference", "g=a", "--cluster", "patient_id"));
    assertEquals(0, r.code(), r.err());
    assertEquals("", r.err());
    JsonNode report = new ObjectMapper().readTree(r.out()).get(0);
    assertEquals("a", report.get("reference").asText());
    assertTrue(report.get("difference_to_reference").get("b").has("recall"));
    JsonNode values = report.get("intervals").get("values");
    JsonNode diff = values.get("difference/to_reference/b/recall");
    assertEquals("newcombe-clustered", diff.get("method").asText());
    assertTrue(diff.get("lower").asDouble() < diff.get("upper").asDouble());
    assertEquals(0.0, diff.get("undefined_share").asDouble());
    assertTrue(values.has("ratio/to_reference/b/fpr"));
  }

  @Test
  void badReferenceIsOneLineExitTwo() throws IOException {
    Result r = run(args(table(), "--reference", "sex=a"));
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--reference sex=a: 'sex' is not a feature set"), r.err());
    Result g = run(args(table(), "--reference", "g=zzz"));
    assertEquals(2, g.code());
    assertTrue(g.err().contains("no group zzz"), g.err());
  }

  @Test
  void repeatedPatientIdsWithoutClusterWarnOnce() throws IOException {
    Result r = run(args(table(), "--bootstrap", "50"));
    assertEquals(0, r.code(), r.err());
    String[] lines = r.err().strip().split("\n");
    assertEquals(1, lines.length, r.err());
    assertTrue(lines[0].contains("column 'patient_id' repeats") && lines[0].contains("--cluster"));
    // ... and every interval in the output carries it, so the report says what stderr said
    JsonNode values = new ObjectMapper().readTree(r.out()).get(0).get("intervals").get("values");
    assertTrue(values.size() > 10, values.toString());
    values.forEach(
        v -> {
          assertFalse(v.get("reliable").asBoolean(), v.toString());
          assertTrue(v.get("warning").asText().contains("cluster by 'patient_id'"), v.toString());
        });
    Result clustered = run(args(table(), "--bootstrap", "50", "--cluster", "patient_id"));
    assertFalse(clustered.err().contains("repeats"), clustered.err());
    new ObjectMapper()
        .readTree(clustered.out())
        .get(0)
        .get("intervals")
        .get("values")
        .forEach(v -> assertFalse(v.path("warning").asText().contains("cluster by"), v.toString()));
  }
}
