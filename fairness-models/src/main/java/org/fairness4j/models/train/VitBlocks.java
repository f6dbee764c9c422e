package org.fairness4j.models.train;

import java.util.LinkedHashMap;
import java.util.Map;
import org.fairness4j.models.nn.CpuBlas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The pre-LN transformer blocks of a {@link VitTower}, forward and hand-written backward:
 * LayerNorm, q/k/v as one product against the stacked [3d, d] weight, {@link VitAttention}, the
 * output projection, LayerNorm, fc1, quick or exact GELU, fc2, each projection with its optional
 * {@link VitLora} adapter. With full fine-tuning the backward pass also fills every weight's
 * gradient.
 */
final class VitBlocks {
  private static final String[] QKV = {"q_proj", "k_proj", "v_proj"};

  private final VitTower.Shape s;
  private final Map<String, INDArray> w;
  private final VitLora lora;
  private final boolean full;
  private final ArrayPool pool;
  private final VitAttention attention;

  /**
   * Per layer, the q, k and v weights stacked [3d, d] and their biases [3d]: the storage of those
   * parameters, whose arrays under their checkpoint names are views of these rows.
   */
  private final INDArray[] qkvWeight;

  private final INDArray[] qkvBias;

  /** Per layer, the stacked gradients of the q/k/v weights and biases (full fine-tuning). */
  private final INDArray[] qkvWeightGrad;

  private final INDArray[] qkvBiasGrad;
  private INDArray ones;

  /**
   * @param weights the tower's weights by checkpoint name; each layer's q/k/v weights and biases
   *     are replaced by views of one stacked array, so that the three projections (and, with full
   *     fine-tuning, their weight gradients) run as one product without copying the weights
   */
  VitBlocks(
      VitTower.Shape shape,
      Map<String, INDArray> weights,
      VitLora lora,
      boolean full,
      ArrayPool pool) {
    this.s = shape;
    this.w = weights;
    this.lora = lora;
    this.full = full;
    this.pool = pool;
    this.attention = new VitAttention(shape, pool);
    int layers = shape.layers();
    this.qkvWeight = new INDArray[layers];
    this.qkvBias = new INDArray[layers];
    this.qkvWeightGrad = new INDArray[layers];
    this.qkvBiasGrad = new INDArray[layers];
    int d = shape.width();
    for (int l = 0; l < layers; l++) {
      qkvWeight[l] = Kernels.empty(3L * d, d);
      qkvBias[l] = Kernels.empty(3L * d);
      for (int i = 0; i < 3; i++) {
        String base = name(l, "self_attn." + QKV[i]);
        qkvWeight[l].get(rows(i, d), NDArrayIndex.all()).assign(w.get(base + ".weight"));
        qkvBias[l].get(rows(i, d)).assign(w.get(base + ".bias"));
        w.put(base + ".weight", qkvWeight[l].get(rows(i, d), NDArrayIndex.all()));
        w.put(base + ".bias", qkvBias[l].get(rows(i, d)));
      }
    }
  }

  private static INDArrayIndex rows(int i, int d) {
    return NDArrayIndex.interval((long) i * d, (long) (i + 1) * d);
  }

  /**
   * Zeroed gradient arrays for the block parameters among names (full fine-tuning): each layer's
   * q/k/v weight and bias gradients as views of one stacked array, which the backward pass fills
   * with one product and one column sum. Other names are left out.
   */
  Map<String, INDArray> stackedGradients() {
    Map<String, INDArray> g = new LinkedHashMap<>();
    int d = s.width();
    for (int l = 0; l < s.layers(); l++) {
      qkvWeightGrad[l] = Nd4j.zeros(DataType.FLOAT, 3L * d, d);
      qkvBiasGrad[l] = Nd4j.zeros(DataType.FLOAT, 3L * d);
      for (int i = 0; i < 3; i++) {
        String base = name(l, "self_attn." + QKV[i]);
        g.put(base + ".weight", qkvWeightGrad[l].get(rows(i, d), NDArrayIndex.all()));
        g.put(base + ".bias", qkvBiasGrad[l].get(rows(i, d)));
      }
    }
    return g;
  }

  /** The checkpoint name of a block's tensor. */
  static String name(int l, String rest) {
    return "vision_model.encoder.layers." + l + "." + rest;
  }

  /** Block l's forward from a.xIn, keeping its activations in a. */
  void forward(int l, TowerPass.Block a, TowerPass pass) {
    int rows = pass.batch * s.tokens();
    int d = s.width();
    int in = s.intermediate();
    a.xhat1 = a.take(rows, d);
    a.rstd1 = new float[rows];
    a.y1 = a.take(rows, d);
    layerNorm(w, name(l, "layer_norm1"), s.eps(), a.xIn, a.xhat1, a.rstd1, a.y1);
    a.qkv = a.take(rows, 3L * d);
    CpuBlas.gemm(a.y1, false, qkvWeight[l], true, a.qkv, false);
    addBias(a.qkv, 3 * d, 0, qkvBias[l]);
    lora.forward(l, VitLora.Slot.QKV, a, pass, a.y1, a.qkv, 3 * d, 0, 3 * d);
    lora.forward(l, VitLora.Slot.Q, a, pass, a.y1, a.qkv, 3 * d, 0, d);
    lora.forward(l, VitLora.Slot.K, a, pass, a.y1, a.qkv, 3 * d, d, d);
    lora.forward(l, VitLora.Slot.V, a, pass, a.y1, a.qkv, 3 * d, 2 * d, d);
    a.p = a.take(pass.batch, s.heads(), s.tokens(), s.tokens());
    a.ctx = a.take(rows, d);
    attention.forward(a, pass.batch);
    a.xMid = a.own(pool.copy(a.xIn));
    linear(l, "self_attn.out_proj", VitLora.Slot.OUT, a, pass, a.ctx, a.xMid, true);
    a.xhat2 = a.take(rows, d);
    a.rstd2 = new float[rows];
    a.y2 = a.take(rows, d);
    layerNorm(w, name(l, "layer_norm2"), s.eps(), a.xMid, a.xhat2, a.rstd2, a.y2);
    a.u = a.take(rows, in);
    linear(l, "mlp.fc1", VitLora.Slot.FC1, a, pass, a.y2, a.u, false);
    a.a = a.take(rows, in);
    Elementwise.geluWithDerivative(s.quickGelu(), a.u, a.a);
    a.xOut = a.own(pool.copy(a.xMid));
    linear(l, "mlp.fc2", VitLora.Slot.FC2, a, pass, a.a, a.xOut, true);
  }

  /** out (+)= x·Wᵀ + b, plus the slot's adapter. */
  private void linear(
      int l,
      String proj,
      VitLora.Slot slot,
      TowerPass.Block a,
      TowerPass pass,
      INDArray x,
      INDArray out,
      boolean accumulate) {
    int width = (int) out.size(1);
    CpuBlas.gemm(x, false, w.get(name(l, proj + ".weight")), true, out, accumulate);
    addBias(out, width, 0, w.get(name(l, proj + ".bias")));
    lora.forward(l, slot, a, pass, x, out, width, 0, width);
  }

  /** y = LayerNorm(x) with the gain and bias {@code ln.weight}, {@code ln.bias} of w. */
  static void layerNorm(
      Map<String, INDArray> w,
      String ln,
      double eps,
      INDArray x,
      INDArray xhat,
      float[] rstd,
      INDArray y) {
    Kernels.layerNorm(x, w.get(ln + ".weight"), w.get(ln + ".bias"), eps, xhat, rstd, y);
  }

  /**
   * LayerNorm backward into dx (added when accumulate); with grads (full fine-tuning), also the
   * gain's and bias's gradients.
   */
  static void layerNormBackward(
      Map<String, INDArray> w,
      String ln,
      INDArray dy,
      INDArray xhat,
      float[] rstd,
      INDArray dx,
      boolean accumulate,
      Map<String, INDArray> grads) {
    int d = (int) dy.size(1);
    double[] dg = grads == null ? null : new double[d];
    double[] db = grads == null ? null : new double[d];
    Kernels.layerNormBackward(dy, xhat, rstd, w.get(ln + ".weight"), dx, accumulate, dg, db);
    if (grads != null) {
      Kernels.store(dg, grads.get(ln + ".weight"));
      Kernels.store(db, grads.get(ln + ".bias"));
    }
  }

  /** Block l's backward from dOut: returns the gradient of its input. */
  INDArray backward(
      int l,
      TowerPass.Block a,
      TowerPass pass,
      INDArray dOut,
      Map<String, INDArray> grads,
      boolean needInput) {
    int rows = pass.batch * s.tokens();
    int d = s.width();
    Map<String, INDArray> lnGrads = full ? grads : null;
    // MLP
    INDArray da = pool.take(rows, s.intermediate());
    linearBackward(l, "mlp.fc2", VitLora.Slot.FC2, a, dOut, a.a, da, grads);
    Elementwise.multiplyInPlace(da, a.u); // a.u holds GELU'(u)
    INDArray dy2 = pool.take(rows, d);
    linearBackward(l, "mlp.fc1", VitLora.Slot.FC1, a, da, a.y2, dy2, grads);
    pool.give(da);
    INDArray dMid = pool.copy(dOut);
    layerNormBackward(w, name(l, "layer_norm2"), dy2, a.xhat2, a.rstd2, dMid, true, lnGrads);
    pool.give(dy2);
    // attention
    INDArray dctx = pool.take(rows, d);
    linearBackward(l, "self_attn.out_proj", VitLora.Slot.OUT, a, dMid, a.ctx, dctx, grads);
    INDArray dqkv = pool.take(rows, 3L * d);
    attention.backward(a, pass.batch, dctx, dqkv);
    pool.give(dctx);
    INDArray dy1 = pool.take(rows, d);
    // dY1 = dQKV·W_qkv in one product
    CpuBlas.gemm(dqkv, false, qkvWeight[l], false, dy1, false);
    if (full) {
      // dW_qkv = dQKVᵀ·Y1 [3d, d] and the three biases' gradients, each in one pass
      CpuBlas.gemm(dqkv, true, a.y1, false, qkvWeightGrad[l], false);
      Kernels.columnSums(dqkv, 3 * d, 0, 3 * d, qkvBiasGrad[l]);
    }
    lora.backward(l, VitLora.Slot.QKV, a, dqkv, 3 * d, 0, 3 * d, dy1, grads);
    lora.backward(l, VitLora.Slot.Q, a, dqkv, 3 * d, 0, d, dy1, grads);
    lora.backward(l, VitLora.Slot.K, a, dqkv, 3 * d, d, d, dy1, grads);
    lora.backward(l, VitLora.Slot.V, a, dqkv, 3 * d, 2 * d, d, dy1, grads);
    pool.give(dqkv);
    if (needInput || full) {
      layerNormBackward(w, name(l, "layer_norm1"), dy1, a.xhat1, a.rstd1, dMid, true, lnGrads);
    }
    pool.give(dy1);
    return dMid;
  }

  /**
   * dx = dy·W for the projection (with full fine-tuning also dW = dyᵀ·x and the bias's gradient),
   * then the slot's adapter's backward.
   */
  private void linearBackward(
      int l,
      String proj,
      VitLora.Slot slot,
      TowerPass.Block a,
      INDArray dy,
      INDArray x,
      INDArray dx,
      Map<String, INDArray> grads) {
    String base = name(l, proj);
    int width = (int) dy.size(1);
    CpuBlas.gemm(dy, false, w.get(base + ".weight"), false, dx, false);
    if (full) {
      CpuBlas.gemm(dy, true, x, false, grads.get(base + ".weight"), false);
      Kernels.columnSums(dy, width, 0, width, grads.get(base + ".bias"));
    }
    lora.backward(l, slot, a, dy, width, 0, width, dx, grads);
  }

  /** out[:, from:from+width] += bias for every row, as a rank-one product. */
  private void addBias(INDArray out, int ld, int from, INDArray bias) {
    int rows = (int) (out.length() / ld);
    int width = (int) bias.length();
    CpuBlas.block(
        ones(rows), 0, 1, false, bias, 0, width, false, out, from, ld, rows, width, 1, true);
  }

  private INDArray ones(int n) {
    if (ones == null || ones.length() < n) {
      ones = Nd4j.ones(DataType.FLOAT, n);
    }
    return ones;
  }
}
