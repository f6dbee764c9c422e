package org.fairness4j.models.clip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fairness4j.models.TestFixtures;
import org.fairness4j.models.embed.EmbeddingCache;
import org.fairness4j.models.weights.SafetensorsFile;
import org.fairness4j.models.weights.SafetensorsWriter;
import org.fairness4j.models.weights.WeightFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Loading refuses NaN or infinite weights in one line naming the tensor, and the embedding cache's
 * model identity changes with the weights and with every configuration file of the directory.
 */
class CorruptWeightsTest {
  @TempDir Path dir;

  private Path copyOfTinyClip() throws IOException {
    Path src = TestFixtures.path("/clip-tiny/config.json").getParent();
    Path model = Files.createDirectories(dir.resolve("model"));
    for (String n : new String[] {"config.json", "model.safetensors", "vocab.json", "merges.txt"}) {
      Files.copy(src.resolve(n), model.resolve(n));
    }
    return model;
  }

  private static void poison(Path weights, String tensor, float value, int index)
      throws IOException {
    Map<String, INDArray> all = new LinkedHashMap<>();
    try (SafetensorsFile f = SafetensorsFile.open(weights)) {
      for (String n : f.names()) {
        float[] v = f.floats(n);
        if (n.equals(tensor)) {
          v[index] = value;
        }
        all.put(n, Nd4j.create(v, f.shape(n), 'c'));
      }
    }
    SafetensorsWriter.write(weights, all, Map.of());
  }

  @Test
  void nanOrInfiniteWeightsAreRefusedNamingTheTensor() throws IOException {
    Path model = copyOfTinyClip();
    String tensor = "vision_model.encoder.layers.1.mlp.fc2.weight";
    poison(model.resolve("model.safetensors"), tensor, Float.NaN, 7);
    WeightFormatException e =
        assertThrows(WeightFormatException.class, () -> ClipCheckpoint.load(model));
    assertTrue(e.getMessage().contains("'" + tensor + "' holds 1 NaN"), e.getMessage());
    assertTrue(e.getMessage().contains("flat index 7"), e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());

    poison(model.resolve("model.safetensors"), tensor, 0f, 7);
    poison(model.resolve("model.safetensors"), "logit_scale", Float.POSITIVE_INFINITY, 0);
    e = assertThrows(WeightFormatException.class, () -> ClipCheckpoint.load(model));
    assertTrue(e.getMessage().contains("'logit_scale' holds 0 NaN and 1 infinite"), e.getMessage());
  }

  @Test
  void theCacheIdentityFollowsWeightsAndConfigs() throws IOException {
    Path model = copyOfTinyClip();
    Path weights = model.resolve("model.safetensors");
    String first = EmbeddingCache.modelDigest(weights);
    assertEquals(first, EmbeddingCache.modelDigest(weights), "stable");
    Files.writeString(model.resolve("notes.txt"), "not a config");
    assertEquals(first, EmbeddingCache.modelDigest(weights), "other files do not count");
    String config = Files.readString(model.resolve("config.json"));
    Files.writeString(model.resolve("config.json"), config.replace("1e-05", "1e-06"));
    String changedConfig = EmbeddingCache.modelDigest(weights);
    assertNotEquals(first, changedConfig, "config.json changed");
    Files.writeString(model.resolve("preprocessor_config.json"), "{}");
    assertNotEquals(changedConfig, EmbeddingCache.modelDigest(weights), "a new config file");
    Files.writeString(model.resolve("config.json"), config);
    Files.delete(model.resolve("preprocessor_config.json"));
    assertEquals(first, EmbeddingCache.modelDigest(weights), "restored");
    poison(weights, "logit_scale", 2.5f, 0);
    assertNotEquals(first, EmbeddingCache.modelDigest(weights), "weights changed");
  }

  @Test
  void aPickleOnlyClipDirectoryIsRefusedWithTheConversion() throws IOException {
    Path model = copyOfTinyClip();
    Files.move(model.resolve("model.safetensors"), model.resolve("pytorch_model.bin"));
    WeightFormatException e =
        assertThrows(WeightFormatException.class, () -> ClipCheckpoint.load(model));
    assertTrue(
        e.getMessage().startsWith(model.resolve("pytorch_model.bin") + ": a pickle checkpoint"),
        e.getMessage());
    assertTrue(e.getMessage().contains("'model.safetensors'"), e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
  }
}
