package org.fairness4j.models.train;

import java.nio.FloatBuffer;
import java.util.Map;
import java.util.SplittableRandom;
import org.fairness4j.models.nn.CpuBlas;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The LoRA adapters of a {@link VitTower}, per layer and {@link Slot}: forward {@code out +=
 * scale·(drop(x)·Aᵀ)·Bᵀ} (peft's order, dropout on the adapter's input) and the hand-written
 * backward. Dropout masks come from a {@link MaskSource}, seeded per (step, layer, slot) by default
 * so that a recomputed block (gradient checkpointing) draws the same ones.
 */
final class VitLora {
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

  /**
   * Supplies a dropout mask (0 or 1/(1 − p)) [rows, width] for (layer, slot, step seed); {@code
   * module} is the adapted module's checkpoint name ({@link LoraSlot#name}, peft's name without
   * {@code .lora_A.weight}).
   */
  interface MaskSource {
    INDArray mask(int layer, Slot slot, String module, long seed, int rows, int width, double p);
  }

  private final LoraSlot[][] slots;
  private final ArrayPool pool;
  private MaskSource masks =
      (layer, slot, module, seed, rows, width, p) -> seededMask(layer, slot, seed, rows, width, p);

  /**
   * @param slots adapters per layer and slot (null entries where none)
   * @param pool the work arrays
   */
  VitLora(LoraSlot[][] slots, ArrayPool pool) {
    this.slots = slots;
    this.pool = pool;
  }

  void masks(MaskSource source) {
    this.masks = source;
  }

  /** Adds every adapter's A and B under peft's names. */
  void addTrainable(Map<String, INDArray> m) {
    for (LoraSlot[] layer : slots) {
      for (LoraSlot a : layer) {
        if (a != null) {
          m.put(a.name() + ".lora_A.weight", a.a());
          m.put(a.name() + ".lora_B.weight", a.b());
        }
      }
    }
  }

  /** The lowest layer with an adapter (the number of layers when none has). */
  int lowestAdapted() {
    for (int l = 0; l < slots.length; l++) {
      for (LoraSlot a : slots[l]) {
        if (a != null) {
          return l;
        }
      }
    }
    return slots.length;
  }

  /** out[:, from:from+width] += scale·(drop(x)·Aᵀ)·Bᵀ for the block's adapter in this slot. */
  void forward(
      int l,
      Slot slot,
      TowerPass.Block a,
      TowerPass pass,
      INDArray x,
      INDArray out,
      int ld,
      int from,
      int width) {
    LoraSlot ad = slots[l][slot.ordinal()];
    if (ad == null) {
      return;
    }
    int rows = (int) x.size(0);
    int inW = (int) x.size(1);
    int r = (int) ad.a().size(0);
    INDArray xd = x;
    if (pass.training && ad.dropout() > 0) {
      INDArray m = masks.mask(l, slot, ad.name(), pass.seed, rows, inW, ad.dropout());
      a.foreign.add(m);
      a.mask[slot.ordinal()] = m;
      xd = a.take(rows, inW);
      Elementwise.multiply(x, m, xd);
    }
    a.dropped[slot.ordinal()] = xd;
    INDArray low = a.take(rows, r);
    CpuBlas.gemm(xd, false, ad.a(), true, low, false);
    a.low[slot.ordinal()] = low;
    INDArray scaledB = ad.b().mul(ad.scale());
    CpuBlas.block(low, 0, r, false, scaledB, 0, r, true, out, from, ld, rows, width, r, true);
    scaledB.close();
  }

  /**
   * LoRA backward for the slot: dB = scale·dYᵀ·low, dlow = scale·dY·B, dA = dlowᵀ·drop(x), and dX
   * += (dlow·A)∘mask.
   */
  void backward(
      int l,
      Slot slot,
      TowerPass.Block a,
      INDArray dy,
      int ld,
      int from,
      int width,
      INDArray dx,
      Map<String, INDArray> grads) {
    LoraSlot ad = slots[l][slot.ordinal()];
    if (ad == null) {
      return;
    }
    int i = slot.ordinal();
    int rows = (int) dx.size(0);
    int r = (int) ad.a().size(0);
    INDArray dB = grads.get(ad.name() + ".lora_B.weight");
    CpuBlas.block(dy, from, ld, true, a.low[i], 0, r, false, dB, 0, r, width, r, rows, false);
    dB.muli(ad.scale());
    INDArray dlow = pool.take(rows, r);
    CpuBlas.block(dy, from, ld, false, ad.b(), 0, r, false, dlow, 0, r, rows, r, width, false);
    dlow.muli(ad.scale());
    CpuBlas.gemm(dlow, true, a.dropped[i], false, grads.get(ad.name() + ".lora_A.weight"), false);
    if (a.mask[i] == null) {
      CpuBlas.gemm(dlow, false, ad.a(), false, dx, true);
    } else {
      INDArray tmp = pool.take(dx.size(0), dx.size(1));
      CpuBlas.gemm(dlow, false, ad.a(), false, tmp, false);
      Elementwise.addMasked(dx, tmp, a.mask[i]);
      pool.give(tmp);
    }
    pool.give(dlow);
  }

  /** The default dropout masks: seeded per (step, layer, slot), so a recomputed block agrees. */
  static INDArray seededMask(int layer, Slot slot, long seed, int rows, int width, double p) {
    SplittableRandom rng =
        new SplittableRandom(seed * 0x9E3779B97F4A7C15L + layer * 31L + slot.ordinal());
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
