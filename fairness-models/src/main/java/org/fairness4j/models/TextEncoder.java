package org.fairness4j.models;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Encodes tokenized text into embeddings. Implementations hold native memory: close them. */
public interface TextEncoder extends AutoCloseable {
  /**
   * Encodes a batch of token sequences.
   *
   * @param tokenIds one row per text, each exactly {@link #contextLength()} ids (padded), with the
   *     end-of-text token marking where the text ends
   * @return float32 {@code [batch, embeddingDim()]}, not normalised
   */
  INDArray encode(int[][] tokenIds);

  /**
   * Returns the embedding size.
   *
   * @return the number of embedding dimensions
   */
  int embeddingDim();

  /**
   * Returns the number of token positions per text.
   *
   * @return the context length
   */
  int contextLength();

  @Override
  void close();
}
