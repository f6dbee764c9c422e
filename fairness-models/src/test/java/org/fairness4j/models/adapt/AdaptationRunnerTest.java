package org.fairness4j.models.adapt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.fairness4j.core.prediction.ProbabilityTable;
import org.fairness4j.core.prediction.ProbabilityTableCsv;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.core.table.PredictionTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every strategy end to end on PNG files and the tiny CLIP. */
class AdaptationRunnerTest {
  @TempDir static Path images;
  @TempDir Path out;

  static AdaptationRunner.Split train;
  static AdaptationRunner.Split val;
  static AdaptationRunner.Split test;

  /** Gray 40x40 PNGs: "bright" images around 170, "dark" around 85, with noise. */
  @BeforeAll
  static void writeImages() throws IOException {
    Random rng = new Random(1);
    train = split(images, rng, "train", 48);
    val = split(images, rng, "val", 16);
    test = split(images, rng, "test", 16);
  }

  /** Writes n PNGs into {@code images}, alternating "dark" (0) and "bright" (1). */
  static AdaptationRunner.Split split(Path images, Random rng, String name, int n)
      throws IOException {
    List<Path> files = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 2;
      BufferedImage img = new BufferedImage(40, 40, BufferedImage.TYPE_BYTE_GRAY);
      for (int y = 0; y < 40; y++) {
        for (int x = 0; x < 40; x++) {
          int v = (labels[i] == 1 ? 170 : 85) + (int) (rng.nextGaussian() * 40);
          img.getRaster().setSample(x, y, 0, Math.max(0, Math.min(255, v)));
        }
      }
      Path f = images.resolve(name + "_" + i + ".png");
      ImageIO.write(img, "png", f.toFile());
      files.add(f);
      ids.add(f.getFileName().toString());
    }
    return new AdaptationRunner.Split(files, labels, ids);
  }

  private static AdaptationRunner runner() {
    return AdaptationRunner.builder(
            AdaptationTrainer.builder().epochs(4).batchSize(8).seed(2).constantRate(1e-2).build())
        .hidden(16)
        .lora(
            new LoraConfig(
                4, 8, 0, java.util.Set.of(LoraConfig.Target.QKV_FUSED), new java.util.TreeSet<>()))
        .seed(3)
        .build();
  }

  /** Strategy {@code s} on the tiny CLIP with all three splits, written to {@code out}. */
  private AdaptationRequest request(AdaptationStrategy s, boolean resume) {
    return new AdaptationRequest(
        s,
        LoraAdapterTest.CLIP,
        ClassLabels.of("dark", "bright"),
        train,
        val,
        test,
        out,
        resume,
        new AdaptationListener() {},
        null);
  }

  @ParameterizedTest
  @EnumSource(AdaptationStrategy.class)
  void everyStrategyTrainsWritesItsWeightsAndPredictsTheTestSplit(AdaptationStrategy s)
      throws IOException {
    ProbabilityTable p = runner().run(request(s, false));
    assertEquals(16, p.size());
    assertEquals("test_0.png", p.id(0));
    assertTrue(p.accuracy() >= 0.75, s + ": accuracy " + p.accuracy());
    assertTrue(Files.exists(out.resolve("head.safetensors")));
    assertTrue(Files.exists(out.resolve("checkpoint").resolve("log.csv")));
    if (s == AdaptationStrategy.LORA) {
      assertEquals(
          LoraConfig.Target.QKV_FUSED,
          LoraAdapter.load(out.resolve("adapter.safetensors"))
              .config()
              .targets()
              .iterator()
              .next());
    }
    if (s == AdaptationStrategy.FULL) {
      assertTrue(Files.exists(out.resolve("encoder.safetensors")));
      assertMetadataInFixedOrder(out.resolve("encoder.safetensors"), s);
    }
    assertMetadataInFixedOrder(out.resolve("head.safetensors"), s);
    PredictionTable t = p.evaluationTable().categorical("half", half(16)).build();
    assertEquals(List.of("bright", "dark"), t.scoredClasses().stream().sorted().toList());
    Path csv = out.resolve("predictions.csv");
    ProbabilityTableCsv.write(
        csv,
        p.withColumns(java.util.Map.of("half", half(16))),
        ProbabilityTableCsv.Layout.PREDICTIONS);
    assertEquals(17, Files.readAllLines(csv).size());
    assertTrue(
        Files.readAllLines(csv)
            .get(0)
            .startsWith(
                "image_id,y_true,y_pred,score_dark,score_bright,logit_dark,logit_bright,half"));
    // the logits kept are the raw outputs whose softmax is the probabilities
    assertTrue(p.hasLogits());
    for (int i = 0; i < p.size(); i++) {
      double z0 = p.logit(i, 0);
      double z1 = p.logit(i, 1);
      assertEquals(1 / (1 + Math.exp(z1 - z0)), p.probability(i, 0), 1e-5, s + " row " + i);
    }
  }

  /**
   * The header's metadata is written in one fixed order, so that two runs (two JVMs, whose {@code
   * Map.of} iteration orders differ) write byte-identical files.
   */
  private static void assertMetadataInFixedOrder(Path file, AdaptationStrategy s)
      throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    long len =
        java.nio.ByteBuffer.wrap(bytes, 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
    String header = new String(bytes, 8, (int) len, java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(
        header.startsWith(
            "{\"__metadata__\":{\"strategy\":\""
                + s.key()
                + "\",\"hidden\":\"16\",\"seed\":\"3\"},"),
        file + ": " + header.substring(0, Math.min(200, header.length())));
  }

  private static String[] half(int n) {
    String[] h = new String[n];
    for (int i = 0; i < n; i++) {
      h[i] = i < n / 2 ? "first" : "second";
    }
    return h;
  }

  @Test
  void aFinishedRunResumesToTheSamePredictions() throws IOException {
    AdaptationRequest request = request(AdaptationStrategy.MLP, true);
    AdaptationRunner runner = runner();
    ProbabilityTable a = runner.run(request);
    ProbabilityTable b = runner.run(request); // the same runner and request: nothing kept between
    for (int i = 0; i < a.size(); i++) {
      assertEquals(a.probability(i, 1), b.probability(i, 1), 0, "row " + i);
    }
  }
}
