package org.fairness4j.models.clip;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fairness4j.models.weights.SafetensorsFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Parity with PyTorch at the real ViT-B/16 and CLIP text-transformer shapes (random weights, about
 * 600 MB, too large to commit). Generate the directory, then run the slow suite:
 *
 * <pre>
 * /tmp/pyenv/bin/python tools/make_clip_fixture.py --shape b16 --out /tmp/clip-b16
 * FAIRNESS4J_CLIP_B16=/tmp/clip-b16 mvn -B verify -Pslow -pl fairness-models -am
 * </pre>
 */
@Tag("slow")
class ClipRealShapeParityTest {
  @Test
  void vitB16AndTextTransformerEqualPyTorch() throws IOException {
    String dir = System.getenv("FAIRNESS4J_CLIP_B16");
    assumeTrue(
        dir != null && Files.isDirectory(Path.of(dir)),
        "set FAIRNESS4J_CLIP_B16 to a directory made by tools/make_clip_fixture.py --shape b16");
    try (ClipCheckpoint model = ClipCheckpoint.load(Path.of(dir));
        SafetensorsFile ref = SafetensorsFile.open(Path.of(dir, "reference.safetensors"))) {
      INDArray pixels = Nd4j.create(ref.floats("pixel_values"), ref.shape("pixel_values"), 'c');
      ClipParityTest.assertClose(
          Nd4j.create(ref.floats("image_embeds"), ref.shape("image_embeds"), 'c'),
          model.imageEncoder().encode(pixels));
      int[] flat = ref.ints("input_ids");
      long[] shape = ref.shape("input_ids");
      int[][] ids = new int[(int) shape[0]][(int) shape[1]];
      for (int r = 0; r < ids.length; r++) {
        System.arraycopy(flat, r * ids[0].length, ids[r], 0, ids[0].length);
      }
      ClipParityTest.assertClose(
          Nd4j.create(ref.floats("text_embeds"), ref.shape("text_embeds"), 'c'),
          model.textEncoder().encode(ids));
    }
  }
}
