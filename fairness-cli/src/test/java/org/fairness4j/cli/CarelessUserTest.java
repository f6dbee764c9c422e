package org.fairness4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The reproductions of issue 20 ("what trying the tool like a careless user found"), as written
 * there: each ends with exit 0 and a right answer (a warning where proceeding is right) or exit 2
 * and one line naming the problem, and nothing the command reads is modified.
 */
class CarelessUserTest {
  @TempDir Path dir;

  private record Result(int code, String out, String err) {
    /** One line of error output, starting with "fairness: ". */
    void refusedWith(String... parts) {
      assertEquals(2, code, err);
      assertTrue(err.startsWith("fairness: "), err);
      assertEquals(1, err.strip().lines().count(), err);
      for (String p : parts) {
        assertTrue(err.contains(p), "'" + p + "' not in: " + err);
      }
    }
  }

  private static Result run(String... args) {
    CommandLine cl = FairnessCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  private Path file(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  private static final String TABLE = "y_true,y_pred,sex\n1,1,F\n0,1,M\n1,0,F\n0,0,M\n1,1,F\n";

  /** The command: metrics --input FILE --y-true y_true --y-pred y_pred --positive 1 .... */
  private static String[] metrics(Path input, String... more) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "metrics",
                "--input",
                input.toString(),
                "--y-true",
                "y_true",
                "--y-pred",
                "y_pred",
                "--positive",
                "1"));
    a.addAll(Arrays.asList(more));
    if (!a.contains("--sensitive")) {
      a.addAll(List.of("--sensitive", "sex"));
    }
    return a.toArray(String[]::new);
  }

  @Test
  void anUnterminatedQuoteIsRefusedNotSwallowed() throws IOException {
    Path q = file("q.csv", "y_true,y_pred,sex\n1,1,F\n0,1,\"M\n1,0,F\n0,0,M\n1,1,F\n");
    run(metrics(q)).refusedWith(q + ":3:", "never closed");
  }

  @Test
  void outputsThatAreInputsAreRefusedAndTheInputKept() throws IOException {
    Path in = file("t.csv", TABLE);
    byte[] before = Files.readAllBytes(in);
    run(metrics(in, "--out", in.toString())).refusedWith("--out", "input file");
    run(metrics(in, "--report", in.toString())).refusedWith("--report", "input file");
    Path alias = dir.resolve("sub").resolve("..").resolve("t.csv");
    Files.createDirectories(dir.resolve("sub"));
    run(metrics(in, "--out", alias.toString())).refusedWith("input file");
    Path hardLink = dir.resolve("hard.csv");
    Files.createLink(hardLink, in);
    run(metrics(in, "--out", hardLink.toString())).refusedWith("input file");
    assertArrayEquals(before, Files.readAllBytes(in));
    Path both = dir.resolve("r.json");
    run(metrics(in, "--out", both.toString(), "--report", both.toString()))
        .refusedWith("same file");
  }

  @Test
  void outputsAreWrittenOnlyToRegularFiles() throws IOException {
    Path in = file("t.csv", TABLE);
    Path target = file("target.json", "keep");
    Path link = dir.resolve("link.json");
    Files.createSymbolicLink(link, target);
    run(metrics(in, "--out", link.toString())).refusedWith("symbolic link");
    assertTrue(Files.isSymbolicLink(link));
    assertEquals("keep", Files.readString(target));
    run(metrics(in, "--out", dir.toString())).refusedWith("is a directory");
    Path devNull = Path.of("/dev/null");
    if (Files.exists(devNull)) {
      run(metrics(in, "--out", devNull.toString())).refusedWith("not a regular file");
      assertFalse(Files.isRegularFile(devNull));
    }
    Path fifo = dir.resolve("fifo");
    try {
      new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
    } catch (IOException | InterruptedException e) {
      Assumptions.abort("no mkfifo: " + e);
    }
    Assumptions.assumeTrue(Files.exists(fifo) && !Files.isRegularFile(fifo));
    run(metrics(in, "--out", fifo.toString())).refusedWith("not a regular file");
    assertFalse(Files.isRegularFile(fifo));
  }

  @Test
  void aFailedOutputLeavesNoOtherOutputBehind() throws IOException {
    Path in = file("t.csv", TABLE);
    Path notADir = file("plain", "x");
    Path out = dir.resolve("out.json");
    run(metrics(in, "--out", out.toString(), "--report", notADir.resolve("r.html").toString()))
        .refusedWith("--report", "not a directory");
    assertFalse(Files.exists(out));
  }

  @Test
  void duplicateHeaderNamesAreRefused() throws IOException {
    Path t = file("d.csv", "y_true,y_pred,sex,sex\n1,1,F,M\n0,0,M,F\n");
    run(metrics(t)).refusedWith("d.csv", "sex", "twice");
  }

  @Test
  void aPositiveLabelThatNeverOccursIsAWarning() throws IOException {
    Path t = file("t.csv", TABLE);
    List<String> a = new ArrayList<>(Arrays.asList(metrics(t)));
    a.set(a.indexOf("--positive") + 1, "7");
    Result r = run(a.toArray(String[]::new));
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("warning: --positive 7 occurs in no row"), r.err());
  }

  @Test
  void scoresOfAnUnknownClassAreRefused() throws IOException {
    Path t = file("s.csv", "y_true,y_pred,sex,col\n1,1,F,0.9\n0,1,M,0.2\n1,0,F,0.4\n");
    run(metrics(t, "--score", "9=col")).refusedWith("col", "'9'", "occurs in no row");
  }

  @Test
  void binsOnATextColumnAreRefusedNamingColumnAndRow() throws IOException {
    Path t = file("t.csv", TABLE);
    run(metrics(t, "--sensitive", "sex:bins=0,1")).refusedWith("'sex'", "data row 1: 'F'");
  }

  @Test
  void badBootstrapCountsAreRefused() throws IOException {
    Path t = file("t.csv", TABLE);
    run(metrics(t, "--bootstrap", "-5")).refusedWith("--bootstrap -5");
    run(metrics(t, "--bootstrap", "2000000000")).refusedWith("--bootstrap 2000000000", "100000");
    run(metrics(t, "--confidence", "95")).refusedWith("--confidence 95.0", "between 0 and 1");
    run(metrics(t, "--bootstrap", "100", "--bootstrap-method", "foo"))
        .refusedWith("--bootstrap-method foo", "percentile or bca");
  }

  @Test
  void anEmptyDeclaredClassIsRefused() throws IOException {
    Path t = file("c.csv", "y_true,y_pred,sex\na,b,F\nb,a,M\n");
    Result r =
        run(
            "metrics",
            "--input",
            t.toString(),
            "--y-true",
            "y_true",
            "--y-pred",
            "y_pred",
            "--sensitive",
            "sex",
            "--classes",
            "a,,b");
    r.refusedWith("empty");
  }

  @Test
  void labelsWithSpacesAreTheSameGroup() throws IOException {
    Path t = file("t.csv", "y_true,y_pred,sex\n1,1, F\n0,1,F\n1,0,M\n0,0,\"M \"\n");
    Result r = run(metrics(t));
    assertEquals(0, r.code(), r.err());
    JsonNode report = new ObjectMapper().readTree(r.out()).get(0);
    List<String> groups = new ArrayList<>();
    report.get("by_group").fieldNames().forEachRemaining(groups::add);
    assertEquals(List.of("F", "M"), groups);
  }

  @Test
  void veryManyGroupsWarnAndAboveTheLimitAreRefused() throws IOException {
    StringBuilder b = new StringBuilder("y_true,y_pred,id\n");
    for (int i = 0; i < 1200; i++) {
      b.append(i % 2).append(',').append(i / 2 % 2).append(",p").append(i).append('\n');
    }
    Path t = file("ids.csv", b.toString());
    run(metrics(t, "--sensitive", "id", "--max-groups", "1000"))
        .refusedWith("1200 groups", "--max-groups 1000");
    Result r = run(metrics(t, "--sensitive", "id", "--out", dir.resolve("o.json").toString()));
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("warning: id has 1200 groups"), r.err());
  }

  @Test
  void inputsThatAreNotCsvTextAreNamed() throws IOException {
    run(metrics(dir)).refusedWith(dir.toString(), "is a directory");
    Path gz = dir.resolve("t.csv.gz");
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
      o.write(TABLE.getBytes(StandardCharsets.UTF_8));
    }
    run(metrics(gz)).refusedWith(gz.toString(), "gzip");
    Path utf16 = dir.resolve("u.csv");
    Files.write(utf16, ("\uFEFF" + TABLE).getBytes(StandardCharsets.UTF_16LE));
    run(metrics(utf16)).refusedWith("UTF-16");
  }

  @Test
  void aColumnNameWithAColonIsUsable() throws IOException {
    Path t = file("r.csv", "y_true,y_pred,race:eth\n1,1,a\n0,1,b\n");
    Result r = run(metrics(t, "--sensitive", "race:eth"));
    assertEquals(0, r.code(), r.err());
    assertEquals("race:eth", new ObjectMapper().readTree(r.out()).get(0).get("features").asText());
  }

  @Test
  void adaptRefusesAnUnknownMonitorAndAnEarlierRun() throws IOException {
    Path out = Files.createDirectories(dir.resolve("run"));
    Path csv = file("train.csv", "image,label\n");
    String[] base = {
      "adapt",
      "--model",
      dir.resolve("model").toString(),
      "--strategy",
      "linear",
      "--train",
      csv.toString(),
      "--test",
      csv.toString(),
      "--out",
      out.toString(),
      "--no-progress"
    };
    List<String> monitor = new ArrayList<>(Arrays.asList(base));
    monitor.addAll(List.of("--monitor", "val-auc"));
    run(monitor.toArray(String[]::new))
        .refusedWith("--monitor val-auc", "val-loss or val-accuracy");
    Files.writeString(out.resolve("predictions.csv"), "finished");
    run(base).refusedWith("earlier run", "--resume", "--overwrite");
    assertEquals("finished", Files.readString(out.resolve("predictions.csv")));
  }

  @Test
  void anOutputOverAFileOfTheModelDirectoryIsRefused() throws IOException {
    Path model = Files.createDirectories(dir.resolve("m"));
    Path config = Files.writeString(model.resolve("config.json"), "{}");
    Path images = Files.createDirectories(dir.resolve("img"));
    Path classes = file("classes.txt", "a\nb\n");
    run(
            "zeroshot",
            "--model",
            model.toString(),
            "--images",
            images.toString(),
            "--classes",
            classes.toString(),
            "--out",
            config.toString(),
            "--no-progress")
        .refusedWith("file of the input directory");
    run(
            "zeroshot",
            "--model",
            model.toString(),
            "--images",
            images.toString(),
            "--classes",
            classes.toString(),
            "--out",
            classes.toString(),
            "--no-progress")
        .refusedWith("input file");
    assertEquals("{}", Files.readString(config));
  }

  @Test
  void aModelPathThatIsAFileOrHasBadJsonIsNamed() throws IOException {
    Path images = Files.createDirectories(dir.resolve("img"));
    Path config = file("config.json", "{\"projection_dim\": 512,\n  oops}");
    String[] zeroShot = {
      "zeroshot",
      "--model",
      config.toString(),
      "--images",
      images.toString(),
      "--classes",
      "a,b",
      "--out",
      dir.resolve("p.csv").toString(),
      "--no-progress"
    };
    run(zeroShot).refusedWith(config.toString(), "is a file, not a model directory");
    Path model = Files.createDirectories(dir.resolve("model"));
    Files.move(config, model.resolve("config.json"));
    zeroShot[2] = model.toString();
    run(zeroShot).refusedWith(model.resolve("config.json") + ":2: not valid JSON");
  }

  @Test
  void aDirectoryOrBinaryFileAsPromptsIsNamed() throws IOException {
    IOException dirError =
        org.junit.jupiter.api.Assertions.assertThrows(
            IOException.class, () -> EncodeCommand.prompts(dir));
    assertTrue(dirError.getMessage().startsWith(dir + ": is a directory"), dirError.getMessage());
    Path binary = dir.resolve("classes.bin");
    Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 'a'});
    IOException binError =
        org.junit.jupiter.api.Assertions.assertThrows(
            IOException.class, () -> EncodeCommand.prompts(binary));
    assertTrue(binError.getMessage().startsWith(binary + ": is not UTF-8"), binError.getMessage());
  }

  @Test
  void badLoraSpecsListTheChoices() {
    IllegalArgumentException target =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> TrainingOptions.loraConfig("8:16:q,zz"));
    assertTrue(target.getMessage().contains("'zz' is not one of qkv, "), target.getMessage());
    IllegalArgumentException rank =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> TrainingOptions.loraConfig("x:16:q"));
    assertTrue(rank.getMessage().contains("RANK must be an integer"), rank.getMessage());
  }

  /** A command that fails unexpectedly. */
  @CommandLine.Command(name = "boom")
  static final class Boom implements java.util.concurrent.Callable<Integer> {
    @Override
    public Integer call() {
      throw new IllegalStateException("unexpected");
    }
  }

  @Test
  void anUnexpectedFailureIsOneLineAndTheStackTraceOnlyWithVerbose() {
    for (boolean verbose : new boolean[] {false, true}) {
      CommandLine cl = FairnessCli.commandLine();
      cl.addSubcommand("boom", new Boom());
      StringWriter err = new StringWriter();
      cl.setErr(new PrintWriter(err));
      int code = verbose ? cl.execute("boom", "--verbose") : cl.execute("boom");
      assertEquals(1, code);
      String e = err.toString();
      assertTrue(e.contains("fairness: internal error: java.lang.IllegalStateException"), e);
      assertEquals(verbose, e.contains("\tat "), e);
      if (!verbose) {
        assertEquals(1, e.strip().lines().count(), e);
      }
    }
  }

  @Test
  void outOfMemoryIsOneLineWithTheHeapAndTheFlag() {
    String m = CliLogging.outOfMemory(512L * 1024 * 1024);
    assertTrue(m.startsWith("fairness: out of memory"), m);
    assertTrue(m.contains("512 MiB"), m);
    assertTrue(m.contains("JAVA_OPTS=-Xmx4g"), m);
    assertTrue(m.contains("--engine stream"), m);
    assertEquals(1, m.lines().count());
  }
}
