package org.fairness4j.models.adapt;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A classifier the {@link AdaptationTrainer} can train: a head on embeddings, or an encoder with a
 * head (LoRA or full fine-tuning). Parameters are updated in place by the optimizer.
 */
public interface TrainableClassifier {
  /**
   * The result of one forward and backward pass in training mode.
   *
   * @param loss mean cross-entropy of the batch
   * @param gradients parameter name to gradient
   */
  record Step(double loss, Map<String, INDArray> gradients) {}

  /**
   * Returns the trainable parameters by name: the live arrays, updated in place.
   *
   * @return the parameters
   */
  Map<String, INDArray> parameters();

  /**
   * Returns non-trainable state that a checkpoint must keep (e.g. BatchNorm running statistics):
   * the live arrays.
   *
   * @return the buffers, possibly empty
   */
  Map<String, INDArray> buffers();

  /**
   * Runs a batch in training mode and returns its loss and gradients; updates buffers (running
   * statistics) as PyTorch's training mode does.
   *
   * @param input a batch of inputs
   * @param labels one-hot labels [batch, classes]
   * @param seed seed of this step's random choices (dropout masks)
   * @return loss and gradients
   */
  Step trainStep(INDArray input, INDArray labels, long seed);

  /**
   * Returns class probabilities in evaluation mode (no dropout, running statistics).
   *
   * @param input a batch of inputs
   * @return probabilities [batch, classes]
   */
  INDArray probabilities(INDArray input);

  /**
   * Returns the raw outputs (logits) and the class probabilities (their softmax) in evaluation
   * mode, from one pass.
   *
   * @param input a batch of inputs
   * @return {@code {logits, probabilities}}, each [batch, classes]
   */
  INDArray[] logitsAndProbabilities(INDArray input);

  /**
   * Returns the number of classes.
   *
   * @return classes
   */
  int classes();

  /**
   * Returns a learning-rate multiplier per parameter (default 1 for all), e.g. a lower rate for
   * encoder weights during full fine-tuning.
   *
   * @param parameter a parameter name
   * @return the multiplier
   */
  default double learningRateScale(String parameter) {
    return 1.0;
  }
}
