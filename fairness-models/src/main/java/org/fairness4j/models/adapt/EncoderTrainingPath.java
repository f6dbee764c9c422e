package org.fairness4j.models.adapt;

import java.util.Locale;
import org.fairness4j.models.nn.CpuBlas;

/**
 * How an encoder is trained (LoRA, full fine-tuning): eagerly on host arrays with a hand-written
 * backward pass ({@link org.fairness4j.models.train.EagerVitClassifier}, ND4J's CPU backend), or as
 * a SameDiff graph ({@link EncoderClassifier}, every backend, CUDA included).
 */
public enum EncoderTrainingPath {
  /** Eager forward and hand-written backward on host arrays; CPU backend only. */
  EAGER,
  /** SameDiff's graph and automatic differentiation. */
  GRAPH;

  /**
   * The path this JVM uses unless told otherwise: eager where ND4J's CPU backend is loaded, the
   * graph elsewhere.
   *
   * @return the default path
   */
  public static EncoderTrainingPath defaultPath() {
    return CpuBlas.available() ? EAGER : GRAPH;
  }

  /**
   * Parses {@code eager} or {@code graph} (any case).
   *
   * @param name the name
   * @return the path
   * @throws IllegalArgumentException naming the accepted values
   */
  public static EncoderTrainingPath parse(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "eager" -> EAGER;
      case "graph" -> GRAPH;
      default -> throw new IllegalArgumentException("trainer must be eager or graph, got " + name);
    };
  }
}
