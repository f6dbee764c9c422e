package org.fairness4j.models.train;

import java.util.stream.IntStream;
import org.fairness4j.models.nn.CpuBlas;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Multi-head softmax attention of a {@link VitTower} block on the fused q/k/v activations [rows,
 * 3·width]: per (image, head) products through cblas on blocks of the shared arrays, the softmax
 * over all heads at once.
 */
final class VitAttention {
  private final ArrayPool pool;

  /** Tokens, width, heads, head width, row distance of q/k/v, scores per head. */
  private final int t;

  private final int d;
  private final int heads;
  private final int hd;
  private final int ld;
  private final int sq;
  private final float scale;

  VitAttention(VitTower.Shape shape, ArrayPool pool) {
    this.pool = pool;
    this.t = shape.tokens();
    this.d = shape.width();
    this.heads = shape.heads();
    this.hd = d / heads;
    this.ld = 3 * d;
    this.sq = t * t;
    this.scale = (float) (1 / Math.sqrt(hd));
  }

  /** The products of one (image, head), given its blocks' first elements. */
  private interface Head {
    /**
     * @param q the head's q columns in a [rows, 3d] array (k at q + d, v at q + 2d)
     * @param so its [t, t] score block in a [batch, heads, t, t] array
     * @param co its columns in a [rows, d] array
     */
    void run(long q, long so, long co);
  }

  /**
   * Runs body for every (image, head): where the BLAS library's thread count can be set per thread
   * ({@link BlasThreads}), in one part per core, each running its products on one BLAS thread; else
   * in order, each product on all of BLAS's threads. Every (image, head) writes its own blocks, so
   * the results do not depend on the split.
   */
  private void eachHead(int batch, Head body) {
    int n = batch * heads;
    int parts = Math.min(n, Runtime.getRuntime().availableProcessors());
    if (parts == 1 || !BlasThreads.available()) {
      heads(0, n, body);
      return;
    }
    IntStream.range(0, parts)
        .parallel()
        .forEach(
            p -> {
              int previous = BlasThreads.local(1);
              try {
                heads(n * p / parts, n * (p + 1) / parts, body);
              } finally {
                BlasThreads.local(previous);
              }
            });
  }

  /** Runs body for the (image, head) pairs [from, to) in image-major order. */
  private void heads(int from, int to, Head body) {
    for (int i = from; i < to; i++) {
      int b = i / heads;
      int h = i % heads;
      body.run((long) b * t * ld + (long) h * hd, (long) i * sq, (long) b * t * d + (long) h * hd);
    }
  }

  /** From a.qkv into a.p (the probabilities, kept for backward) and a.ctx. */
  void forward(TowerPass.Block a, int batch) {
    // S = Q·Kᵀ
    eachHead(
        batch,
        (q, so, co) ->
            CpuBlas.block(
                a.qkv, q, ld, false, a.qkv, q + d, ld, true, a.p, so, t, t, t, hd, false));
    // ND4J's vectorised softmax over all heads at once
    a.p.muli(scale);
    Nd4j.exec((CustomOp) new SoftMax(a.p, a.p, 3));
    // ctx = P·V
    eachHead(
        batch,
        (q, so, co) ->
            CpuBlas.block(
                a.p, so, t, false, a.qkv, q + 2L * d, ld, false, a.ctx, co, d, t, hd, t, false));
  }

  /**
   * From dctx [rows, d] into dqkv [rows, 3d] (overwritten). The softmax backward runs once over
   * every head's rows, split over the cores, between the products.
   */
  void backward(TowerPass.Block a, int batch, INDArray dctx, INDArray dqkv) {
    INDArray dp = pool.take(batch, heads, t, t);
    eachHead(
        batch,
        (q, so, co) -> {
          long v = q + 2L * d;
          // dP = dctx·Vᵀ, dV = Pᵀ·dctx
          CpuBlas.block(dctx, co, d, false, a.qkv, v, ld, true, dp, so, t, t, t, hd, false);
          CpuBlas.block(a.p, so, t, true, dctx, co, d, false, dqkv, v, ld, t, hd, t, false);
        });
    Kernels.softmaxBackward(a.p, dp, batch * heads * t, t, scale);
    eachHead(
        batch,
        (q, so, co) -> {
          long k = q + d;
          // dQ = dS·K, dK = dSᵀ·Q (dS carries the scale)
          CpuBlas.block(dp, so, t, false, a.qkv, k, ld, false, dqkv, q, ld, t, hd, t, false);
          CpuBlas.block(dp, so, t, true, a.qkv, q, ld, false, dqkv, k, ld, t, hd, t, false);
        });
    pool.give(dp);
  }
}
