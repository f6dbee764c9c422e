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
  /** Elements below which a kernel runs on one thread. */
  private static final int PARALLEL_ELEMENTS = 1 << 15;

  private Kernels() {}

  /** A range of rows [from, to) of a kernel's work. */
  interface Rows {
    void run(int part, int from, int to);
  }

  /**
   * Parts per core of a parallel kernel ({@code -Dfairness4j.train.partsPerCore}, default 1). More
   * parts than cores would let a thread that finishes early take the parts of one held up by the
   * BLAS library's spinning threads (Intel OpenMP's block time); 4 per core measured slower and
   * cost more CPU time in two paired runs (docs/performance.md, session 9), so the default stays
   * one part per core. AdamW's in-place update reads the same property.
   */
  static final int PARTS_PER_CORE =
      Math.max(1, Integer.getInteger("fairness4j.train.partsPerCore", 1));

  /**
   * Splits rows into {@link #PARTS_PER_CORE} parts per core when there is enough work ({@code
   * width} per row). The count depends only on the sizes and the core count, so kernels that keep
   * partial sums per part give the same bits run to run.
   */
  static int parts(int rows, int width) {
    return (long) rows * width < PARALLEL_ELEMENTS
        ? 1
        : Math.min(rows, PARTS_PER_CORE * Runtime.getRuntime().availableProcessors());
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

  static INDArray empty(long... shape) {
    return Nd4j.createUninitialized(DataType.FLOAT, shape);
  }

  /** Copies a float array's values to the heap. */
  static float[] heap(INDArray a) {
    float[] h = new float[(int) a.length()];
    fb(a).get(0, h);
    return h;
  }

  /**
   * y = x̂·g + b with x̂ = (x − mean)·rstd per row of x [rows, width]; stores x̂ and rstd. Each row
   * is copied to the heap, where the JIT vectorises the element-wise parts.
   */
  static void layerNorm(
      INDArray x, INDArray g, INDArray b, double eps, INDArray xhat, float[] rstd, INDArray y) {
    int rows = (int) x.size(0);
    int w = (int) x.size(1);
    FloatBuffer xs = fb(x);
    FloatBuffer hs = fb(xhat);
    FloatBuffer ys = fb(y);
    float[] gs = heap(g);
    float[] bs = heap(b);
    split(
        rows,
        parts(rows, w),
        (part, from, to) -> {
          float[] row = new float[w];
          float[] h = new float[w];
          for (int r = from; r < to; r++) {
            int o = r * w;
            xs.get(o, row);
            rstd[r] = layerNormRow(row, gs, bs, eps, h);
            hs.put(o, h);
            ys.put(o, row);
          }
        });
  }

  /**
   * One row: h = x̂, row = x̂·g + b (over x); returns rstd. Mean and variance are summed in double
   * over four interleaved partial sums (independent additions, not one chain); the element-wise
   * parts run in float, where the JIT vectorises them (as PyTorch's float LayerNorm computes).
   */
  private static float layerNormRow(float[] row, float[] g, float[] b, double eps, float[] h) {
    int w = row.length;
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = 0;
    for (; i + 3 < w; i += 4) {
      s0 += row[i];
      s1 += row[i + 1];
      s2 += row[i + 2];
      s3 += row[i + 3];
    }
    for (; i < w; i++) {
      s0 += row[i];
    }
    double mean = ((s0 + s1) + (s2 + s3)) / w;
    s0 = 0;
    s1 = 0;
    s2 = 0;
    s3 = 0;
    for (i = 0; i + 3 < w; i += 4) {
      double c0 = row[i] - mean;
      double c1 = row[i + 1] - mean;
      double c2 = row[i + 2] - mean;
      double c3 = row[i + 3] - mean;
      s0 += c0 * c0;
      s1 += c1 * c1;
      s2 += c2 * c2;
      s3 += c3 * c3;
    }
    for (; i < w; i++) {
      double c = row[i] - mean;
      s0 += c * c;
    }
    double inv = 1 / Math.sqrt(((s0 + s1) + (s2 + s3)) / w + eps);
    float m = (float) mean;
    float r = (float) inv;
    for (i = 0; i < w; i++) {
      float v = (row[i] - m) * r;
      h[i] = v;
      row[i] = v * g[i] + b[i];
    }
    return r;
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
    float[] gs = heap(g);
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
          float[] d = new float[w];
          float[] h = new float[w];
          float[] o = new float[w];
          float[] dh = new float[w];
          for (int r = from; r < to; r++) {
            ds.get(r * w, d);
            hs.get(r * w, h);
            if (accumulate) {
              out.get(r * w, o);
            }
            layerNormBackwardRow(d, h, gs, rstd[r], o, accumulate, g1, b1, dh);
            out.put(r * w, o);
          }
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

  /**
   * One row of the LayerNorm backward. The gain and bias gradients and the two row sums add up in
   * double; the element-wise parts run in float (vectorised by the JIT). (Two interleaved partial
   * sums per row sum measured slower here: 1.9 against 1.0 ms per 788 × 768.)
   */
  private static void layerNormBackwardRow(
      float[] d,
      float[] h,
      float[] g,
      float inv,
      float[] out,
      boolean accumulate,
      double[] dg,
      double[] db,
      float[] dh) {
    int w = d.length;
    if (dg != null) {
      for (int i = 0; i < w; i++) {
        dg[i] += (double) d[i] * h[i];
        db[i] += d[i];
      }
    }
    double s1 = 0;
    double s2 = 0;
    for (int i = 0; i < w; i++) {
      float v = d[i] * g[i];
      dh[i] = v;
      s1 += v;
      s2 += (double) v * h[i];
    }
    float m1 = (float) (s1 / w);
    float m2 = (float) (s2 / w);
    if (accumulate) {
      for (int i = 0; i < w; i++) {
        out[i] += inv * (dh[i] - m1 - h[i] * m2);
      }
    } else {
      for (int i = 0; i < w; i++) {
        out[i] = inv * (dh[i] - m1 - h[i] * m2);
      }
    }
  }

  /**
   * dS = scale·P∘(dP − Σ dP∘P) per row, written over dP; P and dP hold {@code rows} rows of n from
   * offset 0, split over the cores.
   */
  static void softmaxBackward(INDArray p, INDArray dp, int rows, int n, float scale) {
    FloatBuffer ps = fb(p);
    FloatBuffer ds = fb(dp);
    split(
        rows,
        parts(rows, n),
        (part, from, to) -> {
          float[] pr = new float[n];
          float[] dr = new float[n];
          for (int r = from; r < to; r++) {
            ps.get(r * n, pr);
            ds.get(r * n, dr);
            double dot = 0;
            for (int i = 0; i < n; i++) {
              dot += (double) dr[i] * pr[i];
            }
            float fdot = (float) dot;
            for (int i = 0; i < n; i++) {
              dr[i] = scale * pr[i] * (dr[i] - fdot);
            }
            ds.put(r * n, dr);
          }
        });
  }

  /** Rows summed in float before each addition to a column's double sum. */
  private static final int SUM_BLOCK = 8;

  /**
   * grad = the column sums of the block [from, from + width) of dy [rows, ld] (a bias's gradient).
   * Each column is summed over the rows in order: {@link #SUM_BLOCK} rows at a time in float (a
   * loop the JIT vectorises), each block's sum then added to a double. The columns are split over
   * the cores, so the bits depend neither on the core count nor on the memory's alignment (a BLAS
   * one-row product picks its kernel by alignment: docs/reproducibility.md).
   */
  static void columnSums(INDArray dy, int ld, int from, int width, INDArray grad) {
    int rows = (int) (dy.length() / ld);
    FloatBuffer ds = fb(dy);
    FloatBuffer gs = fb(grad);
    split(
        width,
        parts(width, rows),
        (part, c0, c1) -> {
          int n = c1 - c0;
          double[] acc = new double[n];
          float[] block = new float[n];
          float[] line = new float[n];
          for (int r = 0; r < rows; r += SUM_BLOCK) {
            int end = Math.min(rows, r + SUM_BLOCK);
            ds.get(r * ld + from + c0, block, 0, n);
            for (int q = r + 1; q < end; q++) {
              ds.get(q * ld + from + c0, line, 0, n);
              for (int i = 0; i < n; i++) {
                block[i] += line[i];
              }
            }
            for (int i = 0; i < n; i++) {
              acc[i] += block[i];
            }
          }
          for (int i = 0; i < n; i++) {
            gs.put(c0 + i, (float) acc[i]);
          }
        });
  }

  /** Writes acc into a float array. */
  static void store(double[] acc, INDArray out) {
    FloatBuffer os = fb(out);
    for (int i = 0; i < acc.length; i++) {
      os.put(i, (float) acc[i]);
    }
  }
}
