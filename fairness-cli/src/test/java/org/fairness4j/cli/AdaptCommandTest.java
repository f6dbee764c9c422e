package org.fairness4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code adapt} on PNG splits and the tiny CLIP; its predictions feed {@code metrics}. */
class AdaptCommandTest {
  private static final Path MODEL =
      Path.of("..", "fairness-models", "src", "test", "resources", "clip-tiny");

  @TempDir Path dir;

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    CommandLine cl = FairnessCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return new Result(cl.execute(args), out.toString(), err.toString());
  }

  private Path split(String name, int n, Random rng) throws IOException {
    StringBuilder csv = new StringBuilder("image,label,sex\n");
    Files.createDirectories(dir.resolve("img"));
    for (int i = 0; i < n; i++) {
      String label = i % 2 == 0 ? "dark" : "bright";
      BufferedImage img = new BufferedImage(36, 36, BufferedImage.TYPE_BYTE_GRAY);
      for (int y = 0; y < 36; y++) {
        for (int x = 0; x < 36; x++) {
          int v = (label.equals("bright") ? 170 : 85) + (int) (rng.nextGaussian() * 40);
          img.getRaster().setSample(x, y, 0, Math.max(0, Math.min(255, v)));
        }
      }
      String file = "img/" + name + i + ".png";
      ImageIO.write(img, "png", dir.resolve(file).toFile());
      csv.append(file)
          .append(',')
          .append(label)
          .append(',')
          .append(i % 4 < 2 ? "F" : "M")
          .append('\n');
    }
    Path p = dir.resolve(name + ".csv");
    Files.writeString(p, csv);
    return p;
  }

  private String[] args(String strategy, Path out, Random rng) throws IOException {
    return new String[] {
      "adapt",
      "--model",
      MODEL.toString(),
      "--strategy",
      strategy,
      "--train",
      split("train", 32, rng).toString(),
      "--val",
      split("val", 12, rng).toString(),
      "--test",
      split("test", 12, rng).toString(),
      "--out",
      out.toString(),
      "--epochs",
      "3",
      "--batch-size",
      "8",
      "--lr",
      "1e-2",
      "--hidden",
      "16",
      "--no-progress",
      "--lora",
      "4:8:qkv",
      "--seed",
      "1"
    };
  }

  @Test
  void loraWritesPredictionsThatMetricsReads() throws IOException {
    Path out = dir.resolve("lora");
    Result r = run(args("lora", out, new Random(1)));
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("lora: test accuracy"), r.err());
    Path preds = out.resolve("predictions.csv");
    List<String> lines = Files.readAllLines(preds);
    assertEquals(
        "image_id,y_true,y_pred,score_bright,score_dark,logit_bright,logit_dark,sex", lines.get(0));
    assertEquals(13, lines.size());
    assertTrue(Files.exists(out.resolve("adapter.safetensors")));
    assertEquals(
        3 * 2 * 2,
        org.fairness4j.models.adapt.PeftAdapters.read(out.resolve("adapter")).tensors().size(),
        "a peft adapter directory: q, k, v of both blocks, A and B");
    assertEquals(4, Files.readAllLines(out.resolve("checkpoint").resolve("log.csv")).size());
    Result m =
        run(
            "metrics",
            "--input",
            preds.toString(),
            "--y-true",
            "y_true",
            "--y-pred",
            "y_pred",
            "--score",
            "bright=score_bright,dark=score_dark",
            "--sensitive",
            "sex",
            "--positive",
            "bright",
            "--classes",
            "bright,dark",
            "--format",
            "markdown");
    assertEquals(0, m.code(), m.err());
    assertTrue(m.out().contains("## sex"), m.out());
  }

  /**
   * The eager trainer (default), the same with gradient checkpointing, and the SameDiff graph
   * ({@code --trainer graph}) train the same LoRA model: identical predictions with checkpointing,
   * nearly identical from the graph (float rounding, magnified by AdamW's sign-like first steps).
   */
  @Test
  void trainersAgreeAndABadTrainerIsRefused() throws IOException {
    String[] base = args("lora", dir.resolve("eager"), new Random(2));
    Result eager = run(base);
    assertEquals(0, eager.code(), eager.err());
    String[] ckpt = java.util.Arrays.copyOf(base, base.length + 1);
    ckpt[base.length] = "--gradient-checkpointing";
    ckpt[java.util.Arrays.asList(base).indexOf("--out") + 1] = dir.resolve("ckpt").toString();
    Result c = run(ckpt);
    assertEquals(0, c.code(), c.err());
    assertEquals(
        Files.readAllLines(dir.resolve("eager").resolve("predictions.csv")),
        Files.readAllLines(dir.resolve("ckpt").resolve("predictions.csv")));
    String[] graph = java.util.Arrays.copyOf(base, base.length + 2);
    graph[base.length] = "--trainer";
    graph[base.length + 1] = "graph";
    graph[java.util.Arrays.asList(base).indexOf("--out") + 1] = dir.resolve("graph").toString();
    Result g = run(graph);
    assertEquals(0, g.code(), g.err());
    List<String> a = Files.readAllLines(dir.resolve("eager").resolve("predictions.csv"));
    List<String> b = Files.readAllLines(dir.resolve("graph").resolve("predictions.csv"));
    assertEquals(a.size(), b.size());
    double worst = 0;
    for (int i = 1; i < a.size(); i++) {
      String[] x = a.get(i).split(",");
      String[] y = b.get(i).split(",");
      worst = Math.max(worst, Math.abs(Double.parseDouble(x[3]) - Double.parseDouble(y[3])));
    }
    assertTrue(worst < 1e-2, "eager and graph scores differ by up to " + worst);
    graph[base.length + 1] = "bogus";
    graph[java.util.Arrays.asList(base).indexOf("--out") + 1] = dir.resolve("bogus").toString();
    Result bad = run(graph);
    assertEquals(2, bad.code(), bad.err());
    assertTrue(bad.err().contains("trainer must be eager or graph"), bad.err());
  }

  /** adapt writes OUT/ (and its cache): neither may lie inside the model directory. */
  @Test
  void anOutputInsideTheModelDirectoryIsRefused() throws IOException {
    Path model = Files.createDirectories(dir.resolve("model"));
    try (var files = Files.list(MODEL)) {
      for (Path f : files.toList()) {
        if (Files.isRegularFile(f)) {
          Files.copy(f, model.resolve(f.getFileName()));
        }
      }
    }
    String[] a = args("linear", model.resolve("run"), new Random(5));
    a[2] = model.toString();
    Result r = run(a);
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("--out"), r.err());
    assertTrue(r.err().contains("is inside the model directory"), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertFalse(Files.exists(model.resolve("run")));
  }

  @Test
  void mlpOnEmbeddingsRunsAndResumes() throws IOException {
    Path out = dir.resolve("mlp");
    Result first = run(args("mlp", out, new Random(2)));
    assertEquals(0, first.code(), first.err());
    String before = Files.readString(out.resolve("predictions.csv"));
    String[] again = args("mlp", out, new Random(2));
    String[] resumed = java.util.Arrays.copyOf(again, again.length + 1);
    resumed[again.length] = "--resume";
    Result second = run(resumed);
    assertEquals(0, second.code(), second.err());
    assertEquals(before, Files.readString(out.resolve("predictions.csv")));
  }

  @Test
  void tribuoLogisticRegressionIsAStrategyToo() throws IOException {
    Path out = dir.resolve("tribuo");
    Result r = run(args("tribuo-logistic", out, new Random(4)));
    assertEquals(0, r.code(), r.err());
    assertEquals(13, Files.readAllLines(out.resolve("predictions.csv")).size());
  }

  /** {@code adapt --strategy linear} trained on one split and tested on another. */
  private String[] linearOn(Path train, Path test) {
    return new String[] {
      "adapt",
      "--model",
      MODEL.toString(),
      "--strategy",
      "linear",
      "--train",
      train.toString(),
      "--test",
      test.toString(),
      "--out",
      dir.resolve("o").toString(),
      "--no-progress"
    };
  }

  @Test
  void badSplitsAreNamedWithTheirLine() throws IOException {
    Random rng = new Random(3);
    Path train = split("train", 8, rng);
    Files.writeString(
        dir.resolve("bad.csv"), "image,label\nimg/train0.png,dark\nimg/missing.png,dark\n");
    Result missing = run(linearOn(train, dir.resolve("bad.csv")));
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("bad.csv:3: image"), missing.err());
    Files.writeString(dir.resolve("bad2.csv"), "image,label\nimg/train0.png,grey\n");
    Result label = run(linearOn(train, dir.resolve("bad2.csv")));
    assertEquals(2, label.code());
    assertTrue(label.err().contains("bad2.csv:2: label 'grey'"), label.err());
    Result strategy =
        run(
            "adapt",
            "--model",
            MODEL.toString(),
            "--strategy",
            "svm",
            "--train",
            train.toString(),
            "--test",
            train.toString(),
            "--out",
            dir.resolve("o").toString());
    assertEquals(2, strategy.code());
    assertTrue(strategy.err().contains("unknown strategy 'svm'"), strategy.err());
  }
}
