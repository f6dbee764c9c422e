package org.fairness4j.models.nn;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Pre-LayerNorm transformer blocks (CLIP's vision and text towers, timm's ViT) for inference on
 * ND4J's CPU backend, run op by op on arrays in host memory instead of as a SameDiff graph (whose
 * per-op bookkeeping, about 0.3 ms, outweighs the arithmetic of most ops at batch 1). The weights
 * are folded as in the inference graph of {@link TransformerOps#clipBlocks}: each LayerNorm's gain
 * and bias move into the following products, the query, key and value projections are one product
 * carrying the 1/sqrt(head dim) scale, and the GELU's constant factors move into fc1 and fc2
 * ({@link FoldedGelu}). Per block: two LayerNorms computed in Java on the arrays' native memory
 * (each also adding the previous residual branch's bias), four products and 2·batch·heads per-head
 * attention products straight through cblas ({@link CpuBlas}; the biases of the query-key-value
 * product and fc1 ride in an extra constant-one column, the residual additions are accumulated by
 * the products), and ND4J's softmax and activation. Immutable and safe to share between threads.
 */
public final class EagerPreLnBlocks {
  /**
   * System property choosing how inference runs: {@code eager} (default where supported) or {@code
   * graph}.
   */
  public static final String INFERENCE_PROPERTY = "fairness4j.inference";

  private final List<Layer> layers;
  private final int hidden;
  private final int heads;
  private final int intermediate;
  private final double eps;
  private final FoldedGelu gelu;

  private EagerPreLnBlocks(
      List<Layer> layers, int hidden, int heads, int intermediate, double eps, FoldedGelu gelu) {
    this.layers = List.copyOf(layers);
    this.hidden = hidden;
    this.heads = heads;
    this.intermediate = intermediate;
    this.eps = eps;
    this.gelu = gelu;
  }

  /**
   * Whether encoders built now run eagerly: where {@link #supported()}, unless {@value
   * #INFERENCE_PROPERTY} is {@code graph}.
   *
   * @return true for eager inference
   * @throws IllegalArgumentException if the property is neither {@code eager} nor {@code graph}
   */
  public static boolean enabled() {
    String chosen = System.getProperty(INFERENCE_PROPERTY, "eager");
    if (!chosen.equals("eager") && !chosen.equals("graph")) {
      throw new IllegalArgumentException(
          INFERENCE_PROPERTY + " must be eager or graph, got " + chosen);
    }
    return chosen.equals("eager") && supported();
  }

  /**
   * Whether this JVM can run eager blocks: ND4J's CPU backend with its cblas binding. Elsewhere
   * (CUDA) the encoders run their SameDiff graph.
   *
   * @return true if {@link #load} may be used
   */
  public static boolean supported() {
    return CpuBlas.available();
  }

  /** A checkpoint family's block layout: its tensor names and its GELU. */
  public enum Layout {
    /**
     * Hugging Face CLIP ({@code prefix.layers.N.layer_norm1}, {@code self_attn.q_proj}, ... {@code
     * mlp.fc2}), quick-GELU.
     */
    CLIP,
    /**
     * timm's VisionTransformer ({@code prefix.blocks.N.norm1}, {@code attn.q}, ... with the fused
     * {@code attn.qkv} already split into q, k and v; the prefix ends in a dot), exact GELU.
     */
    TIMM;

    /** One block's names: LayerNorm 1, q, k, v, output projection, LayerNorm 2, fc1, fc2. */
    String[] names(String prefix, int layer) {
      if (this == CLIP) {
        String p = prefix + ".layers." + layer;
        String a = p + ".self_attn";
        return new String[] {
          p + ".layer_norm1",
          a + ".q_proj",
          a + ".k_proj",
          a + ".v_proj",
          a + ".out_proj",
          p + ".layer_norm2",
          p + ".mlp.fc1",
          p + ".mlp.fc2"
        };
      }
      String b = prefix + "blocks." + layer + ".";
      return new String[] {
        b + "norm1",
        b + "attn.q",
        b + "attn.k",
        b + "attn.v",
        b + "attn.proj",
        b + "norm2",
        b + "mlp.fc1",
        b + "mlp.fc2"
      };
    }

    FoldedGelu gelu() {
      return this == CLIP ? FoldedGelu.quickForBackend() : FoldedGelu.EXACT_ERF;
    }
  }

  /**
   * Takes and folds the weights of a stack of blocks.
   *
   * @param weights where weights come from
   * @param layout the checkpoint family's names and GELU
   * @param prefix encoder prefix
   * @param layers number of blocks
   * @param hidden model width
   * @param heads attention heads
   * @param intermediate MLP width
   * @param eps LayerNorm epsilon
   * @return the blocks
   * @throws IllegalStateException if not {@link #supported()}
   */
  public static EagerPreLnBlocks load(
      WeightSet weights,
      Layout layout,
      String prefix,
      int layers,
      int hidden,
      int heads,
      int intermediate,
      double eps) {
    if (!supported()) {
      throw new IllegalStateException("eager blocks need ND4J's CPU backend");
    }
    FoldedGelu gelu = layout.gelu();
    double scale = 1.0 / Math.sqrt((double) hidden / heads);
    List<Layer> list = new ArrayList<>();
    for (int l = 0; l < layers; l++) {
      String[] n = layout.names(prefix, l);
      Folding.Folded q = Folding.fold(weights, n[0], n[1], hidden, hidden, scale);
      Folding.Folded k = Folding.fold(weights, n[0], n[2], hidden, hidden, 1);
      Folding.Folded v = Folding.fold(weights, n[0], n[3], hidden, hidden, 1);
      INDArray qkv =
          withBiasRow(
              Nd4j.concat(1, q.weightT(), k.weightT(), v.weightT()),
              Nd4j.concat(0, q.bias(), k.bias(), v.bias()));
      INDArray outT = weights.take(n[4] + ".weight", hidden, hidden).transpose().dup('c');
      float[] outBias = weights.take(n[4] + ".bias", hidden).toFloatVector();
      Folding.Folded fc1 =
          Folding.fold(weights, n[5], n[6], hidden, intermediate, gelu.inputScale());
      INDArray fc2T =
          Folding.scaledTranspose(
              weights.take(n[7] + ".weight", hidden, intermediate), gelu.outputScale());
      float[] fc2Bias = weights.take(n[7] + ".bias", hidden).toFloatVector();
      list.add(
          new Layer(qkv, outT, outBias, withBiasRow(fc1.weightT(), fc1.bias()), fc2T, fc2Bias));
    }
    return new EagerPreLnBlocks(list, hidden, heads, intermediate, eps, gelu);
  }

  /**
   * A LayerNorm's gain and bias folded into the bias-free projection that follows it, computed in
   * double: P·(g∘x̂ + β) = (P·diag(g))·x̂ + P·β.
   *
   * @param w where weights come from
   * @param lnPrefix the LayerNorm's prefix
   * @param projection the projection's full name, [dim, width]
   * @param dim output width
   * @param width input width
   * @return {@code [(P·diag(g))^T [width, dim], P·β [dim]]}
   */
  public static INDArray[] foldIntoProjection(
      WeightSet w, String lnPrefix, String projection, int dim, int width) {
    INDArray g = w.take(lnPrefix + ".weight", width).castTo(DataType.DOUBLE);
    INDArray beta = w.take(lnPrefix + ".bias", width).castTo(DataType.DOUBLE);
    INDArray proj = w.take(projection, dim, width).castTo(DataType.DOUBLE);
    return new INDArray[] {
      proj.mulRowVector(g).transpose().castTo(DataType.FLOAT).dup('c'),
      proj.mmul(beta.reshape(width, 1)).reshape(dim).castTo(DataType.FLOAT).dup('c')
    };
  }

  /** [in, out] weights and an [out] bias as one [in + 1, out] matrix. */
  private static INDArray withBiasRow(INDArray weightT, INDArray bias) {
    return Nd4j.concat(0, weightT, bias.reshape(1, bias.length())).dup('c');
  }

  /**
   * Runs the blocks on hidden states [batch·tokens, width], which are overwritten with the result.
   *
   * @param h hidden states, contiguous 'c' order float [batch·tokens, width]; updated in place
   * @param batch batch size
   * @param tokens tokens per sequence
   * @param mask added to every attention score matrix [tokens, tokens], or null
   * @return {@code h}
   */
  public INDArray apply(INDArray h, int batch, int tokens, INDArray mask) {
    int rows = Math.multiplyExact(batch, tokens);
    if (h.rank() != 2
        || h.size(0) != rows
        || h.size(1) != hidden
        || h.dataType() != DataType.FLOAT
        || h.ordering() != 'c'
        || h.elementWiseStride() != 1
        || h.offset() != 0) {
      throw new IllegalArgumentException(
          "expected contiguous float hidden states ["
              + rows
              + ", "
              + hidden
              + "], got "
              + h.shapeInfoToString());
    }
    if ((long) rows * Math.max(intermediate, 3L * hidden) > Integer.MAX_VALUE
        || (long) batch * heads * tokens * tokens > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "batch of " + batch + " is too large for one eager pass; encode in smaller batches");
    }
    int d = hidden;
    int hd = d / heads;
    // LayerNorm output with a constant-one last column that carries the next product's bias
    INDArray normalized = Nd4j.ones(DataType.FLOAT, rows, d + 1);
    INDArray qkv = Nd4j.createUninitialized(DataType.FLOAT, rows, 3L * d);
    INDArray merged = Nd4j.createUninitialized(DataType.FLOAT, rows, d);
    INDArray act = Nd4j.createUninitialized(DataType.FLOAT, rows, intermediate);
    INDArray gate = Nd4j.createUninitialized(DataType.FLOAT, rows, intermediate);
    INDArray scores = Nd4j.createUninitialized(DataType.FLOAT, batch, heads, tokens, tokens);
    FloatBuffer hb = h.data().asNioFloat();
    FloatBuffer nb = normalized.data().asNioFloat();
    float[] pending = null;
    try {
      for (Layer layer : layers) {
        RowLayerNorm.apply(hb, pending, nb, rows, d, d + 1, eps);
        CpuBlas.gemm(normalized, false, layer.qkvT, false, qkv, false);
        attention(qkv, scores, merged, batch, tokens, hd, mask);
        CpuBlas.gemm(merged, false, layer.outT, false, h, true);
        RowLayerNorm.apply(hb, layer.outBias, nb, rows, d, d + 1, eps);
        CpuBlas.gemm(normalized, false, layer.fc1T, false, act, false);
        gelu.applyInPlace(act, gate);
        CpuBlas.gemm(act, false, layer.fc2T, false, h, true);
        pending = layer.fc2Bias;
      }
      if (pending != null) {
        RowLayerNorm.addRows(hb, pending, rows, d);
      }
    } finally {
      // free the buffers now rather than when the garbage collector gets to them
      for (INDArray buffer : new INDArray[] {normalized, qkv, merged, act, gate, scores}) {
        buffer.close();
      }
    }
    return h;
  }

  /** Multi-head attention from the fused [rows, 3d] projections into merged [rows, d]. */
  private void attention(
      INDArray qkv,
      INDArray scores,
      INDArray merged,
      int batch,
      int tokens,
      int hd,
      INDArray mask) {
    int d = hidden;
    int ld = 3 * d;
    int square = tokens * tokens;
    for (int b = 0; b < batch; b++) {
      for (int head = 0; head < heads; head++) {
        long q = (long) b * tokens * ld + (long) head * hd;
        long s = ((long) b * heads + head) * square;
        CpuBlas.block(
            qkv, q, ld, false, qkv, q + d, ld, true, scores, s, tokens, tokens, tokens, hd, false);
      }
    }
    if (mask != null) {
      Nd4j.exec(new BroadcastAddOp(scores, mask, scores, 2, 3));
    }
    Nd4j.exec((CustomOp) new SoftMax(scores, scores, 3));
    for (int b = 0; b < batch; b++) {
      for (int head = 0; head < heads; head++) {
        long v = (long) b * tokens * ld + 2L * d + (long) head * hd;
        long s = ((long) b * heads + head) * square;
        long out = (long) b * tokens * d + (long) head * hd;
        CpuBlas.block(
            scores, s, tokens, false, qkv, v, ld, false, merged, out, d, tokens, hd, tokens, false);
      }
    }
  }

  /**
   * out = (x - mean) / sqrt(var + eps) over each row of x [rows, width] (PyTorch's LayerNorm
   * without gain or bias).
   *
   * @param x input, contiguous 'c' order float [rows, width]
   * @param eps the epsilon added to the variance
   * @return a new array [rows, width]
   */
  public static INDArray normalize(INDArray x, double eps) {
    INDArray in = x.dup('c');
    INDArray out = in.ulike();
    RowLayerNorm.apply(
        in.data().asNioFloat(),
        null,
        out.data().asNioFloat(),
        (int) in.size(0),
        (int) in.size(1),
        (int) in.size(1),
        eps);
    in.close();
    return out;
  }

  private record Layer(
      INDArray qkvT,
      INDArray outT,
      float[] outBias,
      INDArray fc1T,
      INDArray fc2T,
      float[] fc2Bias) {}
}
