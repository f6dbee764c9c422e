package org.fairness4j.models.nn;

import java.nio.FloatBuffer;
import java.util.stream.IntStream;

/**
 * The row kernels of {@link EagerPreLnBlocks}: LayerNorm without gain or bias over each row of a
 * float buffer (in parallel over row ranges for large inputs), and adding a bias to each row.
 */
final class RowLayerNorm {
  /** Rows below which a LayerNorm runs on one thread. */
  private static final int PARALLEL_ROWS = 256;

  private RowLayerNorm() {}

  /**
   * x[r] += bias (when given), then out[r] = (x[r] - mean) / sqrt(var + eps) (PyTorch's LayerNorm
   * without gain or bias, biased variance), for every row r of x [rows, width]; out's rows are
   * {@code outStride} apart.
   */
  static void apply(
      FloatBuffer x,
      float[] bias,
      FloatBuffer out,
      int rows,
      int width,
      int outStride,
      double eps) {
    if (rows < PARALLEL_ROWS) {
      range(x, bias, out, 0, rows, width, outStride, eps);
      return;
    }
    int parts = Math.min(rows / 64, Runtime.getRuntime().availableProcessors());
    IntStream.range(0, parts)
        .parallel()
        .forEach(
            p ->
                range(
                    x,
                    bias,
                    out,
                    (int) ((long) rows * p / parts),
                    (int) ((long) rows * (p + 1) / parts),
                    width,
                    outStride,
                    eps));
  }

  private static void range(
      FloatBuffer x,
      float[] bias,
      FloatBuffer out,
      int from,
      int to,
      int width,
      int outStride,
      double eps) {
    for (int r = from; r < to; r++) {
      int o = r * width;
      float sum = 0;
      if (bias == null) {
        for (int i = 0; i < width; i++) {
          sum += x.get(o + i);
        }
      } else {
        for (int i = 0; i < width; i++) {
          float value = x.get(o + i) + bias[i];
          x.put(o + i, value);
          sum += value;
        }
      }
      float mean = sum / width;
      float squares = 0;
      for (int i = 0; i < width; i++) {
        float c = x.get(o + i) - mean;
        squares += c * c;
      }
      float inv = (float) (1.0 / Math.sqrt(squares / (double) width + eps));
      int w = r * outStride;
      for (int i = 0; i < width; i++) {
        out.put(w + i, (x.get(o + i) - mean) * inv);
      }
    }
  }

  static void addRows(FloatBuffer x, float[] bias, int rows, int width) {
    for (int r = 0; r < rows; r++) {
      int o = r * width;
      for (int i = 0; i < width; i++) {
        x.put(o + i, x.get(o + i) + bias[i]);
      }
    }
  }
}
