package org.fairness4j.models.adapt;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * AdamW with PyTorch's {@code torch.optim.AdamW} semantics: decoupled weight decay {@code p ← p·(1
 * − lr·wd)}, then {@code m ← β1·m + (1−β1)·g}, {@code v ← β2·v + (1−β2)·g²}, {@code p ← p −
 * lr/(1−β1^t) · m / (√v/√(1−β2^t) + ε)}. Parameters are updated in place. Its state (moments and
 * step count) is part of a training checkpoint. Not thread-safe.
 */
public final class AdamW {
  /**
   * Hyper-parameters (PyTorch's defaults: β 0.9/0.999, ε 1e-8, weight decay 0.01).
   *
   * @param beta1 first-moment decay
   * @param beta2 second-moment decay
   * @param eps denominator epsilon
   * @param weightDecay decoupled weight decay
   */
  public record Settings(double beta1, double beta2, double eps, double weightDecay) {
    /** PyTorch's defaults. */
    public static final Settings DEFAULTS = new Settings(0.9, 0.999, 1e-8, 0.01);

    /**
     * Validates the settings.
     *
     * @param beta1 first-moment decay in [0, 1)
     * @param beta2 second-moment decay in [0, 1)
     * @param eps positive epsilon
     * @param weightDecay non-negative decay
     */
    public Settings {
      if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
        throw new IllegalArgumentException("betas must lie in [0, 1): " + beta1 + ", " + beta2);
      }
      if (!(eps > 0) || !(weightDecay >= 0)) {
        throw new IllegalArgumentException("need eps > 0 and weight decay >= 0");
      }
    }

    /**
     * Returns these settings with another weight decay.
     *
     * @param wd the weight decay
     * @return new settings
     */
    public Settings withWeightDecay(double wd) {
      return new Settings(beta1, beta2, eps, wd);
    }
  }

  /** Parts per core of the in-place update ({@code -Dfairness4j.train.partsPerCore}, default 1). */
  private static final int PARTS_PER_CORE =
      Math.max(1, Integer.getInteger("fairness4j.train.partsPerCore", 1));

  /** Values per heap chunk of the in-place update. */
  private static final int CHUNK = 4096;

  private final Settings settings;
  private final Map<String, INDArray> m = new LinkedHashMap<>();
  private final Map<String, INDArray> v = new LinkedHashMap<>();
  private long step;

  /**
   * Creates an optimizer with no state.
   *
   * @param settings hyper-parameters
   */
  public AdamW(Settings settings) {
    this.settings = settings;
  }

  /**
   * Returns the number of steps taken.
   *
   * @return steps
   */
  public long steps() {
    return step;
  }

  /**
   * Takes one step: updates every parameter that has a gradient, in place.
   *
   * @param params parameter name to live array
   * @param grads parameter name to gradient (same shape)
   * @param lr the learning rate of this step
   * @param lrScale per-parameter learning-rate multiplier (e.g. 0.1 for encoder weights), or null
   */
  public void step(
      Map<String, INDArray> params,
      Map<String, INDArray> grads,
      double lr,
      java.util.function.ToDoubleFunction<String> lrScale) {
    step++;
    double bc1 = 1 - Math.pow(settings.beta1(), step);
    double bc2Sqrt = Math.sqrt(1 - Math.pow(settings.beta2(), step));
    for (Map.Entry<String, INDArray> e : params.entrySet()) {
      INDArray g = grads.get(e.getKey());
      if (g == null) {
        continue;
      }
      INDArray p = e.getValue();
      double rate = lr * (lrScale == null ? 1.0 : lrScale.applyAsDouble(e.getKey()));
      INDArray mt = m.computeIfAbsent(e.getKey(), k -> p.ulike().assign(0));
      INDArray vt = v.computeIfAbsent(e.getKey(), k -> p.ulike().assign(0));
      if (inPlace(p, g, mt, vt)) {
        update(p, g, mt, vt, rate, bc1, bc2Sqrt);
        continue;
      }
      if (settings.weightDecay() > 0) {
        p.muli(1 - rate * settings.weightDecay());
      }
      mt.muli(settings.beta1()).addi(g.mul(1 - settings.beta1()));
      vt.muli(settings.beta2()).addi(g.mul(g).muli(1 - settings.beta2()));
      INDArray denom = Transforms.sqrt(vt, true).divi(bc2Sqrt).addi(settings.eps());
      p.subi(mt.div(denom).muli(rate / bc1));
    }
  }

  /**
   * Whether all four arrays are contiguous float 'c' arrays in host memory of equal length (views
   * of a contiguous range of a larger array included).
   */
  private static boolean inPlace(INDArray... a) {
    for (INDArray x : a) {
      if (x.dataType() != org.nd4j.linalg.api.buffer.DataType.FLOAT
          || x.ordering() != 'c'
          || x.elementWiseStride() != 1
          || x.length() != a[0].length()
          || !org.fairness4j.models.nn.CpuBlas.available()) {
        return false;
      }
    }
    return true;
  }

  /**
   * The same update as the ND4J ops below, in one pass over the host memory of each array, split
   * over the cores: no temporaries, which for full fine-tuning of a ViT-B are 86 million values
   * each. In float, as PyTorch's AdamW computes for float parameters; each part copies {@link
   * #CHUNK} values at a time into heap arrays (bulk copies), where the loop — square root and
   * division included — is one the JIT vectorises (in double, or element by element on the native
   * buffers, it is not, and took three quarters of the Java time of a full fine-tuning step).
   */
  private void update(
      INDArray p, INDArray g, INDArray m, INDArray v, double rate, double bc1, double bc2Sqrt) {
    // a view's buffer is its whole base array's: its values start at its offset
    java.nio.FloatBuffer ps = p.data().asNioFloat();
    java.nio.FloatBuffer gs = g.data().asNioFloat();
    java.nio.FloatBuffer ms = m.data().asNioFloat();
    java.nio.FloatBuffer vs = v.data().asNioFloat();
    int po = (int) p.offset();
    int go = (int) g.offset();
    int mo = (int) m.offset();
    int vo = (int) v.offset();
    float decay = (float) (1 - rate * settings.weightDecay());
    float b1 = (float) settings.beta1();
    float c1 = (float) (1 - settings.beta1());
    float b2 = (float) settings.beta2();
    float c2 = (float) (1 - settings.beta2());
    float eps = (float) settings.eps();
    float bc2 = (float) bc2Sqrt;
    float step = (float) (rate / bc1);
    int n = (int) p.length();
    // parts per core: see the eager trainer's Kernels.PARTS_PER_CORE
    int parts = n < 1 << 16 ? 1 : PARTS_PER_CORE * Runtime.getRuntime().availableProcessors();
    java.util.stream.IntStream.range(0, parts)
        .parallel()
        .forEach(
            part -> {
              int from = (int) ((long) n * part / parts);
              int to = (int) ((long) n * (part + 1) / parts);
              float[] pc = new float[Math.min(CHUNK, Math.max(1, to - from))];
              float[] gc = new float[pc.length];
              float[] mc = new float[pc.length];
              float[] vc = new float[pc.length];
              for (int at = from; at < to; at += CHUNK) {
                int len = Math.min(CHUNK, to - at);
                gs.get(go + at, gc, 0, len);
                ms.get(mo + at, mc, 0, len);
                vs.get(vo + at, vc, 0, len);
                ps.get(po + at, pc, 0, len);
                for (int i = 0; i < len; i++) {
                  float gi = gc[i];
                  float mi = b1 * mc[i] + c1 * gi;
                  float vi = b2 * vc[i] + c2 * (gi * gi);
                  mc[i] = mi;
                  vc[i] = vi;
                  pc[i] = pc[i] * decay - step * mi / ((float) Math.sqrt(vi) / bc2 + eps);
                }
                ms.put(mo + at, mc, 0, len);
                vs.put(vo + at, vc, 0, len);
                ps.put(po + at, pc, 0, len);
              }
            });
  }

  /**
   * Returns the state for a checkpoint: {@code m/NAME}, {@code v/NAME} copies.
   *
   * @return the moments by name
   */
  public Map<String, INDArray> state() {
    Map<String, INDArray> s = new LinkedHashMap<>();
    m.forEach((k, a) -> s.put("m/" + k, a.dup()));
    v.forEach((k, a) -> s.put("v/" + k, a.dup()));
    return s;
  }

  /**
   * Restores the state written by {@link #state()} and the step count.
   *
   * @param state the moments
   * @param steps the step count
   */
  public void restore(Map<String, INDArray> state, long steps) {
    m.clear();
    v.clear();
    state.forEach(
        (k, a) -> {
          if (k.startsWith("m/")) {
            m.put(k.substring(2), a.dup());
          } else if (k.startsWith("v/")) {
            v.put(k.substring(2), a.dup());
          }
        });
    this.step = steps;
  }

  /**
   * Scales gradients in place so that their global L2 norm is at most {@code maxNorm}, as PyTorch's
   * {@code clip_grad_norm_} does (coefficient {@code maxNorm / (norm + 1e-6)}, at most 1).
   *
   * @param grads the gradients
   * @param maxNorm the largest norm allowed
   * @return the norm before clipping
   */
  public static double clipGlobalNorm(Map<String, INDArray> grads, double maxNorm) {
    double sq = 0;
    for (INDArray g : grads.values()) {
      double n = g.norm2Number().doubleValue();
      sq += n * n;
    }
    double norm = Math.sqrt(sq);
    double coef = maxNorm / (norm + 1e-6);
    if (coef < 1) {
      grads.values().forEach(g -> g.muli(coef));
    }
    return norm;
  }
}
