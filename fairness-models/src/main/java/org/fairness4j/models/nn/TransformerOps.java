package org.fairness4j.models.nn;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Transformer building blocks in SameDiff with weights taken by their Hugging Face names: LayerNorm
 * (composed from mean and variance: SameDiff's own layerNorm did not match PyTorch's epsilon
 * handling in 1.0.0-M2.1), linear layers, multi-head self-attention, quick-GELU and exact-GELU
 * MLPs. Internal to the model loaders.
 */
public final class TransformerOps {
  // package-private for FoldedClipBlock
  final SameDiff sd;
  final WeightSet weights;
  final long hidden;
  final int heads;
  final long intermediate;
  final double eps;
  private final int tokens;
  private GraphAdaptation adaptation = GraphAdaptation.NONE;
  private final java.util.Map<String, SDVariable> trainable = new java.util.LinkedHashMap<>();
  private int counter;

  /**
   * Creates the builder for one graph.
   *
   * @param sd the graph
   * @param weights where weights come from
   * @param hidden model width
   * @param heads attention heads
   * @param intermediate MLP width
   * @param eps LayerNorm epsilon
   * @param tokens sequence length
   */
  public TransformerOps(
      SameDiff sd,
      WeightSet weights,
      long hidden,
      int heads,
      long intermediate,
      double eps,
      int tokens) {
    this.sd = sd;
    this.weights = weights;
    this.hidden = hidden;
    this.heads = heads;
    this.intermediate = intermediate;
    this.eps = eps;
    this.tokens = tokens;
  }

  /**
   * Sets how the graph is adapted for training (default {@link GraphAdaptation#NONE}); call before
   * building.
   *
   * @param adaptation the adaptation
   * @return this
   */
  public TransformerOps adapt(GraphAdaptation adaptation) {
    this.adaptation = java.util.Objects.requireNonNull(adaptation);
    return this;
  }

  /**
   * Returns the imported weights made trainable so far, by checkpoint name (their arrays are the
   * live values, in the checkpoint's layout).
   *
   * @return name to variable
   */
  public java.util.Map<String, SDVariable> trainableWeights() {
    return java.util.Collections.unmodifiableMap(trainable);
  }

  /**
   * Returns an imported weight in the checkpoint's layout: a trainable variable when the adaptation
   * says so, a constant otherwise.
   *
   * @param name checkpoint name
   * @param shape expected shape
   * @return the variable
   */
  public SDVariable weight(String name, long... shape) {
    INDArray value = weights.take(name, shape);
    return adaptation.trainable(name) ? variable(name, value) : constant(name, value);
  }

  /**
   * Whether an imported weight is trainable under the current adaptation.
   *
   * @param name checkpoint name
   * @return true if trainable
   */
  public boolean isTrainable(String name) {
    return adaptation.trainable(name);
  }

  private SDVariable variable(String name, INDArray value) {
    SDVariable v = sd.var(name(name.replace('.', '_')), value);
    trainable.put(name, v);
    return v;
  }

  private String name(String base) {
    return base + "_" + (counter++);
  }

  /**
   * Adds a constant with a unique name.
   *
   * @param name base name
   * @param value the value
   * @return the variable
   */
  public SDVariable constant(String name, INDArray value) {
    return sd.constant(name(name.replace('.', '_')), value);
  }

  /**
   * LayerNorm over the last dimension of a rank-3 [batch, tokens, width] variable.
   *
   * @param x input
   * @param prefix weight name prefix ({@code .weight}, {@code .bias})
   * @return output
   */
  public SDVariable layerNorm(SDVariable x, String prefix) {
    return layerNorm(x, prefix, 2);
  }

  /**
   * LayerNorm over dimension {@code last}, the last dimension of {@code x}.
   *
   * @param x input
   * @param prefix weight name prefix
   * @param last the last dimension's index
   * @return output
   */
  public SDVariable layerNorm(SDVariable x, String prefix, int last) {
    long d = hidden;
    SDVariable g = weight(prefix + ".weight", d);
    SDVariable b = weight(prefix + ".bias", d);
    SDVariable mean = x.mean(true, last);
    SDVariable centred = x.sub(mean);
    SDVariable variance = centred.mul(centred).mean(true, last);
    SDVariable inv = sd.math().rsqrt(variance.add(eps));
    return centred.mul(inv).mul(g).add(b);
  }

  /**
   * y = x W^T + b for x [batch, tokens, in]; W [out, in] as in PyTorch.
   *
   * @param x input
   * @param prefix weight name prefix
   * @param in input width
   * @param out output width
   * @param bias whether there is a bias
   * @return output [batch, tokens, out]
   */
  public SDVariable linear(SDVariable x, String prefix, long in, long out, boolean bias) {
    return sd.reshape(
        linearFlat(sd.reshape(x, -1, in), prefix, in, out, bias, null), -1, tokens, out);
  }

  /**
   * y = x W^T + b (+ the adaptation's term, + {@code extra}) for a flat x [rows, in].
   *
   * @param flat input [rows, in]
   * @param prefix weight name prefix
   * @param in input width
   * @param out output width
   * @param bias whether there is a bias
   * @param extra another term to add, or null
   * @return [rows, out]
   */
  public SDVariable linearFlat(
      SDVariable flat, String prefix, long in, long out, boolean bias, SDVariable extra) {
    String wName = prefix + ".weight";
    SDVariable y;
    if (adaptation.trainable(wName)) {
      y = sd.mmul(flat, weight(wName, out, in), false, true, false);
    } else {
      INDArray w = weights.take(wName, out, in);
      y = sd.mmul(flat, constant(prefix + ".weightT", w.transpose().dup('c')));
    }
    if (bias) {
      y = y.add(weight(prefix + ".bias", out));
    }
    SDVariable delta = adaptation.linearDelta(sd, prefix, flat, in, out);
    if (delta != null) {
      y = y.add(delta);
    }
    return extra == null ? y : y.add(extra);
  }

  /**
   * Multi-head self-attention with CLIP's weight names ({@code q_proj}, ... {@code out_proj}).
   *
   * @param x input
   * @param prefix attention prefix
   * @param mask added to the scores [batch*heads, tokens, tokens] (broadcast), or null
   * @return output
   */
  public SDVariable attention(SDVariable x, String prefix, SDVariable mask) {
    return attention(
        x, prefix + ".q_proj", prefix + ".k_proj", prefix + ".v_proj", prefix + ".out_proj", mask);
  }

  /**
   * Multi-head self-attention with explicit projection names.
   *
   * @param x input
   * @param query query projection prefix
   * @param key key projection prefix
   * @param value value projection prefix
   * @param output output projection prefix
   * @param mask added to the scores [batch*heads, tokens, tokens] (broadcast), or null
   * @return output
   */
  public SDVariable attention(
      SDVariable x, String query, String key, String value, String output, SDVariable mask) {
    return sd.reshape(
        attentionFlat(sd.reshape(x, -1, hidden), query, key, value, output, mask),
        -1,
        tokens,
        hidden);
  }

  /**
   * Multi-head self-attention on hidden states flattened to [batch*tokens, width].
   *
   * @param flat input [batch*tokens, width]
   * @param query query projection prefix
   * @param key key projection prefix
   * @param value value projection prefix
   * @param output output projection prefix
   * @param mask added to the scores [batch, heads, tokens, tokens] (broadcast), or null
   * @return output [batch*tokens, width]
   */
  public SDVariable attentionFlat(
      SDVariable flat, String query, String key, String value, String output, SDVariable mask) {
    long d = hidden;
    int h = heads;
    long hd = d / h;
    SDVariable qkv = adaptation.qkvDelta(sd, query.substring(0, query.lastIndexOf('.')), flat, d);
    SDVariable[] extra = new SDVariable[3];
    if (qkv != null) {
      for (int i = 0; i < 3; i++) {
        extra[i] =
            qkv.get(
                org.nd4j.autodiff.samediff.SDIndex.all(),
                org.nd4j.autodiff.samediff.SDIndex.interval(i * d, (i + 1) * d));
      }
    }
    SDVariable q = heads(linearFlat(flat, query, d, d, true, extra[0]).mul(1.0 / Math.sqrt(hd)));
    SDVariable k = heads(linearFlat(flat, key, d, d, true, extra[1]));
    SDVariable v = heads(linearFlat(flat, value, d, d, true, extra[2]));
    SDVariable scores = sd.mmul(q, k, false, true, false);
    if (mask != null) {
      scores = scores.add(mask);
    }
    SDVariable probs = sd.nn().softmax(scores, -1);
    SDVariable ctx = sd.mmul(probs, v);
    SDVariable merged =
        sd.reshape(sd.permute(sd.reshape(ctx, -1, h, tokens, hd), 0, 2, 1, 3), -1, d);
    return linearFlat(merged, output, d, d, true, null);
  }

  /**
   * Multi-head self-attention with one fused query-key-value projection ({@code <attn>.qkv.weight}
   * [3d, d], timm's layout) on hidden states flattened to [batch*tokens, width]. The fused product
   * is one linear layer, so full fine-tuning trains it as one weight and a {@link
   * GraphAdaptation#qkvDelta} (peft's LoRA on timm's {@code qkv} module) adds to it.
   *
   * @param flat input [batch*tokens, width]
   * @param attn the attention block's prefix ({@code .qkv}, {@code .proj})
   * @param mask added to the scores [batch*heads, tokens, tokens] (broadcast), or null
   * @return output [batch*tokens, width]
   */
  public SDVariable fusedAttentionFlat(SDVariable flat, String attn, SDVariable mask) {
    long d = hidden;
    long hd = d / heads;
    SDVariable qkv =
        linearFlat(flat, attn + ".qkv", d, 3 * d, true, adaptation.qkvDelta(sd, attn, flat, d));
    return attendQkv(qkv, 1.0 / Math.sqrt(hd), mask, attn + ".proj");
  }

  /**
   * Attention from a fused projection [rows, 3d] (query, key, value in that order): the query times
   * {@code queryScale}, softmax over keys (plus the mask), the merged heads through the output
   * projection {@code output}.
   */
  SDVariable attendQkv(SDVariable qkv, double queryScale, SDVariable mask, String output) {
    long d = hidden;
    long hd = d / heads;
    // [rows, 3d] -> [3, batch*heads, tokens, hd]
    SDVariable split =
        sd.reshape(
            sd.permute(sd.reshape(qkv, -1, tokens, 3, heads, hd), 2, 0, 3, 1, 4),
            3,
            -1,
            tokens,
            hd);
    SDVariable[] parts = sd.unstack(split, 0, 3);
    SDVariable query = queryScale == 1.0 ? parts[0] : parts[0].mul(queryScale);
    SDVariable scores = sd.mmul(query, parts[1], false, true, false);
    if (mask != null) {
      scores = scores.add(mask);
    }
    SDVariable ctx = sd.mmul(sd.nn().softmax(scores, -1), parts[2]);
    SDVariable merged =
        sd.reshape(sd.permute(sd.reshape(ctx, -1, heads, tokens, hd), 0, 2, 1, 3), -1, d);
    return linearFlat(merged, output, d, d, true, null);
  }

  /**
   * An MLP with the exact GELU on hidden states flattened to [rows, width] (timm's {@code mlp.fc1},
   * {@code mlp.fc2}).
   *
   * @param flat input [rows, width]
   * @param prefix MLP prefix ({@code .fc1}, {@code .fc2})
   * @return output [rows, width]
   */
  public SDVariable geluMlpFlat(SDVariable flat, String prefix) {
    SDVariable h = linearFlat(flat, prefix + ".fc1", hidden, intermediate, true, null);
    SDVariable act = h.mul(sd.math().erf(h.mul(1.0 / Math.sqrt(2.0))).add(1.0)).mul(0.5);
    return linearFlat(act, prefix + ".fc2", intermediate, hidden, true, null);
  }

  /** [batch*tokens, d] to [batch*heads, tokens, hd]. */
  private SDVariable heads(SDVariable flat) {
    long hd = hidden / heads;
    SDVariable split = sd.reshape(flat, -1, tokens, heads, hd);
    return sd.reshape(sd.permute(split, 0, 2, 1, 3), -1, tokens, hd);
  }

  /**
   * CLIP's MLP on hidden states flattened to [rows, width]: fc1, quick-GELU x·sigmoid(1.702x), fc2
   * (the form used by training graphs; inference graphs use a folded form, see {@link
   * #clipBlocks}).
   *
   * @param flat input [rows, width]
   * @param prefix MLP prefix ({@code .fc1}, {@code .fc2})
   * @return output [rows, width]
   */
  public SDVariable mlpFlat(SDVariable flat, String prefix) {
    SDVariable h = linearFlat(flat, prefix + ".fc1", hidden, intermediate, true, null);
    SDVariable act = h.mul(sd.nn().sigmoid(h.mul(1.702)));
    return linearFlat(act, prefix + ".fc2", intermediate, hidden, true, null);
  }

  /**
   * An MLP with the exact GELU 0.5·x·(1 + erf(x/√2)) (BERT's).
   *
   * @param x input
   * @param in first layer prefix
   * @param out second layer prefix
   * @return output
   */
  public SDVariable geluMlp(SDVariable x, String in, String out) {
    SDVariable h = linear(x, in, hidden, intermediate, true);
    SDVariable act = h.mul(sd.math().erf(h.mul(1.0 / Math.sqrt(2.0))).add(1.0)).mul(0.5);
    return linear(act, out, intermediate, hidden, true);
  }

  /**
   * CLIP's pre-LayerNorm residual blocks ({@code layers.N.layer_norm1}, {@code self_attn}, ...).
   * The hidden states stay flattened to [batch*tokens, width] between blocks (every reshape is a
   * copy in SameDiff). Inference graphs ({@link GraphAdaptation#NONE}) are folded ({@code
   * FoldedClipBlock}): the same function with fewer passes over memory.
   *
   * @param x input
   * @param prefix encoder prefix
   * @param layers number of blocks
   * @param mask attention mask or null
   * @return output
   */
  public SDVariable clipBlocks(SDVariable x, String prefix, int layers, SDVariable mask) {
    SDVariable h = sd.reshape(x, -1, hidden);
    FoldedClipBlock folded = adaptation == GraphAdaptation.NONE ? new FoldedClipBlock(this) : null;
    for (int l = 0; l < layers; l++) {
      String p = prefix + ".layers." + l;
      String a = p + ".self_attn";
      if (folded != null) {
        h = folded.apply(h, p, a, mask);
      } else {
        SDVariable n = layerNorm(h, p + ".layer_norm1", 1);
        h =
            h.add(
                attentionFlat(
                    n, a + ".q_proj", a + ".k_proj", a + ".v_proj", a + ".out_proj", mask));
        h = h.add(mlpFlat(layerNorm(h, p + ".layer_norm2", 1), p + ".mlp"));
      }
    }
    return sd.reshape(h, -1, tokens, hidden);
  }
}
