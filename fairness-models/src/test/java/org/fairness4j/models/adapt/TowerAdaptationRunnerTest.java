package org.fairness4j.models.adapt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.models.TestFixtures;
import org.fairness4j.models.weights.SafetensorsFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * LoRA and full fine-tuning end to end through {@link AdaptationRunner} on every family other than
 * Hugging Face CLIP (tiny fixtures), and the one-line refusals where LoRA has no attention
 * projection to adapt or the tower is not trainable.
 */
class TowerAdaptationRunnerTest {
  @TempDir static Path images;
  @TempDir Path out;

  static AdaptationRunner.Split train;
  static AdaptationRunner.Split test;

  @BeforeAll
  static void writeImages() throws IOException {
    Random rng = new Random(4);
    train = AdaptationRunnerTest.split(images, rng, "train", 16);
    test = AdaptationRunnerTest.split(images, rng, "test", 8);
  }

  private static AdaptationRunner runner() {
    return AdaptationRunner.builder(
            AdaptationTrainer.builder().epochs(1).batchSize(8).seed(2).constantRate(1e-3).build())
        .lora(LoraConfig.authors())
        .seed(3)
        .build();
  }

  private org.fairness4j.core.prediction.ProbabilityTable run(AdaptationStrategy s, String model)
      throws IOException {
    return runner()
        .run(
            new AdaptationRequest(
                s,
                TestFixtures.path("/" + model),
                ClassLabels.of("dark", "bright"),
                train,
                null,
                test,
                out,
                false,
                new AdaptationListener() {},
                null));
  }

  @ParameterizedTest
  @CsvSource({
    "LORA, biomedclip-tiny",
    "FULL, biomedclip-tiny",
    "LORA, medclip-vit-tiny",
    "FULL, medclip-vit-tiny",
    "FULL, medclip-tiny",
    "FULL, openclip-rn-tiny",
    "FULL, gloria-tiny"
  })
  void trainsWritesItsWeightsAndPredicts(AdaptationStrategy s, String model) throws IOException {
    org.fairness4j.core.prediction.ProbabilityTable p = run(s, model);
    assertEquals(8, p.size());
    for (int i = 0; i < p.size(); i++) {
      double sum = p.probability(i, 0) + p.probability(i, 1);
      assertEquals(1.0, sum, 1e-5, model + " row " + i);
    }
    assertTrue(Files.exists(out.resolve("head.safetensors")));
    if (s == AdaptationStrategy.LORA) {
      LoraAdapter written = LoraAdapter.load(out.resolve("adapter.safetensors"));
      assertFalse(written.tensors().isEmpty());
      assertTrue(Files.exists(out.resolve("adapter").resolve(PeftAdapters.CONFIG)));
      assertFalse(Files.exists(out.resolve("encoder.safetensors")));
    } else {
      try (SafetensorsFile e = SafetensorsFile.open(out.resolve("encoder.safetensors"));
          SafetensorsFile base = SafetensorsFile.open(weights(model))) {
        assertTrue(e.names().size() > 10, model + ": " + e.names().size() + " tensors");
        for (String n : e.names()) {
          assertTrue(base.contains(n), n + " is a checkpoint name");
        }
        // BatchNorm towers: running statistics saved, and moved by training mode
        String rm =
            e.names().stream().filter(n -> n.endsWith(".running_mean")).findFirst().orElse(null);
        if (Set.of("medclip-tiny", "openclip-rn-tiny", "gloria-tiny").contains(model)) {
          assertTrue(rm != null, model + ": running statistics saved");
          assertNotEquals(base.floats(rm)[0], e.floats(rm)[0], rm);
        } else {
          assertNull(rm);
        }
      }
    }
  }

  private static Path weights(String model) {
    Path d = TestFixtures.path("/" + model);
    Path oc = d.resolve("open_clip_model.safetensors");
    return Files.exists(oc) ? oc : d.resolve("model.safetensors");
  }

  @ParameterizedTest
  @CsvSource({"medclip-tiny", "openclip-rn-tiny", "gloria-tiny"})
  void loraOnAResNetIsRefusedInOneLine(String model) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> run(AdaptationStrategy.LORA, model));
    assertTrue(e.getMessage().contains("LoRA needs attention projections"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void refusalsAreKnownBeforeAnyWork() throws IOException {
    LoraConfig qv = new LoraConfig(4, 8, 0, Set.of(LoraConfig.Target.Q), new TreeSet<>());
    assertNull(
        AdaptationRunner.encoderRefusal(
            TestFixtures.path("/biomedclip-tiny"), AdaptationStrategy.LORA, LoraConfig.authors()));
    assertTrue(
        AdaptationRunner.encoderRefusal(
                TestFixtures.path("/biomedclip-tiny"), AdaptationStrategy.LORA, qv)
            .contains("fused qkv"));
    assertNull(
        AdaptationRunner.encoderRefusal(
            TestFixtures.path("/gloria-tiny"), AdaptationStrategy.FULL, qv));
    assertNull(
        AdaptationRunner.encoderRefusal(
            TestFixtures.path("/medclip-tiny"), AdaptationStrategy.FULL, qv));
    assertNull(
        AdaptationRunner.encoderRefusal(
            TestFixtures.path("/gloria-tiny"), AdaptationStrategy.MLP, qv));
  }
}
