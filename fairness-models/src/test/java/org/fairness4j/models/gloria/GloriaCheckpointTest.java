package org.fairness4j.models.gloria;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.fairness4j.models.TestFixtures;
import org.fairness4j.models.VisionLanguageCheckpoint;
import org.fairness4j.models.weights.SafetensorsFile;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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

  private static double maxAbs(INDArray a, INDArray b) {
    return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
  }

  @Test
  void globalImageAndSentenceEmbeddingsEqualGloriasDefinition() throws IOException {
    try (SafetensorsFile ref = SafetensorsFile.open(dir().resolve("reference.safetensors"));
        VisionLanguageCheckpoint m = VisionLanguageCheckpoint.load(dir())) {
      assertTrue(m instanceof GloriaCheckpoint);
      INDArray pixels = Nd4j.create(ref.floats("pixels"), ref.shape("pixels"), 'c');
      double di =
          maxAbs(
              Nd4j.create(ref.floats("image_features"), ref.shape("image_features"), 'c'),
              m.imageEncoder().encode(pixels));
      assertTrue(di < 1e-5, "image features differ by " + di);
      long[] s = ref.shape("token_ids");
      int[] flat = ref.ints("token_ids");
      int[][] ids = new int[(int) s[0]][(int) s[1]];
      for (int r = 0; r < s[0]; r++) {
        System.arraycopy(flat, (int) (r * s[1]), ids[r], 0, (int) s[1]);
      }
      double dt =
          maxAbs(
              Nd4j.create(ref.floats("text_features"), ref.shape("text_features"), 'c'),
              m.textEncoder().encode(ids));
      assertTrue(dt < 1e-5, "sentence embeddings differ by " + dt);
      assertEquals(10.0, m.logitScale());
      assertFalse(VisionLanguageCheckpoint.encoderTrainable(dir()));
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
