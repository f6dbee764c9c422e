package org.fairness4j.models.train;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Element-wise forward and backward kernels of the eager trainer on the native memory of contiguous
 * float arrays: LayerNorm, row softmax, quick and exact GELU, bias sums. Sums run in double.
 */
final class Kernels {
  private static final double SQRT_HALF = Math.sqrt(0.5);
  private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

  /** Elements below which a kernel runs on one thread. */
  private static final int PARALLEL_ELEMENTS = 1 << 15;

  private Kernels() {}

  /** A range of rows [from, to) of a kernel's work. */
  interface Rows {
    void run(int part, int from, int to);
  }

  /** Splits rows into one part per core when there is enough work ({@code width} per row). */
  static int parts(int rows, int width) {
    return (long) rows * width < PARALLEL_ELEMENTS
        ? 1
        : Math.min(rows, Runtime.getRuntime().availableProcessors());
  }

  /** Runs body over rows in {@code parts} contiguous parts, in parallel when parts > 1. */
  static void split(int rows, int parts, Rows body) {
    if (parts == 1) {
      body.run(0, 0, rows);
      return;
    }
    java.util.stream.IntStream.range(0, parts)
        .parallel()
        .forEach(
            p ->
                body.run(
                    p, (int) ((long) rows * p / parts), (int) ((long) rows * (p + 1) / parts)));
  }

  static FloatBuffer fb(INDArray a) {
    return a.data().asNioFloat();
  }

  static INDArray zeros(long... shape) {
    return Nd4j.zeros(DataType.FLOAT, shape);
  }

  static INDArray empty(long... shape) {
    return Nd4j.createUninitialized(DataType.FLOAT, shape);
  }

  /** y = x̂·g + b with x̂ = (x − mean)·rstd per row of x [rows, width]; stores x̂ and rstd. */
  static void layerNorm(
      INDArray x, INDArray g, INDArray b, double eps, INDArray xhat, float[] rstd, INDArray y) {
    int rows = (int) x.size(0);
    int w = (int) x.size(1);
    FloatBuffer xs = fb(x);
    FloatBuffer hs = fb(xhat);
    FloatBuffer ys = fb(y);
    FloatBuffer gs = fb(g);
    FloatBuffer bs = fb(b);
    split(
        rows,
        parts(rows, w),
        (part, from, to) -> layerNormRows(xs, gs, bs, eps, hs, rstd, ys, w, from, to));
  }

  private static void layerNormRows(
      FloatBuffer xs,
      FloatBuffer gs,
      FloatBuffer bs,
      double eps,
      FloatBuffer hs,
      float[] rstd,
      FloatBuffer ys,
      int w,
      int from,
      int to) {
    for (int r = from; r < to; r++) {
      int o = r * w;
      double sum = 0;
      for (int i = 0; i < w; i++) {
        sum += xs.get(o + i);
      }
      double mean = sum / w;
      double sq = 0;
      for (int i = 0; i < w; i++) {
        double c = xs.get(o + i) - mean;
        sq += c * c;
      }
      double inv = 1 / Math.sqrt(sq / w + eps);
      rstd[r] = (float) inv;
      for (int i = 0; i < w; i++) {
        float h = (float) ((xs.get(o + i) - mean) * inv);
        hs.put(o + i, h);
        ys.put(o + i, h * gs.get(i) + bs.get(i));
      }
    }
  }

  /**
   * LayerNorm backward: dx (+)= rstd·(dx̂ − mean(dx̂) − x̂·mean(dx̂·x̂)) with dx̂ = dy·g; adds to
   * the gain and bias gradients (when not null).
   */
  static void layerNormBackward(
      INDArray dy,
      INDArray xhat,
      float[] rstd,
      INDArray g,
      INDArray dx,
      boolean accumulate,
      double[] dg,
      double[] db) {
    int rows = (int) dy.size(0);
    int w = (int) dy.size(1);
    FloatBuffer ds = fb(dy);
    FloatBuffer hs = fb(xhat);
    FloatBuffer gs = fb(g);
    FloatBuffer out = fb(dx);
    int parts = parts(rows, w);
    double[][] pg = new double[parts][];
    double[][] pb = new double[parts][];
    split(
        rows,
        parts,
        (part, from, to) -> {
          double[] g1 = dg == null ? null : new double[w];
          double[] b1 = dg == null ? null : new double[w];
          pg[part] = g1;
          pb[part] = b1;
          layerNormBackwardRows(ds, hs, gs, rstd, out, accumulate, g1, b1, w, from, to);
        });
    if (dg != null) {
      for (int p = 0; p < parts; p++) {
        for (int i = 0; i < w; i++) {
          dg[i] += pg[p][i];
          db[i] += pb[p][i];
        }
      }
    }
  }

  private static void layerNormBackwardRows(
      FloatBuffer ds,
      FloatBuffer hs,
      FloatBuffer gs,
      float[] rstd,
      FloatBuffer out,
      boolean accumulate,
      double[] dg,
      double[] db,
      int w,
      int from,
      int to) {
    double[] dh = new double[w];
    for (int r = from; r < to; r++) {
      int o = r * w;
      double s1 = 0;
      double s2 = 0;
      for (int i = 0; i < w; i++) {
        double d = ds.get(o + i);
        double h = hs.get(o + i);
        if (dg != null) {
          dg[i] += d * h;
          db[i] += d;
        }
        double v = d * gs.get(i);
        dh[i] = v;
        s1 += v;
        s2 += v * h;
      }
      double m1 = s1 / w;
      double m2 = s2 / w;
      double inv = rstd[r];
      for (int i = 0; i < w; i++) {
        float v = (float) (inv * (dh[i] - m1 - hs.get(o + i) * m2));
        out.put(o + i, accumulate ? out.get(o + i) + v : v);
      }
    }
  }

  /** Row softmax of scale·s in place over rows of length n starting at offset. */
  static void softmaxRows(FloatBuffer s, long offset, int rows, int n, float scale) {
    for (int r = 0; r < rows; r++) {
      int o = (int) (offset + (long) r * n);
      float max = Float.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        max = Math.max(max, s.get(o + i) * scale);
      }
      double sum = 0;
      for (int i = 0; i < n; i++) {
        float e = (float) Math.exp(s.get(o + i) * scale - max);
        s.put(o + i, e);
        sum += e;
      }
      float inv = (float) (1 / sum);
      for (int i = 0; i < n; i++) {
        s.put(o + i, s.get(o + i) * inv);
      }
    }
  }

  /** dS = scale·P∘(dP − Σ dP∘P) per row, written over dP (rows of n from offset 0). */
  static void softmaxBackward(
      FloatBuffer p, long pOffset, FloatBuffer dp, int rows, int n, float scale) {
    for (int r = 0; r < rows; r++) {
      int o = r * n;
      int po = (int) (pOffset + o);
      double dot = 0;
      for (int i = 0; i < n; i++) {
        dot += (double) dp.get(o + i) * p.get(po + i);
      }
      float fdot = (float) dot;
      for (int i = 0; i < n; i++) {
        dp.put(o + i, scale * p.get(po + i) * (dp.get(o + i) - fdot));
      }
    }
  }

  /**
   * a = GELU(u) element-wise, and u is overwritten with GELU'(u), all the backward pass needs. The
   * quick GELU's sigmoid runs as ND4J's vectorised op.
   */
  static void geluWithDerivative(boolean quick, INDArray u, INDArray a) {
    FloatBuffer us = fb(u);
    FloatBuffer as = fb(a);
    int n = (int) u.length();
    if (quick) {
      // the sigmoid is computed into a (no temporary array), then overwritten element by element
      u.mul(1.702, a);
      org.nd4j.linalg.ops.transforms.Transforms.sigmoid(a, false);
      split(
          n,
          parts(n, 1),
          (part, from, to) -> {
            for (int i = from; i < to; i++) {
              double x = us.get(i);
              double sg = as.get(i);
              as.put(i, (float) (x * sg));
              us.put(i, (float) (sg + 1.702 * x * sg * (1 - sg)));
            }
          });
      return;
    }
    split(
        n,
        parts(n, 1),
        (part, from, to) -> {
          for (int i = from; i < to; i++) {
            double x = us.get(i);
            double cdf = 0.5 * (1 + erf(x * SQRT_HALF));
            as.put(i, (float) (x * cdf));
            us.put(i, (float) (cdf + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x)));
          }
        });
  }

  /** x ∘= y element-wise. */
  static void multiplyInPlace(INDArray x, INDArray y) {
    FloatBuffer xs = fb(x);
    FloatBuffer ys = fb(y);
    int n = (int) x.length();
    split(
        n,
        parts(n, 1),
        (part, from, to) -> {
          for (int i = from; i < to; i++) {
            xs.put(i, xs.get(i) * ys.get(i));
          }
        });
  }

  /** Adds the column sums of x [rows, width] to acc. */
  static void columnSums(INDArray x, double[] acc) {
    int rows = (int) x.size(0);
    int w = (int) x.size(1);
    FloatBuffer xs = fb(x);
    for (int r = 0; r < rows; r++) {
      int o = r * w;
      for (int i = 0; i < w; i++) {
        acc[i] += xs.get(o + i);
      }
    }
  }

  /** Adds the column sums of the columns [from, from + width) of x [rows, ld] to acc. */
  static void columnSums(INDArray x, int ld, int from, int width, double[] acc) {
    int rows = (int) (x.length() / ld);
    FloatBuffer xs = fb(x);
    for (int r = 0; r < rows; r++) {
      int o = r * ld + from;
      for (int i = 0; i < width; i++) {
        acc[i] += xs.get(o + i);
      }
    }
  }

  /** Adds bias [width] to the columns [from, from + width) of every row of x [rows, ld]. */
  static void addBias(INDArray x, int ld, int from, INDArray bias) {
    int rows = (int) (x.length() / ld);
    int width = (int) bias.length();
    FloatBuffer xs = fb(x);
    FloatBuffer bs = fb(bias);
    for (int r = 0; r < rows; r++) {
      int o = r * ld + from;
      for (int i = 0; i < width; i++) {
        xs.put(o + i, xs.get(o + i) + bs.get(i));
      }
    }
  }

  /** Writes acc into a float array. */
  static void store(double[] acc, INDArray out) {
    FloatBuffer os = fb(out);
    for (int i = 0; i < acc.length; i++) {
      os.put(i, (float) acc[i]);
    }
  }

  /** out = x ∘ mask element-wise (same length). */
  static void multiply(INDArray x, INDArray mask, INDArray out) {
    FloatBuffer xs = fb(x);
    FloatBuffer ms = fb(mask);
    FloatBuffer os = fb(out);
    int n = (int) x.length();
    for (int i = 0; i < n; i++) {
      os.put(i, xs.get(i) * ms.get(i));
    }
  }

  /** x += y ∘ mask element-wise. */
  static void addMasked(INDArray x, INDArray y, INDArray mask) {
    FloatBuffer xs = fb(x);
    FloatBuffer ys = fb(y);
    FloatBuffer ms = fb(mask);
    int n = (int) x.length();
    for (int i = 0; i < n; i++) {
      xs.put(i, xs.get(i) + ys.get(i) * ms.get(i));
    }
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
