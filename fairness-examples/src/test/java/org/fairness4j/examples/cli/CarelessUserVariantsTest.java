package org.fairness4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import org.fairness4j.cli.FairnessCli;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Variants of issue 20's cases that its first tests did not try (verification round): outputs
 * reached through a symbolic link to a directory and {@code ..} ({@code lnk/../in.csv} is the link
 * target's sibling, not the link's), outputs of {@code check}, {@code adapt}, {@code encode} and
 * {@code study} over their inputs, stray quotes in the NIH metadata and in prediction tables, a
 * dangling symbolic link as an output directory, and groups that differ only in Unicode
 * normalization. Each ends with exit 2 and one line naming the problem (inputs byte-identical), or
 * exit 0 and a right answer with a warning.
 */
class CarelessUserVariantsTest {
  private static final Path MODEL =
      Path.of("..", "fairness-models", "src", "test", "resources", "clip-tiny");
  private static final Path METADATA =
      Path.of(
          "..",
          "fairness-cli",
          "src",
          "test",
          "resources",
          "nih",
          "authors",
          "mixed2020",
          "Data_Entry.csv");
  private static final Path PREDICTIONS =
      Path.of(
          "..",
          "fairness-cli",
          "src",
          "test",
          "resources",
          "nih",
          "paper-metrics",
          "predictions",
          "demo__good.csv");
  private static final String TABLE = "y_true,y_pred,sex\n1,1,F\n0,1,M\n1,0,F\n0,0,M\n1,1,F\n";

  @TempDir Path dir;

  /** dir/a/b/in.csv, and dir/lnk pointing at dir/a/b/c: dir/lnk/../in.csv is dir/a/b/in.csv. */
  private Path input;

  private Path viaLink;

  private record Result(int code, String out, String err) {
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

  @BeforeEach
  void linkedDirectory() throws IOException {
    Path b = Files.createDirectories(dir.resolve("a").resolve("b"));
    Files.createDirectories(b.resolve("c"));
    input = Files.writeString(b.resolve("in.csv"), TABLE);
    Files.createSymbolicLink(dir.resolve("lnk"), b.resolve("c"));
    viaLink = Path.of(dir + "/lnk/../in.csv");
    // The operating system resolves the link first: the path names the input.
    assertTrue(Files.isSameFile(viaLink, input));
  }

  private String[] metrics(String... more) {
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
                "1",
                "--sensitive",
                "sex"));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  @Test
  void metricsOutThroughALinkedDirectoryAndDotDotIsTheInput() throws IOException {
    byte[] before = Files.readAllBytes(input);
    run(metrics("--out", viaLink.toString())).refusedWith("--out", "is the input file");
    run(metrics("--report", viaLink.toString())).refusedWith("--report", "is the input file");
    assertArrayEquals(before, Files.readAllBytes(input));
  }

  @Test
  void checkOutputsThroughALinkedDirectoryAreRefused() throws IOException {
    Path policy =
        Files.writeString(
            dir.resolve("p.yaml"),
            "fairness-policy: 1\nrules:\n  - name: gap\n    feature-set: sex\n"
                + "    difference: accuracy\n    at-most: 0.5\n");
    byte[] before = Files.readAllBytes(input);
    for (String flag : List.of("--summary", "--junit-xml", "--write-report")) {
      run(
              "check",
              "--policy",
              policy.toString(),
              "--input",
              input.toString(),
              "--y-true",
              "y_true",
              "--y-pred",
              "y_pred",
              "--positive",
              "1",
              "--sensitive",
              "sex",
              flag,
              viaLink.toString())
          .refusedWith(flag, "is the input file");
    }
    assertArrayEquals(before, Files.readAllBytes(input));
  }

  @Test
  void adaptNeverWritesItsPredictionsOverASplitNorIntoTheModel() throws IOException {
    Path out = Files.createDirectories(dir.resolve("run"));
    Path train = Files.writeString(out.resolve("train.csv"), "image,label\nx.png,a\n");
    Path test = Files.writeString(out.resolve("predictions.csv"), "image,label\ny.png,b\n");
    byte[] before = Files.readAllBytes(test);
    run(
            "adapt",
            "--model",
            MODEL.toString(),
            "--strategy",
            "linear-probe",
            "--train",
            train.toString(),
            "--test",
            test.toString(),
            "--out",
            out.toString(),
            "--overwrite")
        .refusedWith("predictions.csv", "is the input file");
    assertArrayEquals(before, Files.readAllBytes(test));
    Path model = Files.createDirectories(dir.resolve("model"));
    run(
            "adapt",
            "--model",
            model.toString(),
            "--strategy",
            "linear-probe",
            "--train",
            train.toString(),
            "--test",
            train.toString(),
            "--out",
            model.resolve("run").toString())
        .refusedWith("inside the model directory");
  }

  @Test
  void encodeNeverWritesOverItsPromptsOrTheirRowList() throws IOException {
    Path prompts = Files.writeString(dir.resolve("prompts.txt"), "a photo\nan x-ray\n");
    byte[] before = Files.readAllBytes(prompts);
    for (Path out :
        List.of(prompts, Path.of(dir + "/lnk/../../../prompts.txt"), dir.resolve("prompts"))) {
      Path rows = out.resolveSibling(out.getFileName() + ".rows.txt");
      Path p = out.equals(dir.resolve("prompts")) ? Files.copy(prompts, rows) : prompts;
      run(
              "encode",
              "--model",
              MODEL.toString(),
              "--prompts",
              p.toString(),
              "--out",
              out.toString(),
              "--no-progress")
          .refusedWith("--out", "is the input file");
      assertArrayEquals(before, Files.readAllBytes(p));
    }
  }

  @Test
  void studyOutputsAreNeverItsTemplates() throws IOException {
    Path out = Files.createDirectories(dir.resolve("study"));
    Path templates = Files.writeString(out.resolve("tables.md"), "a chest x-ray showing {}\n");
    byte[] before = Files.readAllBytes(templates);
    run(
            "study",
            "--data-dir",
            dir.toString(),
            "--metadata",
            METADATA.toString(),
            "--model",
            "m=" + MODEL,
            "--templates",
            templates.toString(),
            "--out",
            out.toString())
        .refusedWith("tables.md", "is the input file");
    assertArrayEquals(before, Files.readAllBytes(templates));
  }

  /** A stray quote in the last field of the NIH metadata swallowed the rest of the file. */
  @Test
  void aStrayQuoteInTheMetadataIsRefusedWithItsLine() throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(METADATA));
    String row = lines.get(2000);
    int last = row.lastIndexOf(',');
    lines.set(2000, row.substring(0, last + 1) + "\"" + row.substring(last + 1));
    Path meta = dir.resolve("meta.csv");
    Files.write(meta, lines);
    Path out = dir.resolve("p.csv");
    run("protocol", "--metadata", meta.toString(), "--out", out.toString())
        .refusedWith(meta + ":2001:", "never closed");
    assertFalse(Files.exists(out));
  }

  /** The same in a prediction table of paper-metrics (in a column it does not read). */
  @Test
  void aStrayQuoteInAPredictionTableIsRefusedWithItsLine() throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(PREDICTIONS));
    lines.set(3, "\"" + lines.get(3));
    Path table = dir.resolve("m__s.csv");
    Files.write(table, lines);
    Path out = dir.resolve("t.csv");
    run("paper-metrics", "--predictions", table.toString(), "--out", out.toString())
        .refusedWith(table + ":4:", "never closed");
    assertFalse(Files.exists(out));
  }

  @Test
  void aDanglingLinkAsOutputDirectoryIsNamedInWords() throws IOException {
    Path link = Files.createSymbolicLink(dir.resolve("gone"), dir.resolve("nothing"));
    run("demo-build", "--out", link.toString(), "--skip-model")
        .refusedWith(link.toString(), "not a directory");
  }

  /**
   * NFC and NFD spellings of one name are different text: two groups, as in pandas and Fairlearn
   * (which compare code points), with a warning naming the code points.
   */
  @Test
  void groupsThatDifferOnlyInUnicodeNormalizationAreTwoGroupsWithAWarning() throws IOException {
    String nfc = Normalizer.normalize("é", Normalizer.Form.NFC);
    String nfd = Normalizer.normalize("é", Normalizer.Form.NFD);
    Path t =
        Files.writeString(
            dir.resolve("u.csv"),
            "y_true,y_pred,g\n1,1," + nfc + "\n0,1," + nfd + "\n1,0," + nfc + "\n0,0," + nfd + "\n",
            StandardCharsets.UTF_8);
    Result r =
        run(
            "metrics",
            "--input",
            t.toString(),
            "--y-true",
            "y_true",
            "--y-pred",
            "y_pred",
            "--positive",
            "1",
            "--sensitive",
            "g",
            "--format",
            "csv");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("U+00E9") && r.err().contains("U+0065 U+0301"), r.err());
    assertTrue(r.err().contains("warning") && r.err().contains("--sensitive g"), r.err());
    assertTrue(r.out().contains(nfc) && r.out().contains(nfd), r.out());
  }

  /** Labels that differ only in case stay two classes (as in pandas), with a warning. */
  @Test
  void adaptWarnsAboutLabelsThatDifferOnlyInCase() throws IOException {
    Path images =
        Path.of("..", "fairness-models", "src", "test", "resources", "preprocess").toAbsolutePath();
    String rows =
        "image,label\n"
            + images.resolve("gray_120x120.jpg")
            + ",Edema\n"
            + images.resolve("gray_300x250.png")
            + ",edema\n"
            + images.resolve("rgb_181x260.png")
            + ",Edema\n"
            + images.resolve("rgba_97x64.png")
            + ",edema\n";
    Path split = Files.writeString(dir.resolve("split.csv"), rows);
    Result r =
        run(
            "adapt",
            "--model",
            MODEL.toString(),
            "--strategy",
            "linear-probe",
            "--train",
            split.toString(),
            "--test",
            split.toString(),
            "--epochs",
            "1",
            "--no-progress",
            "--out",
            dir.resolve("run").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(
        r.err().contains("warning: training labels [Edema, edema] differ only in letter case"),
        r.err());
  }

  /** A sensitive column with only missing values: its own group, or with --missing drop none. */
  @Test
  void aSensitiveColumnOfOnlyMissingValues() throws IOException {
    Path t = Files.writeString(dir.resolve("m.csv"), "y_true,y_pred,sex\n1,1,\n0,1,\n1,0,\n0,0,\n");
    String[] args = {
      "metrics",
      "--input",
      t.toString(),
      "--y-true",
      "y_true",
      "--y-pred",
      "y_pred",
      "--positive",
      "1",
      "--sensitive",
      "sex",
      "--format",
      "csv"
    };
    Result own = run(args);
    assertEquals(0, own.code(), own.err());
    assertTrue(own.out().contains("<missing>"), own.out());
    List<String> drop = new ArrayList<>(List.of(args));
    drop.addAll(List.of("--missing", "drop"));
    run(drop.toArray(String[]::new))
        .refusedWith(t + ": --sensitive sex: no group is left", "--missing drop");
  }
}
