package org.fairness4j.models;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Encodes preprocessed images into embeddings. Implementations hold native memory: close them. */
public interface ImageEncoder extends AutoCloseable {
  /**
   * Encodes a batch of images.
   *
   * @param pixels float32 {@code [batch, channels, height, width]}, already preprocessed
   * @return float32 {@code [batch, embeddingDim()]}, not normalised
   */
  INDArray encode(INDArray pixels);

  /**
   * Returns the embedding size.
   *
   * @return the number of embedding dimensions
   */
  int embeddingDim();

  /**
   * Returns the input image size (height = width) the encoder expects.
   *
   * @return the size in pixels
   */
  int imageSize();

  @Override
  void close();
}
