package org.fairness4j.models.clip;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The building blocks of CLIP's pre-LayerNorm transformers in SameDiff, with Hugging Face weight
 * names. LayerNorm is composed from mean and variance (SameDiff's own layerNorm did not match
 * PyTorch's epsilon handling in 1.0.0-M2.1).
 */
final class TransformerOps {
  private final SameDiff sd;
  private final WeightSet weights;
  private final ClipConfig.Tower tower;
  private final int tokens;
  private int counter;

  TransformerOps(SameDiff sd, WeightSet weights, ClipConfig.Tower tower, int tokens) {
    this.sd = sd;
    this.weights = weights;
    this.tower = tower;
    this.tokens = tokens;
  }

  private String name(String base) {
    return base + "_" + (counter++);
  }

  SDVariable constant(String name, INDArray value) {
    return sd.constant(name(name.replace('.', '_')), value);
  }

  /** LayerNorm over the last dimension of a rank-3 [batch, tokens, width] variable. */
  SDVariable layerNorm(SDVariable x, String prefix) {
    return layerNorm(x, prefix, 2);
  }

  /** LayerNorm over dimension {@code last}, the last dimension of {@code x}. */
  SDVariable layerNorm(SDVariable x, String prefix, int last) {
    long d = tower.hiddenSize();
    SDVariable g = constant(prefix + ".weight", weights.take(prefix + ".weight", d));
    SDVariable b = constant(prefix + ".bias", weights.take(prefix + ".bias", d));
    SDVariable mean = x.mean(true, last);
    SDVariable centred = x.sub(mean);
    SDVariable variance = centred.mul(centred).mean(true, last);
    SDVariable inv = sd.math().rsqrt(variance.add(tower.layerNormEps()));
    return centred.mul(inv).mul(g).add(b);
  }

  /** y = x W^T + b for x [batch, tokens, in]; W [out, in] as in PyTorch. */
  SDVariable linear(SDVariable x, String prefix, long in, long out, boolean bias) {
    INDArray w = weights.take(prefix + ".weight", out, in);
    SDVariable wt = constant(prefix + ".weightT", w.transpose().dup('c'));
    SDVariable flat = sd.reshape(x, -1, in);
    SDVariable y = sd.mmul(flat, wt);
    if (bias) {
      y = y.add(constant(prefix + ".bias", weights.take(prefix + ".bias", out)));
    }
    return sd.reshape(y, -1, tokens, out);
  }

  /** Multi-head self-attention; {@code mask} [tokens, tokens] is added to the scores, or null. */
  SDVariable attention(SDVariable x, String prefix, SDVariable mask) {
    long d = tower.hiddenSize();
    int h = tower.heads();
    long hd = d / h;
    SDVariable q = heads(linear(x, prefix + ".q_proj", d, d, true).mul(1.0 / Math.sqrt(hd)), h, hd);
    SDVariable k = heads(linear(x, prefix + ".k_proj", d, d, true), h, hd);
    SDVariable v = heads(linear(x, prefix + ".v_proj", d, d, true), h, hd);
    SDVariable scores = sd.mmul(q, k, false, true, false);
    if (mask != null) {
      scores = scores.add(mask);
    }
    SDVariable probs = sd.nn().softmax(scores, 2);
    SDVariable ctx = sd.mmul(probs, v);
    SDVariable merged =
        sd.reshape(sd.permute(sd.reshape(ctx, -1, h, tokens, hd), 0, 2, 1, 3), -1, tokens, d);
    return linear(merged, prefix + ".out_proj", d, d, true);
  }

  /** [batch, tokens, d] to [batch*heads, tokens, hd]. */
  private SDVariable heads(SDVariable x, int h, long hd) {
    SDVariable split = sd.reshape(x, -1, tokens, h, hd);
    return sd.reshape(sd.permute(split, 0, 2, 1, 3), -1, tokens, hd);
  }

  /** fc1, quick-GELU x·sigmoid(1.702x), fc2. */
  SDVariable mlp(SDVariable x, String prefix) {
    long d = tower.hiddenSize();
    long m = tower.intermediateSize();
    SDVariable hidden = linear(x, prefix + ".fc1", d, m, true);
    SDVariable act = hidden.mul(sd.nn().sigmoid(hidden.mul(1.702)));
    return linear(act, prefix + ".fc2", m, d, true);
  }

  /** The encoder's residual blocks. */
  SDVariable blocks(SDVariable x, String prefix, SDVariable mask) {
    SDVariable h = x;
    for (int l = 0; l < tower.layers(); l++) {
      String p = prefix + ".layers." + l;
      h = h.add(attention(layerNorm(h, p + ".layer_norm1"), p + ".self_attn", mask));
      h = h.add(mlp(layerNorm(h, p + ".layer_norm2"), p + ".mlp"));
    }
    return h;
  }
}
