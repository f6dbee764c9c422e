package org.fairness4j.models.train;

import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fairness4j.models.nn.CpuBlas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A Hugging Face CLIP vision tower and its projection, trained eagerly: patch embedding as a
 * product over flattened patches, class token, position embedding, pre-LayerNorm, pre-LN blocks
 * ({@link VitBlocks}), class-token pooling, post-LayerNorm and the visual projection; optional LoRA
 * adapters ({@link VitLora}) on the blocks' projections. The forward pass keeps what the
 * hand-written backward pass needs in a {@link TowerPass} (or, with gradient checkpointing, only
 * each block's input, recomputing the block during backward). Weights are the live arrays under
 * PyTorch names and layout. Not thread-safe.
 */
final class VitTower {
  /** The tower's shape. */
  record Shape(
      int channels,
      int image,
      int patch,
      int width,
      int heads,
      int intermediate,
      int layers,
      int projection,
      double eps,
      boolean quickGelu) {
    int grid() {
      return image / patch;
    }

    int tokens() {
      return grid() * grid() + 1;
    }
  }

  private static final String PRE = "vision_model.";

  private final Shape s;
  private final Map<String, INDArray> w;
  private final boolean full;
  private final ArrayPool pool = new ArrayPool();
  private final VitLora lora;
  private final VitBlocks blocks;
  private boolean checkpointing;

  /**
   * @param shape the shape
   * @param weights every tower weight under its PyTorch name (contiguous float 'c'); each layer's
   *     q/k/v weights and biases are replaced by views of one stacked array ({@link VitBlocks})
   * @param lora adapters per layer and slot (null entries where none)
   * @param full whether the tower's own weights train
   */
  VitTower(Shape shape, Map<String, INDArray> weights, VitLora.LoraSlot[][] lora, boolean full) {
    this.s = shape;
    this.w = weights;
    this.full = full;
    this.lora = new VitLora(lora, pool);
    this.blocks = new VitBlocks(shape, weights, this.lora, full, pool);
  }

  Shape shape() {
    return s;
  }

  void checkpointing(boolean on) {
    this.checkpointing = on;
  }

  void masks(VitLora.MaskSource source) {
    lora.masks(source);
  }

  private INDArray wt(String name) {
    INDArray a = w.get(PRE + name);
    if (a == null) {
      throw new IllegalStateException("missing weight " + PRE + name);
    }
    return a;
  }

  /** The trainable tensors of the tower by name (full fine-tuning: all; LoRA: the adapters). */
  Map<String, INDArray> trainable() {
    Map<String, INDArray> m = new LinkedHashMap<>();
    if (full) {
      m.putAll(w);
    }
    lora.addTrainable(m);
    return m;
  }

  /**
   * Zeroed gradient arrays for {@link #trainable()}, by name: the arrays the backward pass fills
   * (with full fine-tuning, each layer's q/k/v gradients are views of one stacked array).
   */
  Map<String, INDArray> gradients() {
    Map<String, INDArray> stacked = full ? blocks.stackedGradients() : Map.of();
    Map<String, INDArray> g = new LinkedHashMap<>();
    trainable()
        .forEach(
            (k, v) -> {
              INDArray view = stacked.get(k);
              g.put(k, view != null ? view : Nd4j.zeros(DataType.FLOAT, v.shape()));
            });
    return g;
  }

  /**
   * Runs the tower on pixels [batch, channels, size, size].
   *
   * @param pixels the images (float)
   * @param training whether dropout applies and activations are kept for {@link #backward}
   * @param seed the step's seed (dropout masks)
   * @return the pass (its embeddings, and what backward needs)
   */
  TowerPass forward(INDArray pixels, boolean training, long seed) {
    int batch = (int) pixels.size(0);
    int g = s.grid();
    int n = g * g;
    int t = s.tokens();
    int d = s.width();
    int rows = batch * t;
    int p = s.patch();
    long cpp = (long) s.channels() * p * p;
    pool.batch(batch);
    TowerPass pass = new TowerPass(pool, batch, seed, training);
    INDArray patches = pass.take((long) batch * n, cpp);
    patches
        .reshape('c', batch, g, g, s.channels(), p, p)
        .assign(pixels.reshape('c', batch, s.channels(), g, p, g, p).permute(0, 2, 4, 1, 3, 5));
    pass.patches = patches;
    INDArray kernel = wt("embeddings.patch_embedding.weight").reshape('c', d, cpp);
    INDArray emb = pool.take((long) batch * n, d);
    CpuBlas.gemm(patches, false, kernel, true, emb, false);
    INDArray h0 = pool.take(rows, d);
    FloatBuffer hs = Kernels.fb(h0);
    FloatBuffer es = Kernels.fb(emb);
    FloatBuffer ps = Kernels.fb(wt("embeddings.position_embedding.weight"));
    FloatBuffer cs = Kernels.fb(wt("embeddings.class_embedding"));
    for (int b = 0; b < batch; b++) {
      for (int tok = 0; tok < t; tok++) {
        int o = (b * t + tok) * d;
        for (int i = 0; i < d; i++) {
          float v = tok == 0 ? cs.get(i) : es.get((b * n + tok - 1) * d + i);
          hs.put(o + i, v + ps.get(tok * d + i));
        }
      }
    }
    pool.give(emb);
    pass.xhat0 = pass.take(rows, d);
    pass.rstd0 = new float[rows];
    INDArray x = pass.take(rows, d);
    VitBlocks.layerNorm(w, PRE + "pre_layrnorm", s.eps(), h0, pass.xhat0, pass.rstd0, x);
    pool.give(h0);
    for (int l = 0; l < s.layers(); l++) {
      TowerPass.Block acts = new TowerPass.Block(pool, x);
      blocks.forward(l, acts, pass);
      x = acts.xOut;
      if (!training || checkpointing) {
        acts.release(true);
        // keep only the block's output (the next block's input) as the pass's own array
        pass.own(x);
        if (training) {
          pass.blocks.add(new TowerPass.Block(pool, acts.xIn));
        }
      } else {
        pass.blocks.add(acts);
      }
    }
    INDArray pooled = pass.take(batch, d);
    FloatBuffer xs = Kernels.fb(x);
    FloatBuffer pl = Kernels.fb(pooled);
    for (int b = 0; b < batch; b++) {
      pl.put(b * d, xs, b * t * d, d);
    }
    pass.zhat = pass.take(batch, d);
    pass.rstdPost = new float[batch];
    pass.z = pass.take(batch, d);
    VitBlocks.layerNorm(
        w, PRE + "post_layernorm", s.eps(), pooled, pass.zhat, pass.rstdPost, pass.z);
    pass.embeds = pass.take(batch, s.projection());
    CpuBlas.gemm(pass.z, false, w.get("visual_projection.weight"), true, pass.embeds, false);
    return pass;
  }

  /**
   * Backward pass from the gradient of the embeddings [batch, projection]: fills grads (keys of
   * {@link #trainable()}).
   */
  void backward(TowerPass pass, INDArray dEmbeds, Map<String, INDArray> grads) {
    int batch = pass.batch;
    int t = s.tokens();
    int d = s.width();
    int rows = batch * t;
    Map<String, INDArray> lnGrads = full ? grads : null;
    if (full) {
      CpuBlas.gemm(dEmbeds, true, pass.z, false, grads.get("visual_projection.weight"), false);
    }
    INDArray dz = pool.take(batch, d);
    CpuBlas.gemm(dEmbeds, false, w.get("visual_projection.weight"), false, dz, false);
    INDArray dPooled = pool.take(batch, d);
    VitBlocks.layerNormBackward(
        w, PRE + "post_layernorm", dz, pass.zhat, pass.rstdPost, dPooled, false, lnGrads);
    pool.give(dz);
    INDArray dx = pool.takeZeros(rows, d);
    FloatBuffer dxs = Kernels.fb(dx);
    FloatBuffer dps = Kernels.fb(dPooled);
    for (int b = 0; b < batch; b++) {
      dxs.put(b * t * d, dps, b * d, d);
    }
    pool.give(dPooled);
    int lowest = full ? 0 : lora.lowestAdapted();
    for (int l = s.layers() - 1; l >= lowest; l--) {
      TowerPass.Block a = pass.blocks.get(l);
      if (checkpointing) {
        TowerPass.Block re = new TowerPass.Block(pool, a.xIn);
        blocks.forward(l, re, pass);
        a = re;
      }
      INDArray next = blocks.backward(l, a, pass, dx, grads, full || l > lowest);
      pool.give(dx);
      dx = next;
      if (checkpointing) {
        a.release(false);
      }
    }
    if (full) {
      embeddingBackward(pass, dx, grads);
    }
    pool.give(dx);
  }

  /** The pre-LayerNorm's, the position and class embeddings' and the patch kernel's gradients. */
  private void embeddingBackward(TowerPass pass, INDArray dx, Map<String, INDArray> grads) {
    int batch = pass.batch;
    int t = s.tokens();
    int d = s.width();
    INDArray dh0 = pool.take((long) batch * t, d);
    VitBlocks.layerNormBackward(
        w, PRE + "pre_layrnorm", dx, pass.xhat0, pass.rstd0, dh0, false, grads);
    int n = t - 1;
    double[] dpos = new double[t * d];
    double[] dcls = new double[d];
    FloatBuffer hs = Kernels.fb(dh0);
    INDArray dEmb = pool.take((long) batch * n, d);
    FloatBuffer es = Kernels.fb(dEmb);
    for (int b = 0; b < batch; b++) {
      for (int tok = 0; tok < t; tok++) {
        int o = (b * t + tok) * d;
        for (int i = 0; i < d; i++) {
          float v = hs.get(o + i);
          dpos[tok * d + i] += v;
          if (tok == 0) {
            dcls[i] += v;
          } else {
            es.put((b * n + tok - 1) * d + i, v);
          }
        }
      }
    }
    Kernels.store(dpos, grads.get(PRE + "embeddings.position_embedding.weight"));
    Kernels.store(dcls, grads.get(PRE + "embeddings.class_embedding"));
    INDArray dKernel = grads.get(PRE + "embeddings.patch_embedding.weight");
    CpuBlas.gemm(
        dEmb, true, pass.patches, false, dKernel.reshape('c', d, pass.patches.size(1)), false);
    pool.give(dEmb);
    pool.give(dh0);
  }
}
