package org.fairness4j.models.nn;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * How an encoder graph is changed for training: which imported weights become trainable variables
 * (full fine-tuning) and which linear layers get an extra term (LoRA). {@link #NONE} changes
 * nothing: every weight is a constant, as for inference.
 */
public interface GraphAdaptation {
  /** No change: all weights constant, no extra terms. */
  GraphAdaptation NONE = new GraphAdaptation() {};

  /**
   * Whether an imported weight becomes a trainable variable.
   *
   * @param weightName the weight's checkpoint name
   * @return true to train it
   */
  default boolean trainable(String weightName) {
    return false;
  }

  /**
   * Returns a term added to a linear layer's output, or null.
   *
   * @param sd the graph
   * @param prefix the layer's weight prefix, e.g. {@code vision_model.encoder.layers.0.mlp.fc1}
   * @param input the layer's input flattened to [rows, in]
   * @param in input width
   * @param out output width
   * @return [rows, out] or null
   */
  default SDVariable linearDelta(SameDiff sd, String prefix, SDVariable input, long in, long out) {
    return null;
  }

  /**
   * Returns a term added to the concatenated query, key and value projections of an attention block
   * (a LoRA on a fused qkv projection), or null.
   *
   * @param sd the graph
   * @param prefix the attention block's prefix, e.g. {@code
   *     vision_model.encoder.layers.0.self_attn}
   * @param input the block's input flattened to [rows, width]
   * @param width model width d
   * @return [rows, 3d] (query, key, value in that order) or null
   */
  default SDVariable qkvDelta(SameDiff sd, String prefix, SDVariable input, long width) {
    return null;
  }
}
