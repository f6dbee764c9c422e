package org.fairness4j.models.gloria;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.fairness4j.models.TestFixtures;
import org.fairness4j.models.VisionLanguageCheckpoint;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * GLoRIA's global branch equals its definition in PyTorch on a tiny random model of its layout
 * (tools/make_gloria_fixture.py: torch 2.13.0+cpu, transformers 5.18.0): bilinear upsampling to 299
 * with aligned corners, the ResNet and the global embedder; the last four BERT layers with word
 * pieces merged, zero padding, the mean over positions and the sum over layers.
 */
class GloriaCheckpointTest {
  static Path dir() {
    return TestFixtures.path("/gloria-tiny/gloria_config.json").getParent();
  }

  @Test
  void globalImageAndSentenceEmbeddingsEqualGloriasDefinition() throws IOException {
    double[] d = org.fairness4j.models.FeatureParity.of(dir());
    assertTrue(d[0] < 1e-5, "image features differ by " + d[0]);
    assertTrue(d[1] < 1e-5, "sentence embeddings differ by " + d[1]);
    try (VisionLanguageCheckpoint m = VisionLanguageCheckpoint.load(dir())) {
      assertTrue(m instanceof GloriaCheckpoint);
      assertEquals(10.0, m.logitScale());
    }
  }

  /** The interpolation rows sum to one and hit the corners exactly (align_corners=True). */
  @Test
  void bilinearWeightsAlignTheCorners() {
    INDArray a = GloriaCheckpoint.bilinearAlignCorners(32, 299);
    for (int i = 0; i < 299; i++) {
      assertEquals(1.0, a.getRow(i).sumNumber().doubleValue(), 1e-6);
    }
    assertEquals(1.0, a.getDouble(0, 0), 0);
    assertEquals(1.0, a.getDouble(298, 31), 0);
  }
}
