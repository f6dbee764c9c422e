package org.fairness4j.models;

import java.io.IOException;
import java.nio.file.Path;
import org.fairness4j.models.weights.SafetensorsFile;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Compares a loaded model with the reference file its fixture script wrote: {@code pixels} → {@code
 * image_features}, {@code token_ids} → {@code text_features}.
 */
public final class FeatureParity {
  private FeatureParity() {}

  /** Largest absolute difference of two arrays, in double. */
  public static double maxAbs(INDArray a, INDArray b) {
    return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
  }

  /**
   * Returns the largest differences {image, text} of the model against the reference file.
   *
   * @param m the model
   * @param reference {@code reference.safetensors}
   * @return {image, text}
   * @throws IOException if the reference cannot be read
   */
  public static double[] of(VisionLanguageCheckpoint m, Path reference) throws IOException {
    try (SafetensorsFile ref = SafetensorsFile.open(reference)) {
      INDArray pixels = Nd4j.create(ref.floats("pixels"), ref.shape("pixels"), 'c');
      double di =
          maxAbs(
              Nd4j.create(ref.floats("image_features"), ref.shape("image_features"), 'c'),
              m.imageEncoder().encode(pixels));
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
      return new double[] {di, dt};
    }
  }

  /**
   * Loads a model directory and compares it with its {@code reference.safetensors}.
   *
   * @param dir the model directory
   * @return {image, text}
   * @throws IOException if a file cannot be read
   */
  public static double[] of(Path dir) throws IOException {
    try (VisionLanguageCheckpoint m = VisionLanguageCheckpoint.load(dir)) {
      return of(m, dir.resolve("reference.safetensors"));
    }
  }
}
