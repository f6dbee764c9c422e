package org.fairness4j.models.clip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.fairness4j.models.nn.EagerPreLnBlocks;
import org.fairness4j.models.weights.SafetensorsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every inference form equals PyTorch: the eager CPU path (EagerPreLnBlocks) and the folded
 * SameDiff graph (TransformerOps.clipBlocks), each with either quick-GELU form — h·sigmoid(h) or
 * h·(1 + tanh(h)) with libnd4j's declarable tanh — on the tiny CLIP of {@code clip-tiny/}
 * (tools/make_clip_fixture.py, torch 2.13.0+cpu, transformers 5.18.0), images and the causal-masked
 * text tower.
 */
class ClipInferenceFormsTest {
  private static final double TOLERANCE = 1e-5;

  @ParameterizedTest
  @CsvSource({"eager, sigmoid", "eager, tanh", "graph, sigmoid", "graph, tanh"})
  void everyInferenceFormEqualsPyTorch(String inference, String form) throws IOException {
    Path dir = ClipParityTest.fixture("config.json").getParent();
    String beforeForm = System.getProperty("fairness4j.quickGelu");
    String beforeInference = System.getProperty(EagerPreLnBlocks.INFERENCE_PROPERTY);
    System.setProperty("fairness4j.quickGelu", form);
    System.setProperty(EagerPreLnBlocks.INFERENCE_PROPERTY, inference);
    try (ClipCheckpoint model = ClipCheckpoint.load(dir);
        SafetensorsFile ref =
            SafetensorsFile.open(ClipParityTest.fixture("reference.safetensors"))) {
      boolean eager = inference.equals("eager") && EagerPreLnBlocks.supported();
      assertEquals(eager, model.imageEncoder().isEager(), "image encoder form");
      assertEquals(eager, model.textEncoder().isEager(), "text encoder form");
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
      restore("fairness4j.quickGelu", beforeForm);
      restore(EagerPreLnBlocks.INFERENCE_PROPERTY, beforeInference);
    }
  }

  @Test
  void anUnknownInferenceFormIsRefused() {
    String before = System.getProperty(EagerPreLnBlocks.INFERENCE_PROPERTY);
    System.setProperty(EagerPreLnBlocks.INFERENCE_PROPERTY, "fast");
    try {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> ClipCheckpoint.load(ClipParityTest.fixture("config.json").getParent()));
      assertTrue(e.getMessage().contains("eager or graph"), e.getMessage());
    } finally {
      restore(EagerPreLnBlocks.INFERENCE_PROPERTY, before);
    }
  }

  private static void restore(String property, String value) {
    if (value == null) {
      System.clearProperty(property);
    } else {
      System.setProperty(property, value);
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
