package org.fairness4j.models.clip;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.fairness4j.models.weights.SafetensorsFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The folded inference graph (TransformerOps.clipBlocks) equals PyTorch whichever quick-GELU form
 * it uses — h·sigmoid(h) or h·(1 + tanh(h)) with libnd4j's declarable tanh — on the tiny CLIP of
 * {@code clip-tiny/} (tools/make_clip_fixture.py, torch 2.13.0+cpu, transformers 5.18.0), images
 * and the causal-masked text tower.
 */
class ClipFoldedGraphTest {
  private static final double TOLERANCE = 1e-5;

  @ParameterizedTest
  @ValueSource(strings = {"sigmoid", "tanh"})
  void bothQuickGeluFormsEqualPyTorch(String form) throws IOException {
    Path dir = ClipParityTest.fixture("config.json").getParent();
    String before = System.getProperty("fairness4j.quickGelu");
    System.setProperty("fairness4j.quickGelu", form);
    try (ClipCheckpoint model = ClipCheckpoint.load(dir);
        SafetensorsFile ref =
            SafetensorsFile.open(ClipParityTest.fixture("reference.safetensors"))) {
      INDArray images = model.imageEncoder().encode(array(ref, "pixel_values"));
      assertClose(array(ref, "image_embeds"), images, form + " image");
      int[] flat = ref.ints("input_ids");
      long[] shape = ref.shape("input_ids");
      int[][] ids = new int[(int) shape[0]][(int) shape[1]];
      for (int r = 0; r < ids.length; r++) {
        System.arraycopy(flat, r * ids[0].length, ids[r], 0, ids[0].length);
      }
      assertClose(array(ref, "text_embeds"), model.textEncoder().encode(ids), form + " text");
    } finally {
      if (before == null) {
        System.clearProperty("fairness4j.quickGelu");
      } else {
        System.setProperty("fairness4j.quickGelu", before);
      }
    }
  }

  private static INDArray array(SafetensorsFile f, String name) {
    return Nd4j.create(f.floats(name), f.shape(name), 'c');
  }

  private static void assertClose(INDArray want, INDArray got, String what) {
    double max =
        want.castTo(DataType.DOUBLE).sub(got.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    assertTrue(max < TOLERANCE, what + ": max |difference| " + max);
  }
}
