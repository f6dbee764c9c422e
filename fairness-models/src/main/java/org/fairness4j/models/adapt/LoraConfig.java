package org.fairness4j.models.adapt;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Where and how LoRA adapts an encoder: rank r, scaling α (the update is (α/r)·B·A·x), input
 * dropout, the projections adapted and in which blocks. Immutable.
 *
 * @param rank r, at least 1
 * @param alpha α
 * @param dropout dropout probability on the adapter's input, in [0, 1)
 * @param targets the projections adapted
 * @param blocks transformer block indices adapted; empty means every block
 */
public record LoraConfig(
    int rank, double alpha, double dropout, Set<Target> targets, SortedSet<Integer> blocks) {
  /** A projection LoRA can adapt (CLIP's Hugging Face names). */
  public enum Target {
    /**
     * Query, key and value together, as one fused projection W_qkv [3d, d] (open_clip's {@code
     * in_proj_weight}): one A [r, d] shared, one B [3d, r].
     */
    QKV_FUSED,
    /** {@code q_proj}. */
    Q,
    /** {@code k_proj}. */
    K,
    /** {@code v_proj}. */
    V,
    /** {@code out_proj}. */
    OUT,
    /** {@code mlp.fc1}. */
    FC1,
    /** {@code mlp.fc2}. */
    FC2;

    /**
     * Whether a linear layer's prefix is this projection: in Hugging Face CLIP's names, timm's
     * ({@code attn.proj}, {@code mlp.fc1}, {@code mlp.fc2}) or Hugging Face Swin's (transformers
     * 4.x {@code attention.self.query} ... {@code output.dense}, 5.x {@code attention.q_proj} ...
     * {@code mlp.fc2}); never for QKV_FUSED, which a fused projection asks for itself.
     */
    boolean matches(String layer) {
      if (this == QKV_FUSED) {
        return false;
      }
      if (layer.endsWith(suffix())) {
        return true;
      }
      return switch (this) {
        case Q -> layer.endsWith(".attention.self.query") || layer.endsWith(".attention.q_proj");
        case K -> layer.endsWith(".attention.self.key") || layer.endsWith(".attention.k_proj");
        case V -> layer.endsWith(".attention.self.value") || layer.endsWith(".attention.v_proj");
        case OUT ->
            layer.endsWith(".attn.proj")
                || layer.endsWith(".attention.output.dense")
                || layer.endsWith(".attention.o_proj");
        case FC1 -> layer.endsWith(".intermediate.dense");
        case FC2 -> layer.endsWith(".output.dense") && !layer.endsWith(".attention.output.dense");
        default -> false;
      };
    }

    /** The Hugging Face layer-name suffix of a single projection, or null for QKV_FUSED. */
    String suffix() {
      return switch (this) {
        case Q -> ".self_attn.q_proj";
        case K -> ".self_attn.k_proj";
        case V -> ".self_attn.v_proj";
        case OUT -> ".self_attn.out_proj";
        case FC1 -> ".mlp.fc1";
        case FC2 -> ".mlp.fc2";
        case QKV_FUSED -> null;
      };
    }
  }

  /**
   * Validates and copies.
   *
   * @param rank rank
   * @param alpha alpha
   * @param dropout dropout
   * @param targets targets
   * @param blocks blocks
   */
  public LoraConfig {
    if (rank < 1) {
      throw new IllegalArgumentException("LoRA rank must be at least 1");
    }
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException("LoRA dropout must lie in [0, 1)");
    }
    Objects.requireNonNull(targets);
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("LoRA needs at least one target");
    }
    if (targets.contains(Target.QKV_FUSED)
        && (targets.contains(Target.Q)
            || targets.contains(Target.K)
            || targets.contains(Target.V))) {
      throw new IllegalArgumentException("QKV_FUSED already covers Q, K and V");
    }
    targets = Set.copyOf(EnumSet.copyOf(targets));
    blocks = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(blocks));
  }

  /**
   * The authors' configuration: r 16, α 1, no dropout, on the fused qkv projection of every block.
   *
   * @return the preset
   */
  public static LoraConfig authors() {
    return new LoraConfig(16, 1.0, 0.0, Set.of(Target.QKV_FUSED), new TreeSet<>());
  }

  /**
   * What peft does when it adapts open_clip's {@code nn.MultiheadAttention} (the authors' setup on
   * open_clip models): the fused input projection ({@code in_proj}: one A [r, d], one B [3d, r])
   * and {@code out_proj} of every block, at the authors' r 16 and α 1, no dropout: 73,728 values
   * per ViT-B block, where {@link #authors} trains 49,152.
   *
   * @return the preset
   */
  public static LoraConfig peftMultiheadAttention() {
    return new LoraConfig(16, 1.0, 0.0, Set.of(Target.QKV_FUSED, Target.OUT), new TreeSet<>());
  }

  /**
   * A common configuration: r 8, α 16, dropout 0.1, on the query and value projections of every
   * block.
   *
   * @return the preset
   */
  public static LoraConfig queryValue() {
    return new LoraConfig(8, 16.0, 0.1, Set.of(Target.Q, Target.V), new TreeSet<>());
  }

  /**
   * Returns α / r.
   *
   * @return the scaling of B·A
   */
  public double scaling() {
    return alpha / rank;
  }

  /**
   * Whether a block is adapted.
   *
   * @param block the block index
   * @return true if adapted
   */
  public boolean adapts(int block) {
    return blocks.isEmpty() || blocks.contains(block);
  }

  /**
   * The number of trainable adapter parameters on a ViT of this shape: Σ r·(in + out) over the
   * adapted projections of the adapted blocks.
   *
   * @param layers blocks in the encoder
   * @param width model width d
   * @param intermediate MLP width
   * @return the parameter count, e.g. 589,824 for the authors' preset on ViT-B/16 (12·16·(768 +
   *     2304))
   */
  public long parameterCount(int layers, long width, long intermediate) {
    long perBlock = 0;
    for (Target t : targets) {
      perBlock +=
          switch (t) {
            case QKV_FUSED -> rank * (width + 3 * width);
            case Q, K, V, OUT -> rank * (width + width);
            case FC1, FC2 -> rank * (width + intermediate);
          };
    }
    long adapted = 0;
    for (int b = 0; b < layers; b++) {
      adapted += adapts(b) ? 1 : 0;
    }
    return adapted * perBlock;
  }
}
