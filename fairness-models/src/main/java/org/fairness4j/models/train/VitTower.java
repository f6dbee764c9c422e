package org.fairness4j.models.train;

import java.nio.FloatBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairness4j.models.nn.CpuBlas;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A Hugging Face CLIP vision tower and its projection, trained eagerly: patch embedding as a
 * product over flattened patches, class token, position embedding, pre-LayerNorm, pre-LN blocks
 * (LayerNorm, attention with softmax, quick or exact GELU MLP), class-token pooling, post-LayerNorm
 * and the visual projection; optional LoRA adapters ({@link LoraSlot}) on the block's projections.
 * The forward pass keeps what the hand-written backward pass needs (or, with gradient
 * checkpointing, only each block's input, recomputing the block during backward). Weights are the
 * live arrays under PyTorch names and layout. Not thread-safe.
 */
final class VitTower {
  /** Which projection of a block a LoRA adapter wraps. */
  enum Slot {
    QKV,
    Q,
    K,
    V,
    OUT,
    FC1,
    FC2
  }

  /** A LoRA adapter: A [r, in], B [out, r], scale α/r, dropout on its input. */
  record LoraSlot(String name, INDArray a, INDArray b, double scale, double dropout) {}

  /** Supplies a dropout mask (0 or 1/(1 − p)) [rows, width] for (layer, slot, step seed). */
  interface MaskSource {
    INDArray mask(int layer, Slot slot, long seed, int rows, int width, double p);
  }

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

  private final Shape s;
  private final Map<String, INDArray> w;
  private final LoraSlot[][] lora;
  private final boolean full;
  private final String pre = "vision_model.";
  private MaskSource masks = VitTower::seededMask;
  private boolean checkpointing;

  /** Per layer, q/k/v weights stacked [3d, d] and biases [3d] (copies; refreshed when full). */
  private final INDArray[] qkvWeight;

  private final INDArray[] qkvBias;

  /**
   * @param shape the shape
   * @param weights every tower weight under its PyTorch name (contiguous float 'c')
   * @param lora adapters per layer and slot (null entries where none)
   * @param full whether the tower's own weights train
   */
  VitTower(Shape shape, Map<String, INDArray> weights, LoraSlot[][] lora, boolean full) {
    this.s = shape;
    this.w = weights;
    this.lora = lora;
    this.full = full;
    this.qkvWeight = new INDArray[shape.layers()];
    this.qkvBias = new INDArray[shape.layers()];
    fuseQkv();
  }

  /**
   * Copies each layer's q, k and v weights and biases into the stacked arrays, so that the three
   * projections run as one product. Once for a frozen tower; before every pass when the tower's own
   * weights train (they change at each optimiser step).
   */
  private void fuseQkv() {
    int d = s.width();
    String[] names = {"q_proj", "k_proj", "v_proj"};
    for (int l = 0; l < s.layers(); l++) {
      if (qkvWeight[l] == null) {
        qkvWeight[l] = Kernels.empty(3L * d, d);
        qkvBias[l] = Kernels.empty(3L * d);
      }
      for (int i = 0; i < 3; i++) {
        String base = layerName(l, "self_attn." + names[i]);
        Kernels.fb(qkvWeight[l]).put(i * d * d, Kernels.fb(wt(base + ".weight")), 0, d * d);
        Kernels.fb(qkvBias[l]).put(i * d, Kernels.fb(wt(base + ".bias")), 0, d);
      }
    }
  }

  Shape shape() {
    return s;
  }

  void checkpointing(boolean on) {
    this.checkpointing = on;
  }

  void masks(MaskSource source) {
    this.masks = source;
  }

  private INDArray wt(String name) {
    INDArray a = w.get(pre + name);
    if (a == null) {
      throw new IllegalStateException("missing weight " + pre + name);
    }
    return a;
  }

  private String layerName(int l, String rest) {
    return "encoder.layers." + l + "." + rest;
  }

  /** The trainable tensors of the tower by name (full fine-tuning: all; LoRA: the adapters). */
  Map<String, INDArray> trainable() {
    Map<String, INDArray> m = new LinkedHashMap<>();
    if (full) {
      m.putAll(w);
    }
    for (LoraSlot[] layer : lora) {
      for (LoraSlot a : layer) {
        if (a != null) {
          m.put(a.name() + ".lora_A.weight", a.a());
          m.put(a.name() + ".lora_B.weight", a.b());
        }
      }
    }
    return m;
  }

  /**
   * Free work arrays by shape, reused across passes and steps so that a step allocates its
   * activations and gradients once per batch shape instead of afresh (emptied when the batch size
   * changes). Arrays from the pool hold stale values: callers overwrite them, or use {@link
   * #takeZeros}.
   */
  private final Map<List<Long>, ArrayDeque<INDArray>> pool = new HashMap<>();

  private int pooledBatch = -1;

  private INDArray take(long... shape) {
    ArrayDeque<INDArray> free = pool.get(key(shape));
    INDArray x = free == null ? null : free.pollFirst();
    return x != null ? x : Kernels.empty(shape);
  }

  private INDArray takeZeros(long... shape) {
    INDArray x = take(shape);
    x.assign(0);
    return x;
  }

  /** A pooled copy of x. */
  private INDArray copy(INDArray x) {
    INDArray c = take(x.shape());
    Kernels.fb(c).put(0, Kernels.fb(x), 0, (int) x.length());
    return c;
  }

  /** Returns x (no longer used by anyone) to the pool. */
  private void give(INDArray x) {
    pool.computeIfAbsent(key(x.shape()), k -> new ArrayDeque<>()).addFirst(x);
  }

  private static List<Long> key(long[] shape) {
    List<Long> k = new ArrayList<>(shape.length);
    for (long v : shape) {
      k.add(v);
    }
    return k;
  }

  private void drainPool() {
    for (ArrayDeque<INDArray> free : pool.values()) {
      for (INDArray x : free) {
        x.close();
      }
    }
    pool.clear();
  }

  /** Activations of one block. */
  private final class Acts {
    final List<INDArray> owned = new ArrayList<>();

    /** Arrays from outside the pool (dropout masks): closed, not pooled. */
    final List<INDArray> foreign = new ArrayList<>();

    INDArray xIn;
    INDArray xhat1;
    float[] rstd1;
    INDArray y1;
    INDArray qkv;
    INDArray p;
    INDArray ctx;
    INDArray xMid;
    INDArray xhat2;
    float[] rstd2;
    INDArray y2;
    INDArray u;
    INDArray a;
    INDArray xOut;
    final INDArray[] mask = new INDArray[Slot.values().length];
    final INDArray[] dropped = new INDArray[Slot.values().length];
    final INDArray[] low = new INDArray[Slot.values().length];

    INDArray own(INDArray x) {
      owned.add(x);
      return x;
    }

    /** Frees every array this block allocated except its output. */
    void release(boolean keepOutput) {
      for (INDArray x : owned) {
        if (!(keepOutput && x == xOut)) {
          give(x);
        }
      }
      owned.clear();
      for (INDArray x : foreign) {
        x.close();
      }
      foreign.clear();
    }
  }

  /** What a forward pass keeps for backward. */
  final class Pass {
    final int batch;
    final long seed;
    final boolean training;
    INDArray patches;
    INDArray xhat0;
    float[] rstd0;
    final List<Acts> blocks = new ArrayList<>();
    INDArray zhat;
    float[] rstdPost;
    INDArray z;
    INDArray embeds;
    final List<INDArray> owned = new ArrayList<>();

    Pass(int batch, long seed, boolean training) {
      this.batch = batch;
      this.seed = seed;
      this.training = training;
    }

    INDArray own(INDArray x) {
      owned.add(x);
      return x;
    }

    /** The projected embeddings [batch, projection]. */
    INDArray embeddings() {
      return embeds;
    }

    /** Frees every activation. */
    void close() {
      for (Acts a : blocks) {
        a.release(false);
      }
      blocks.clear();
      for (INDArray x : owned) {
        give(x);
      }
      owned.clear();
    }

    /** Bytes of native memory held for backward. */
    long bytes() {
      long n = 0;
      for (INDArray x : owned) {
        n += x.length() * 4;
      }
      for (Acts a : blocks) {
        for (INDArray x : a.owned) {
          n += x.length() * 4;
        }
      }
      return n;
    }
  }

  /**
   * Runs the tower on pixels [batch, channels, size, size].
   *
   * @param pixels the images (float)
   * @param training whether dropout applies and activations are kept for {@link #backward}
   * @param seed the step's seed (dropout masks)
   * @return the pass (its embeddings, and what backward needs)
   */
  Pass forward(INDArray pixels, boolean training, long seed) {
    int batch = (int) pixels.size(0);
    int g = s.grid();
    int n = g * g;
    int t = s.tokens();
    int d = s.width();
    int rows = batch * t;
    int p = s.patch();
    long cpp = (long) s.channels() * p * p;
    if (full) {
      fuseQkv();
    }
    if (batch != pooledBatch) {
      drainPool();
      pooledBatch = batch;
    }
    Pass pass = new Pass(batch, seed, training);
    INDArray patches = pass.own(take((long) batch * n, cpp));
    patches
        .reshape('c', batch, g, g, s.channels(), p, p)
        .assign(pixels.reshape('c', batch, s.channels(), g, p, g, p).permute(0, 2, 4, 1, 3, 5));
    pass.patches = patches;
    INDArray kernel = wt("embeddings.patch_embedding.weight").reshape('c', d, cpp);
    INDArray emb = take((long) batch * n, d);
    CpuBlas.gemm(patches, false, kernel, true, emb, false);
    INDArray h0 = take(rows, d);
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
    give(emb);
    pass.xhat0 = pass.own(take(rows, d));
    pass.rstd0 = new float[rows];
    INDArray x = pass.own(take(rows, d));
    Kernels.layerNorm(
        h0, wt("pre_layrnorm.weight"), wt("pre_layrnorm.bias"), s.eps(), pass.xhat0, pass.rstd0, x);
    give(h0);
    for (int l = 0; l < s.layers(); l++) {
      Acts acts = new Acts();
      acts.xIn = x;
      block(l, acts, pass);
      x = acts.xOut;
      if (!training || checkpointing) {
        acts.release(true);
        // keep only the block's output (the next block's input) as the pass's own array
        pass.own(x);
        if (training) {
          Acts kept = new Acts();
          kept.xIn = acts.xIn;
          pass.blocks.add(kept);
        }
      } else {
        pass.blocks.add(acts);
      }
    }
    INDArray pooled = pass.own(take(batch, d));
    FloatBuffer xs = Kernels.fb(x);
    FloatBuffer pl = Kernels.fb(pooled);
    for (int b = 0; b < batch; b++) {
      for (int i = 0; i < d; i++) {
        pl.put(b * d + i, xs.get(b * t * d + i));
      }
    }
    pass.zhat = pass.own(take(batch, d));
    pass.rstdPost = new float[batch];
    pass.z = pass.own(take(batch, d));
    Kernels.layerNorm(
        pooled,
        wt("post_layernorm.weight"),
        wt("post_layernorm.bias"),
        s.eps(),
        pass.zhat,
        pass.rstdPost,
        pass.z);
    pass.embeds = pass.own(take(batch, s.projection()));
    CpuBlas.gemm(pass.z, false, w.get("visual_projection.weight"), true, pass.embeds, false);
    return pass;
  }

  /** One block's forward from acts.xIn. */
  private void block(int l, Acts a, Pass pass) {
    int batch = pass.batch;
    int t = s.tokens();
    int d = s.width();
    int rows = batch * t;
    int in = s.intermediate();
    LoraSlot[] ad = lora[l];
    a.xhat1 = a.own(take(rows, d));
    a.rstd1 = new float[rows];
    a.y1 = a.own(take(rows, d));
    Kernels.layerNorm(
        a.xIn,
        wt(layerName(l, "layer_norm1.weight")),
        wt(layerName(l, "layer_norm1.bias")),
        s.eps(),
        a.xhat1,
        a.rstd1,
        a.y1);
    a.qkv = a.own(take(rows, 3L * d));
    // q, k and v in one product against the fused [3d, d] weight
    CpuBlas.gemm(a.y1, false, qkvWeight[l], true, a.qkv, false);
    addBias(a.qkv, 3 * d, 0, qkvBias[l]);
    loraForward(l, Slot.QKV, a, pass, a.y1, a.qkv, 3 * d, 0, 3 * d);
    loraForward(l, Slot.Q, a, pass, a.y1, a.qkv, 3 * d, 0, d);
    loraForward(l, Slot.K, a, pass, a.y1, a.qkv, 3 * d, d, d);
    loraForward(l, Slot.V, a, pass, a.y1, a.qkv, 3 * d, 2 * d, d);
    a.p = a.own(take(batch, s.heads(), t, t));
    a.ctx = a.own(take(rows, d));
    attention(a, batch);
    a.xMid = a.own(copy(a.xIn));
    String out = layerName(l, "self_attn.out_proj");
    CpuBlas.gemm(a.ctx, false, wt(out + ".weight"), true, a.xMid, true);
    addBias(a.xMid, d, 0, wt(out + ".bias"));
    loraForward(l, Slot.OUT, a, pass, a.ctx, a.xMid, d, 0, d);
    a.xhat2 = a.own(take(rows, d));
    a.rstd2 = new float[rows];
    a.y2 = a.own(take(rows, d));
    Kernels.layerNorm(
        a.xMid,
        wt(layerName(l, "layer_norm2.weight")),
        wt(layerName(l, "layer_norm2.bias")),
        s.eps(),
        a.xhat2,
        a.rstd2,
        a.y2);
    a.u = a.own(take(rows, in));
    CpuBlas.gemm(a.y2, false, wt(layerName(l, "mlp.fc1.weight")), true, a.u, false);
    addBias(a.u, in, 0, wt(layerName(l, "mlp.fc1.bias")));
    loraForward(l, Slot.FC1, a, pass, a.y2, a.u, in, 0, in);
    a.a = a.own(take(rows, in));
    Elementwise.geluWithDerivative(s.quickGelu(), a.u, a.a);
    a.xOut = a.own(copy(a.xMid));
    CpuBlas.gemm(a.a, false, wt(layerName(l, "mlp.fc2.weight")), true, a.xOut, true);
    addBias(a.xOut, d, 0, wt(layerName(l, "mlp.fc2.bias")));
    loraForward(l, Slot.FC2, a, pass, a.a, a.xOut, d, 0, d);
  }

  /** out[:, from:from+width] += scale·(drop(x)·Aᵀ)·Bᵀ for the block's adapter in this slot. */
  private void loraForward(
      int l, Slot slot, Acts a, Pass pass, INDArray x, INDArray out, int ld, int from, int width) {
    LoraSlot ad = lora[l][slot.ordinal()];
    if (ad == null) {
      return;
    }
    int rows = (int) x.size(0);
    int inW = (int) x.size(1);
    int r = (int) ad.a().size(0);
    INDArray xd = x;
    if (pass.training && ad.dropout() > 0) {
      INDArray m = masks.mask(l, slot, pass.seed, rows, inW, ad.dropout());
      a.foreign.add(m);
      a.mask[slot.ordinal()] = m;
      xd = a.own(take(rows, inW));
      Elementwise.multiply(x, m, xd);
    }
    a.dropped[slot.ordinal()] = xd;
    INDArray low = a.own(take(rows, r));
    CpuBlas.gemm(xd, false, ad.a(), true, low, false);
    a.low[slot.ordinal()] = low;
    INDArray scaledB = ad.b().mul(ad.scale());
    CpuBlas.block(low, 0, r, false, scaledB, 0, r, true, out, from, ld, rows, width, r, true);
    scaledB.close();
  }

  /** Per-head softmax attention from a.qkv into a.p and a.ctx. */
  private void attention(Acts a, int batch) {
    int t = s.tokens();
    int d = s.width();
    int heads = s.heads();
    int hd = d / heads;
    int ld = 3 * d;
    int sq = t * t;
    float scale = (float) (1 / Math.sqrt(hd));
    for (int b = 0; b < batch; b++) {
      for (int h = 0; h < heads; h++) {
        long q = (long) b * t * ld + (long) h * hd;
        long so = ((long) b * heads + h) * sq;
        CpuBlas.block(a.qkv, q, ld, false, a.qkv, q + d, ld, true, a.p, so, t, t, t, hd, false);
      }
    }
    // ND4J's vectorised softmax over all heads at once
    a.p.muli(scale);
    Nd4j.exec((CustomOp) new SoftMax(a.p, a.p, 3));
    for (int b = 0; b < batch; b++) {
      for (int h = 0; h < heads; h++) {
        long q = (long) b * t * ld + (long) h * hd;
        long so = ((long) b * heads + h) * sq;
        long ctxo = (long) b * t * d + (long) h * hd;
        CpuBlas.block(
            a.p, so, t, false, a.qkv, q + 2L * d, ld, false, a.ctx, ctxo, d, t, hd, t, false);
      }
    }
  }

  /**
   * Backward pass from the gradient of the embeddings [batch, projection]: fills grads (keys of
   * {@link #trainable()}).
   */
  void backward(Pass pass, INDArray dEmbeds, Map<String, INDArray> grads) {
    int batch = pass.batch;
    int t = s.tokens();
    int d = s.width();
    int rows = batch * t;
    if (full) {
      CpuBlas.gemm(dEmbeds, true, pass.z, false, grads.get("visual_projection.weight"), false);
    }
    INDArray dz = take(batch, d);
    CpuBlas.gemm(dEmbeds, false, w.get("visual_projection.weight"), false, dz, false);
    INDArray dPooled = take(batch, d);
    double[] dg = full ? new double[d] : null;
    double[] db = full ? new double[d] : null;
    Kernels.layerNormBackward(
        dz, pass.zhat, pass.rstdPost, wt("post_layernorm.weight"), dPooled, false, dg, db);
    give(dz);
    if (full) {
      Kernels.store(dg, grads.get(pre + "post_layernorm.weight"));
      Kernels.store(db, grads.get(pre + "post_layernorm.bias"));
    }
    INDArray dx = takeZeros(rows, d);
    FloatBuffer dxs = Kernels.fb(dx);
    FloatBuffer dps = Kernels.fb(dPooled);
    for (int b = 0; b < batch; b++) {
      for (int i = 0; i < d; i++) {
        dxs.put(b * t * d + i, dps.get(b * d + i));
      }
    }
    give(dPooled);
    int lowest = full ? 0 : lowestAdapted();
    for (int l = s.layers() - 1; l >= lowest; l--) {
      Acts a = pass.blocks.get(l);
      if (checkpointing) {
        Acts re = new Acts();
        re.xIn = a.xIn;
        block(l, re, pass);
        a = re;
      }
      INDArray next = blockBackward(l, a, pass, dx, grads, full || l > lowest);
      give(dx);
      dx = next;
      if (checkpointing) {
        a.release(false);
      }
    }
    if (full) {
      INDArray dh0 = take(rows, d);
      double[] pg = new double[d];
      double[] pbias = new double[d];
      Kernels.layerNormBackward(
          dx, pass.xhat0, pass.rstd0, wt("pre_layrnorm.weight"), dh0, false, pg, pbias);
      Kernels.store(pg, grads.get(pre + "pre_layrnorm.weight"));
      Kernels.store(pbias, grads.get(pre + "pre_layrnorm.bias"));
      int n = t - 1;
      double[] dpos = new double[t * d];
      double[] dcls = new double[d];
      FloatBuffer hs = Kernels.fb(dh0);
      INDArray dEmb = take((long) batch * n, d);
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
      Kernels.store(dpos, grads.get(pre + "embeddings.position_embedding.weight"));
      Kernels.store(dcls, grads.get(pre + "embeddings.class_embedding"));
      INDArray dKernel = grads.get(pre + "embeddings.patch_embedding.weight");
      CpuBlas.gemm(
          dEmb, true, pass.patches, false, dKernel.reshape('c', d, pass.patches.size(1)), false);
      give(dEmb);
      give(dh0);
    }
    give(dx);
  }

  private int lowestAdapted() {
    for (int l = 0; l < lora.length; l++) {
      for (LoraSlot a : lora[l]) {
        if (a != null) {
          return l;
        }
      }
    }
    return s.layers();
  }

  /** One block's backward: returns the gradient of its input. */
  private INDArray blockBackward(
      int l, Acts a, Pass pass, INDArray dOut, Map<String, INDArray> grads, boolean needInput) {
    int batch = pass.batch;
    int t = s.tokens();
    int d = s.width();
    int rows = batch * t;
    int in = s.intermediate();
    // MLP
    INDArray da = take(rows, in);
    String fc2 = pre + layerName(l, "mlp.fc2");
    CpuBlas.gemm(dOut, false, w.get(fc2 + ".weight"), false, da, false);
    if (full) {
      CpuBlas.gemm(dOut, true, a.a, false, grads.get(fc2 + ".weight"), false);
      biasGrad(dOut, d, 0, d, grads.get(fc2 + ".bias"));
    }
    loraBackward(l, Slot.FC2, a, dOut, d, 0, d, da, grads);
    Elementwise.multiplyInPlace(da, a.u); // a.u holds GELU'(u)
    String fc1 = pre + layerName(l, "mlp.fc1");
    INDArray dy2 = take(rows, d);
    CpuBlas.gemm(da, false, w.get(fc1 + ".weight"), false, dy2, false);
    if (full) {
      CpuBlas.gemm(da, true, a.y2, false, grads.get(fc1 + ".weight"), false);
      biasGrad(da, in, 0, in, grads.get(fc1 + ".bias"));
    }
    loraBackward(l, Slot.FC1, a, da, in, 0, in, dy2, grads);
    give(da);
    INDArray dMid = copy(dOut);
    String ln2 = pre + layerName(l, "layer_norm2");
    double[] g2 = full ? new double[d] : null;
    double[] b2 = full ? new double[d] : null;
    Kernels.layerNormBackward(dy2, a.xhat2, a.rstd2, w.get(ln2 + ".weight"), dMid, true, g2, b2);
    give(dy2);
    if (full) {
      Kernels.store(g2, grads.get(ln2 + ".weight"));
      Kernels.store(b2, grads.get(ln2 + ".bias"));
    }
    // attention output projection
    String out = pre + layerName(l, "self_attn.out_proj");
    INDArray dctx = take(rows, d);
    CpuBlas.gemm(dMid, false, w.get(out + ".weight"), false, dctx, false);
    if (full) {
      CpuBlas.gemm(dMid, true, a.ctx, false, grads.get(out + ".weight"), false);
      biasGrad(dMid, d, 0, d, grads.get(out + ".bias"));
    }
    loraBackward(l, Slot.OUT, a, dMid, d, 0, d, dctx, grads);
    INDArray dqkv = take(rows, 3L * d);
    attentionBackward(a, batch, dctx, dqkv);
    give(dctx);
    INDArray dy1 = take(rows, d);
    // dY1 = dQKV·W_qkv in one product
    CpuBlas.gemm(dqkv, false, qkvWeight[l], false, dy1, false);
    if (full) {
      String[] qkvNames = {"q_proj", "k_proj", "v_proj"};
      for (int i = 0; i < 3; i++) {
        String base = pre + layerName(l, "self_attn." + qkvNames[i]);
        CpuBlas.block(
            dqkv,
            (long) i * d,
            3 * d,
            true,
            a.y1,
            0,
            d,
            false,
            grads.get(base + ".weight"),
            0,
            d,
            d,
            d,
            rows,
            false);
        biasGrad(dqkv, 3 * d, i * d, d, grads.get(base + ".bias"));
      }
    }
    loraBackward(l, Slot.QKV, a, dqkv, 3 * d, 0, 3 * d, dy1, grads);
    loraBackward(l, Slot.Q, a, dqkv, 3 * d, 0, d, dy1, grads);
    loraBackward(l, Slot.K, a, dqkv, 3 * d, d, d, dy1, grads);
    loraBackward(l, Slot.V, a, dqkv, 3 * d, 2 * d, d, dy1, grads);
    give(dqkv);
    INDArray dIn = dMid;
    if (needInput || full) {
      String ln1 = pre + layerName(l, "layer_norm1");
      double[] g1 = full ? new double[d] : null;
      double[] b1 = full ? new double[d] : null;
      Kernels.layerNormBackward(dy1, a.xhat1, a.rstd1, w.get(ln1 + ".weight"), dIn, true, g1, b1);
      if (full) {
        Kernels.store(g1, grads.get(ln1 + ".weight"));
        Kernels.store(b1, grads.get(ln1 + ".bias"));
      }
    }
    give(dy1);
    return dIn;
  }

  /** grad = column sums of the block [from, from + width) of dy [rows, ld], as a product. */
  private void biasGrad(INDArray dy, int ld, int from, int width, INDArray grad) {
    int rows = (int) (dy.length() / ld);
    CpuBlas.block(
        ones(rows), 0, rows, false, dy, from, ld, false, grad, 0, width, 1, width, rows, false);
  }

  /** out[:, from:from+width] += bias for every row, as a rank-one product. */
  private void addBias(INDArray out, int ld, int from, INDArray bias) {
    int rows = (int) (out.length() / ld);
    int width = (int) bias.length();
    CpuBlas.block(
        ones(rows), 0, 1, false, bias, 0, width, false, out, from, ld, rows, width, 1, true);
  }

  private INDArray ones;

  private INDArray ones(int n) {
    if (ones == null || ones.length() < n) {
      ones = Nd4j.ones(org.nd4j.linalg.api.buffer.DataType.FLOAT, n);
    }
    return ones;
  }

  /**
   * LoRA backward for the slot: dB = scale·dYᵀ·low, dlow = scale·dY·B, dA = dlowᵀ·drop(x), and dX
   * += (dlow·A)∘mask.
   */
  private void loraBackward(
      int l,
      Slot slot,
      Acts a,
      INDArray dy,
      int ld,
      int from,
      int width,
      INDArray dx,
      Map<String, INDArray> grads) {
    LoraSlot ad = lora[l][slot.ordinal()];
    if (ad == null) {
      return;
    }
    int i = slot.ordinal();
    int rows = (int) dx.size(0);
    int r = (int) ad.a().size(0);
    INDArray dB = grads.get(ad.name() + ".lora_B.weight");
    CpuBlas.block(dy, from, ld, true, a.low[i], 0, r, false, dB, 0, r, width, r, rows, false);
    dB.muli(ad.scale());
    INDArray dlow = take(rows, r);
    CpuBlas.block(dy, from, ld, false, ad.b(), 0, r, false, dlow, 0, r, rows, r, width, false);
    dlow.muli(ad.scale());
    CpuBlas.gemm(dlow, true, a.dropped[i], false, grads.get(ad.name() + ".lora_A.weight"), false);
    if (a.mask[i] == null) {
      CpuBlas.gemm(dlow, false, ad.a(), false, dx, true);
    } else {
      INDArray tmp = take(dx.size(0), dx.size(1));
      CpuBlas.gemm(dlow, false, ad.a(), false, tmp, false);
      Elementwise.addMasked(dx, tmp, a.mask[i]);
      give(tmp);
    }
    give(dlow);
  }

  /**
   * Attention backward: from dctx [rows, d] into dqkv [rows, 3d] (overwritten). The softmax
   * backward runs once over every head's rows, split over the cores, between the products.
   */
  private void attentionBackward(Acts a, int batch, INDArray dctx, INDArray dqkv) {
    int t = s.tokens();
    int d = s.width();
    int heads = s.heads();
    int hd = d / heads;
    int ld = 3 * d;
    int sq = t * t;
    float scale = (float) (1 / Math.sqrt(hd));
    INDArray dp = take(batch, heads, t, t);
    for (int b = 0; b < batch; b++) {
      for (int h = 0; h < heads; h++) {
        long v = (long) b * t * ld + (long) h * hd + 2L * d;
        long so = ((long) b * heads + h) * sq;
        long co = (long) b * t * d + (long) h * hd;
        // dP = dctx·Vᵀ, dV = Pᵀ·dctx
        CpuBlas.block(dctx, co, d, false, a.qkv, v, ld, true, dp, so, t, t, t, hd, false);
        CpuBlas.block(a.p, so, t, true, dctx, co, d, false, dqkv, v, ld, t, hd, t, false);
      }
    }
    Kernels.softmaxBackward(a.p, dp, batch * heads * t, t, scale);
    for (int b = 0; b < batch; b++) {
      for (int h = 0; h < heads; h++) {
        long q = (long) b * t * ld + (long) h * hd;
        long k = q + d;
        long so = ((long) b * heads + h) * sq;
        // dQ = dS·K, dK = dSᵀ·Q (dS carries the scale)
        CpuBlas.block(dp, so, t, false, a.qkv, k, ld, false, dqkv, q, ld, t, hd, t, false);
        CpuBlas.block(dp, so, t, true, a.qkv, q, ld, false, dqkv, k, ld, t, hd, t, false);
      }
    }
    give(dp);
  }

  /** The default dropout masks: seeded per (step, layer, slot), so a recomputed block agrees. */
  static INDArray seededMask(int layer, Slot slot, long seed, int rows, int width, double p) {
    java.util.SplittableRandom rng =
        new java.util.SplittableRandom(seed * 0x9E3779B97F4A7C15L + layer * 31L + slot.ordinal());
    float keep = (float) (1 / (1 - p));
    INDArray m = Kernels.empty(rows, width);
    FloatBuffer ms = Kernels.fb(m);
    int n = rows * width;
    for (int i = 0; i < n; i++) {
      ms.put(i, rng.nextDouble() < p ? 0f : keep);
    }
    return m;
  }
}
