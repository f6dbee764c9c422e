package org.fairness4j.models.clip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.fairness4j.models.weights.SafetensorsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Contrastive pretraining of a tiny CLIP on two separable kinds of image–text pairs: the loss
 * falls, the same seed gives the same losses, and the saved model has every tensor the CLIP loader
 * reads.
 */
class ClipPretrainerTest {
  @TempDir Path dir;

  private static final ClipConfig CONFIG =
      new ClipConfig(
          new ClipConfig.Tower(16, 32, 1, 2, "quick_gelu", 1e-5, 8, 50, 49, 0),
          new ClipConfig.Tower(16, 32, 1, 2, "quick_gelu", 1e-5, 16, 8, 0, 3),
          8);

  private static Object[] pairs(int n) {
    Random r = new Random(3);
    float[] px = new float[n * 3 * 16 * 16];
    int[][] ids = new int[n][];
    int[] classes = new int[n];
    for (int i = 0; i < n; i++) {
      int c = i % 2;
      classes[i] = c;
      for (int k = 0; k < 3 * 16 * 16; k++) {
        int y = (k % 256) / 16;
        px[i * 768 + k] =
            (float) ((c == 0 ? (y < 8 ? 1 : -1) : (y < 8 ? -1 : 1)) + r.nextGaussian());
      }
      ids[i] = new int[] {48, c == 0 ? 10 : 20, 30 + r.nextInt(5), 49, 49, 49, 49, 49};
    }
    return new Object[] {Nd4j.create(px, new long[] {n, 3, 16, 16}, 'c'), ids, classes};
  }

  @Test
  void lossFallsIsReproducibleAndTheSavedModelIsComplete() throws IOException {
    Object[] p = pairs(128);
    ClipPretrainer a = new ClipPretrainer(CONFIG, 7);
    List<Double> losses = a.train((INDArray) p[0], (int[][]) p[1], (int[]) p[2], 20, 32, 5e-4, 1);
    assertEquals(20, losses.size());
    // uniform similarities give ln 32 = 3.47; the soft-target optimum is ln 16 = 2.77
    assertTrue(losses.get(19) < losses.get(0) - 0.1, "losses " + losses);
    Object[] q = pairs(64);
    assertEquals(
        new ClipPretrainer(CONFIG, 7)
            .train((INDArray) q[0], (int[][]) q[1], (int[]) q[2], 2, 32, 5e-4, 1),
        new ClipPretrainer(CONFIG, 7)
            .train((INDArray) q[0], (int[][]) q[1], (int[]) q[2], 2, 32, 5e-4, 1));
    a.save(dir, 48);
    try (SafetensorsFile f = SafetensorsFile.open(dir.resolve("model.safetensors"))) {
      List<String> names = f.names();
      assertTrue(names.contains("logit_scale"), names.toString());
      assertTrue(names.contains("text_projection.weight"));
      assertTrue(names.contains("visual_projection.weight"));
      assertTrue(names.contains("text_model.embeddings.token_embedding.weight"));
    }
    assertTrue(java.nio.file.Files.readString(dir.resolve("config.json")).contains("\"clip\""));
  }
}
