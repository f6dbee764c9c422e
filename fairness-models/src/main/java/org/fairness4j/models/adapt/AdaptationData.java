package org.fairness4j.models.adapt;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Labelled examples for training or validation: cached embeddings, or images loaded (and, in
 * training, augmented) batch by batch.
 */
public interface AdaptationData {
  /**
   * Returns the number of examples.
   *
   * @return the size
   */
  int size();

  /**
   * Returns an example's class index.
   *
   * @param row the example
   * @return its class
   */
  int label(int row);

  /**
   * Returns the inputs of some examples, stacked in the order given.
   *
   * @param rows example indices
   * @param training whether this batch is for a training step (augmentation may apply)
   * @param seed seed of this batch's random augmentation
   * @return the batch
   */
  INDArray inputs(int[] rows, boolean training, long seed);

  /**
   * Wraps an in-memory array (e.g. cached embeddings [n, dim]) and its labels.
   *
   * @param inputs examples along the first dimension
   * @param labels one class index per example
   * @return the data
   * @throws IllegalArgumentException if the sizes differ or a label is negative
   */
  static AdaptationData ofArrays(INDArray inputs, int[] labels) {
    if (inputs.size(0) != labels.length) {
      throw new IllegalArgumentException(
          inputs.size(0) + " inputs but " + labels.length + " labels");
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0) {
        throw new IllegalArgumentException("row " + i + ": negative label " + labels[i]);
      }
    }
    int[] copy = labels.clone();
    return new AdaptationData() {
      @Override
      public int size() {
        return copy.length;
      }

      @Override
      public int label(int row) {
        return copy[row];
      }

      @Override
      public INDArray inputs(int[] rows, boolean training, long seed) {
        long[] idx = new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
          idx[i] = rows[i];
        }
        return inputs.get(NDArrayIndex.indices(idx)).dup('c');
      }
    };
  }
}
