package org.fairness4j.models.weights;

import java.nio.file.Path;

/**
 * Finds NaN and infinite values in a tensor read from a weight file, so that every reader (model
 * checkpoints, peft adapters, training checkpoints) refuses corrupt weights with the same message.
 */
public final class NonFiniteValues {
  private NonFiniteValues() {}

  /**
   * Describes the non-finite values of a tensor.
   *
   * @param tensor the tensor's name
   * @param data its values
   * @return {@code tensor 'NAME' holds A NaN and B infinite values (first at flat index I)}, or
   *     null if every value is finite
   */
  public static String describe(String tensor, float[] data) {
    int nan = 0;
    int inf = 0;
    int first = -1;
    for (int i = 0; i < data.length; i++) {
      if (!Float.isFinite(data[i])) {
        if (Float.isNaN(data[i])) {
          nan++;
        } else {
          inf++;
        }
        if (first < 0) {
          first = i;
        }
      }
    }
    return first < 0
        ? null
        : "tensor '"
            + tensor
            + "' holds "
            + nan
            + " NaN and "
            + inf
            + " infinite values (first at flat index "
            + first
            + ")";
  }

  /**
   * Throws if a tensor holds NaN or infinite values.
   *
   * @param file the file the tensor was read from
   * @param tensor the tensor's name
   * @param data its values
   * @throws WeightFormatException naming the file, the tensor and the first bad index
   */
  public static void require(Path file, String tensor, float[] data) throws WeightFormatException {
    String problem = describe(tensor, data);
    if (problem != null) {
      throw new WeightFormatException(file, problem);
    }
  }
}
