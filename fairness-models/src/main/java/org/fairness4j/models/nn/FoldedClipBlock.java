package org.fairness4j.models.nn;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A CLIP encoder block of an inference graph with its LayerNorms folded away ({@link
 * TransformerOps#clipBlocks} without adaptation): each LayerNorm's gain and bias move into the
 * following products, the query, key and value projections become one product that also carries the
 * 1/sqrt(head dim) scale, and quick-GELU's factors move into fc1 and fc2 ({@link FoldedGelu}).
 */
final class FoldedClipBlock {
  private final TransformerOps ops;
  private final SameDiff sd;
  private final long hidden;

  FoldedClipBlock(TransformerOps ops) {
    this.ops = ops;
    this.sd = ops.sd;
    this.hidden = ops.hidden;
  }

  /** One block on flat hidden states [rows, width]: block {@code p}, attention {@code a}. */
  SDVariable apply(SDVariable h, String p, String a, SDVariable mask) {
    SDVariable x = h.add(foldedAttention(normalize(h), p + ".layer_norm1", a, mask));
    return x.add(foldedMlp(normalize(x), p + ".layer_norm2", p + ".mlp"));
  }

  /**
   * (x - mean) / sqrt(var + eps) over the last dimension of [rows, width], without gain or bias.
   */
  private SDVariable normalize(SDVariable flat) {
    SDVariable centred = flat.sub(flat.mean(true, 1));
    SDVariable variance = centred.mul(centred).mean(true, 1);
    return centred.mul(sd.math().rsqrt(variance.add(ops.eps)));
  }

  /**
   * Attention of an inference graph whose LayerNorm gain and bias are folded into one fused
   * query-key-value product (the query also carries the 1/sqrt(head dim) scale): W' = W·diag(g), b'
   * = b + W·beta.
   */
  private SDVariable foldedAttention(
      SDVariable normalized, String lnPrefix, String prefix, SDVariable mask) {
    long d = hidden;
    long hd = d / ops.heads;
    double scale = 1.0 / Math.sqrt(hd);
    Folding.Folded q = fold(lnPrefix, prefix + ".q_proj", d, d, scale);
    Folding.Folded k = fold(lnPrefix, prefix + ".k_proj", d, d, 1);
    Folding.Folded v = fold(lnPrefix, prefix + ".v_proj", d, d, 1);
    INDArray w = Nd4j.concat(1, q.weightT(), k.weightT(), v.weightT());
    INDArray b = Nd4j.concat(0, q.bias(), k.bias(), v.bias());
    SDVariable qkv =
        sd.mmul(normalized, ops.constant(prefix + ".qkvT", w))
            .add(ops.constant(prefix + ".qkv_bias", b));
    return ops.attendQkv(qkv, 1.0, mask, prefix + ".out_proj");
  }

  /**
   * CLIP's MLP of an inference graph: LayerNorm gain and bias and the quick-GELU's 1.702 folded
   * into fc1, its inverse into fc2, so the activation is h·sigmoid(h).
   */
  private SDVariable foldedMlp(SDVariable normalized, String lnPrefix, String prefix) {
    FoldedGelu gelu = FoldedGelu.quickForBackend();
    Folding.Folded fc1 =
        fold(lnPrefix, prefix + ".fc1", hidden, ops.intermediate, gelu.inputScale());
    SDVariable h =
        sd.mmul(normalized, ops.constant(prefix + ".fc1T", fc1.weightT()))
            .add(ops.constant(prefix + ".fc1_bias", fc1.bias()));
    INDArray w2T =
        Folding.scaledTranspose(
            ops.weights.take(prefix + ".fc2.weight", hidden, ops.intermediate), gelu.outputScale());
    return sd.mmul(gelu.apply(sd, h), ops.constant(prefix + ".fc2T", w2T))
        .add(ops.weight(prefix + ".fc2.bias", hidden));
  }

  private Folding.Folded fold(String lnPrefix, String prefix, long in, long out, double s) {
    return Folding.fold(ops.weights, lnPrefix, prefix, in, out, s);
  }
}
