package org.fairness4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code encode} and {@code zeroshot} on the tiny random CLIP of fairness-models' test resources
 * (tools/make_clip_fixture.py) and its test images (tools/make_preprocess_fixture.py).
 */
class ModelCommandsTest {
  private static final Path RESOURCES =
      Path.of("..", "fairness-models", "src", "test", "resources");
  private static final Path MODEL = RESOURCES.resolve("clip-tiny");
  private static final Path IMAGES = RESOURCES.resolve("preprocess");

  @TempDir Path dir;

  private record Result(int code, String err) {}

  private static Result run(String... args) {
    CommandLine cl = FairnessCli.commandLine();
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err));
    cl.setOut(new PrintWriter(new StringWriter()));
    return new Result(cl.execute(args), err.toString());
  }

  @Test
  void encodeWritesOneRowPerImageWithItsName() throws IOException {
    Path out = dir.resolve("img.npy");
    Result r =
        run(
            "encode",
            "--model",
            MODEL.toString(),
            "--images",
            IMAGES.toString(),
            "--out",
            out.toString(),
            "--no-progress",
            "--cache",
            dir.resolve("cache").toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(128 + 4 * 16 * 4, Files.size(out));
    assertEquals(
        List.of("gray_120x120.jpg", "gray_300x250.png", "rgb_181x260.png", "rgba_97x64.png"),
        Files.readAllLines(dir.resolve("img.npy.rows.txt")));
  }

  /** BiomedCLIP's layout: WordPiece prompts through BERT and the MLP projection (24 wide). */
  @Test
  void encodePromptsWorksForAnOpenClipModel() throws IOException {
    Path prompts = dir.resolve("prompts.txt");
    Files.writeString(prompts, "a chest x-ray showing edema\npneumothorax\n");
    Path out = dir.resolve("txt.npy");
    Result r =
        run(
            "encode",
            "--model",
            RESOURCES.resolve("biomedclip-tiny").toString(),
            "--prompts",
            prompts.toString(),
            "--out",
            out.toString(),
            "--no-progress");
    assertEquals(0, r.code(), r.err());
    assertEquals(128 + 2 * 24 * 4, Files.size(out));
  }

  @Test
  void encodePromptsUsesTheModelsTokenizer() throws IOException {
    Path prompts = dir.resolve("prompts.txt");
    Files.writeString(prompts, "a chest x-ray showing edema\n\npneumothorax\n");
    Path out = dir.resolve("txt.npy");
    Result r =
        run(
            "encode",
            "--model",
            MODEL.toString(),
            "--prompts",
            prompts.toString(),
            "--out",
            out.toString(),
            "--no-progress");
    assertEquals(0, r.code(), r.err());
    assertEquals(128 + 2 * 16 * 4, Files.size(out));
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {
        "clip-tiny",
        "biomedclip-tiny",
        "medclip-tiny",
        "medclip-vit-tiny",
        "gloria-tiny",
        "openclip-rn-tiny"
      })
  void zeroshotWritesProbabilitiesThatSumToOne(String model) throws IOException {
    Path classes = dir.resolve("classes.txt");
    Files.writeString(classes, "edema\neffusion\npneumothorax\n");
    Path templates = dir.resolve("templates.txt");
    Files.writeString(templates, "a chest x-ray showing {}\n{}\n");
    Path out = dir.resolve("pred.csv");
    Result r =
        run(
            "zeroshot",
            "--model",
            RESOURCES.resolve(model).toString(),
            "--images",
            IMAGES.toString(),
            "--classes",
            classes.toString(),
            "--templates",
            templates.toString(),
            "--out",
            out.toString(),
            "--no-progress");
    assertEquals(0, r.code(), r.err());
    List<String> lines = Files.readAllLines(out);
    assertEquals(
        "image,predicted,score_edema,score_effusion,score_pneumothorax,logit_edema,logit_effusion,"
            + "logit_pneumothorax",
        lines.get(0));
    assertEquals(5, lines.size());
    for (String line : lines.subList(1, 5)) {
      String[] f = line.split(",");
      double sum = Double.parseDouble(f[2]) + Double.parseDouble(f[3]) + Double.parseDouble(f[4]);
      // the probabilities are the softmax of the logits beside them
      double z0 = Double.parseDouble(f[5]);
      double z1 = Double.parseDouble(f[6]);
      double z2 = Double.parseDouble(f[7]);
      double m = Math.max(z0, Math.max(z1, z2));
      double e = Math.exp(z0 - m) + Math.exp(z1 - m) + Math.exp(z2 - m);
      assertEquals(Math.exp(z0 - m) / e, Double.parseDouble(f[2]), 1e-5);
      assertEquals(1.0, sum, 1e-5);
      assertTrue(List.of("edema", "effusion", "pneumothorax").contains(f[1]));
    }
  }

  @Test
  void aDirectoryWithoutAModelIsOneLineAndExitTwo() {
    Result r =
        run(
            "zeroshot",
            "--model",
            dir.toString(),
            "--images",
            IMAGES.toString(),
            "--classes",
            "x",
            "--out",
            dir.resolve("o.csv").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().strip().endsWith("(CLIP model directory needs it)"), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
  }
}
