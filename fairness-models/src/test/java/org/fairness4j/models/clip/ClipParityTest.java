package org.fairness4j.models.clip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.fairness4j.models.TestFixtures;
import org.fairness4j.models.weights.SafetensorsFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The SameDiff CLIP equals PyTorch on the same random weights: the tiny CLIPModel of {@code
 * clip-tiny/} and its outputs, written by {@code tools/make_clip_fixture.py} (torch 2.13.0+cpu,
 * transformers 5.18.0).
 */
class ClipParityTest {
  private static final double TOLERANCE = 1e-4;
  private static ClipCheckpoint model;
  private static SafetensorsFile reference;

  static Path fixture(String name) {
    return TestFixtures.path("/clip-tiny/" + name);
  }

  @BeforeAll
  static void load() throws IOException {
    model = ClipCheckpoint.load(fixture("config.json").getParent());
    reference = SafetensorsFile.open(fixture("reference.safetensors"));
  }

  @AfterAll
  static void close() throws IOException {
    model.close();
    reference.close();
  }

  private static INDArray ref(String name) {
    return Nd4j.create(reference.floats(name), reference.shape(name), 'c');
  }

  @Test
  void imageEmbeddingsEqualPyTorch() {
    INDArray got = model.imageEncoder().encode(ref("pixel_values"));
    assertClose(ref("image_embeds"), got);
  }

  @Test
  void textEmbeddingsEqualPyTorch() {
    int[] flat = reference.ints("input_ids");
    long[] shape = reference.shape("input_ids");
    int[][] ids = new int[(int) shape[0]][(int) shape[1]];
    for (int r = 0; r < ids.length; r++) {
      System.arraycopy(flat, r * ids[0].length, ids[r], 0, ids[0].length);
    }
    assertClose(ref("text_embeds"), model.textEncoder().encode(ids));
  }

  @Test
  void logitScaleIsTheExponentOfTheStoredValue() {
    assertEquals(Math.exp(2.6592), model.logitScale(), 1e-5);
  }

  static void assertClose(INDArray want, INDArray got) {
    assertArrayEquals(want.shape(), got.shape());
    double max = Transforms.maxAbsDiff(want, got);
    assertTrue(max < TOLERANCE, "max |difference| " + max);
  }

  /** Small helpers on arrays. */
  static final class Transforms {
    static double maxAbsDiff(INDArray a, INDArray b) {
      return a.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)
          .sub(b.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE))
          .amaxNumber()
          .doubleValue();
    }
  }
}
