package org.fairness4j.models.adapt;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The parameter names of an adapted classifier, shared by the SameDiff ({@link EncoderClassifier})
 * and eager ({@code models.train.EagerVitClassifier}) trainers: {@code head.*} for the head, peft's
 * {@code .lora_} infix for adapter tensors, every other name an encoder weight (checkpoint name).
 */
public final class ParameterNames {
  /** The prefix of the head's parameters and buffers. */
  public static final String HEAD_PREFIX = "head.";

  private ParameterNames() {}

  /**
   * Whether a parameter is an encoder weight: neither the head's nor a LoRA adapter tensor.
   *
   * @param name the parameter's name
   * @return true for an encoder weight
   */
  public static boolean isEncoderWeight(String name) {
    return !name.startsWith(HEAD_PREFIX) && !name.contains(".lora_");
  }

  /**
   * Returns the encoder weights among the parameters, in their order: the live arrays.
   *
   * @param params the classifier's parameters by name
   * @return name to weight (empty when only the head and an adapter train)
   */
  public static Map<String, INDArray> encoderWeights(Map<String, INDArray> params) {
    Map<String, INDArray> m = new LinkedHashMap<>();
    params.forEach(
        (k, v) -> {
          if (isEncoderWeight(k)) {
            m.put(k, v);
          }
        });
    return m;
  }

  /**
   * The learning-rate multiplier of a parameter: 1 for the head and for every parameter under LoRA
   * (the adapter's tensors), {@code encoderLrScale} for encoder weights in full fine-tuning.
   *
   * @param name the parameter's name
   * @param lora whether a LoRA adapter is what trains in the encoder
   * @param encoderLrScale the encoder weights' multiplier
   * @return the multiplier
   */
  public static double learningRateScale(String name, boolean lora, double encoderLrScale) {
    return name.startsWith(HEAD_PREFIX) || lora ? 1.0 : encoderLrScale;
  }
}
