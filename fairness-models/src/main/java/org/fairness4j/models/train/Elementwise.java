package org.fairness4j.models.train;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Element-wise kernels of the eager trainer (GELU with its derivative, products with masks) on
 * contiguous float arrays. Each runs over chunks copied to heap arrays, where the JIT vectorises
 * the arithmetic (element access through the native buffers is not vectorised), split over the
 * cores.
 */
final class Elementwise {
  private static final double SQRT_HALF = Math.sqrt(0.5);
  private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

  /** Elements per heap chunk. */
  private static final int CHUNK = 4096;

  private Elementwise() {}

  /** The arithmetic on one chunk of n elements: x and y are overwritten with the results. */
  private interface Chunk {
    void run(float[] x, float[] y, float[] z, int n);
  }

  /**
   * Runs body over chunks of xs, ys and zs (zs may be null), in parallel parts, writing the chunks
   * of xs (and of ys when writeY) back.
   */
  private static void chunks(
      FloatBuffer xs, FloatBuffer ys, FloatBuffer zs, int n, boolean writeY, Chunk body) {
    Kernels.split(
        n,
        Kernels.parts(n, 1),
        (part, from, to) -> {
          float[] x = new float[CHUNK];
          float[] y = new float[CHUNK];
          float[] z = zs == null ? null : new float[CHUNK];
          for (int o = from; o < to; o += CHUNK) {
            int len = Math.min(CHUNK, to - o);
            xs.get(o, x, 0, len);
            ys.get(o, y, 0, len);
            if (zs != null) {
              zs.get(o, z, 0, len);
            }
            body.run(x, y, z, len);
            xs.put(o, x, 0, len);
            if (writeY) {
              ys.put(o, y, 0, len);
            }
          }
        });
  }

  /**
   * a = GELU(u) element-wise, and u is overwritten with GELU'(u), all the backward pass needs. The
   * quick GELU's sigmoid runs as ND4J's vectorised op, into a.
   */
  static void geluWithDerivative(boolean quick, INDArray u, INDArray a) {
    int n = (int) u.length();
    if (quick) {
      u.mul(1.702, a);
      Transforms.sigmoid(a, false);
      chunks(
          Kernels.fb(u),
          Kernels.fb(a),
          null,
          n,
          true,
          (x, sg, unused, len) -> {
            for (int i = 0; i < len; i++) {
              float xi = x[i];
              float si = sg[i];
              sg[i] = xi * si;
              x[i] = si + 1.702f * xi * si * (1 - si);
            }
          });
      return;
    }
    chunks(
        Kernels.fb(u),
        Kernels.fb(a),
        null,
        n,
        true,
        (x, out, unused, len) -> {
          for (int i = 0; i < len; i++) {
            double xi = x[i];
            double cdf = 0.5 * (1 + erf(xi * SQRT_HALF));
            out[i] = (float) (xi * cdf);
            x[i] = (float) (cdf + xi * INV_SQRT_2PI * Math.exp(-0.5 * xi * xi));
          }
        });
  }

  /** x ∘= y element-wise. */
  static void multiplyInPlace(INDArray x, INDArray y) {
    chunks(
        Kernels.fb(x),
        Kernels.fb(y),
        null,
        (int) x.length(),
        false,
        (xs, ys, unused, len) -> {
          for (int i = 0; i < len; i++) {
            xs[i] *= ys[i];
          }
        });
  }

  /** out = x ∘ mask element-wise (same length). */
  static void multiply(INDArray x, INDArray mask, INDArray out) {
    Kernels.fb(out).put(0, Kernels.fb(x), 0, (int) x.length());
    multiplyInPlace(out, mask);
  }

  /** x += y ∘ mask element-wise. */
  static void addMasked(INDArray x, INDArray y, INDArray mask) {
    chunks(
        Kernels.fb(x),
        Kernels.fb(y),
        Kernels.fb(mask),
        (int) x.length(),
        false,
        (xs, ys, ms, len) -> {
          for (int i = 0; i < len; i++) {
            xs[i] += ys[i] * ms[i];
          }
        });
  }

  /**
   * The error function in double: its Maclaurin series below 2.5, Lentz's continued fraction of
   * erfc above (both accurate to about 1e-14).
   */
  static double erf(double x) {
    double ax = Math.abs(x);
    double r;
    if (ax < 2.5) {
      double term = ax;
      double sum = ax;
      double x2 = ax * ax;
      for (int n = 1; n < 80; n++) {
        term *= -x2 / n;
        double add = term / (2 * n + 1);
        sum += add;
        if (Math.abs(add) < 1e-17 * Math.abs(sum)) {
          break;
        }
      }
      r = 2 / Math.sqrt(Math.PI) * sum;
    } else if (ax > 6) {
      r = 1;
    } else {
      // erfc(x) = exp(-x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))), evaluated backwards
      double f = ax;
      for (int k = 60; k >= 1; k--) {
        f = ax + (k / 2.0) / f;
      }
      r = 1 - Math.exp(-ax * ax) / Math.sqrt(Math.PI) / f;
    }
    return x < 0 ? -r : r;
  }
}
