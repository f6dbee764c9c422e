package org.fairness4j.models.adapt;

import java.util.Locale;

/** How a CLIP image encoder is adapted to a classification task. */
public enum AdaptationStrategy {
  /** The authors' linear probe on frozen, cached embeddings: Linear(emb → 1024) → Linear(→ C). */
  LINEAR_PROBE("linear-probe"),
  /** A single Linear(emb → C) on frozen, cached embeddings. */
  LINEAR("linear"),
  /** The authors' MLP head on frozen, cached embeddings: Linear → BatchNorm → ReLU → Linear. */
  MLP("mlp"),
  /** LoRA adapters in the encoder plus a head, trained end to end on images. */
  LORA("lora"),
  /** Every encoder weight plus a head, trained end to end on images. */
  FULL("full");

  private final String key;

  AdaptationStrategy(String key) {
    this.key = key;
  }

  /**
   * Returns the command-line name, e.g. {@code linear-probe}.
   *
   * @return the key
   */
  public String key() {
    return key;
  }

  /**
   * Whether the encoder stays frozen (so cached embeddings suffice).
   *
   * @return true for the head-only strategies
   */
  public boolean frozenEncoder() {
    return this == LINEAR_PROBE || this == LINEAR || this == MLP;
  }

  /**
   * The head trained on embeddings (frozen strategies) or by default on the encoder.
   *
   * @return the head
   */
  public ClassifierHead.Kind defaultHead() {
    return switch (this) {
      case LINEAR_PROBE -> ClassifierHead.Kind.LINEAR_HIDDEN;
      case MLP -> ClassifierHead.Kind.MLP;
      default -> ClassifierHead.Kind.LINEAR;
    };
  }

  /**
   * Parses a command-line name.
   *
   * @param key e.g. {@code lora}
   * @return the strategy
   * @throws IllegalArgumentException listing the names if unknown
   */
  public static AdaptationStrategy parse(String key) {
    String k = key.strip().toLowerCase(Locale.ROOT);
    for (AdaptationStrategy s : values()) {
      if (s.key.equals(k)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown strategy '" + key + "'; use linear-probe, linear, mlp, lora or full");
  }
}
