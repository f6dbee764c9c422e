package org.fairness4j.models.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class KernelsTest {
  private static INDArray random(Random r, int rows, int cols, double mean) {
    float[] v = new float[rows * cols];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (mean + r.nextGaussian());
    }
    return Nd4j.create(v, new long[] {rows, cols}, 'c');
  }

  @Test
  void columnSumsOfABlockEqualTheSumsInDouble() {
    Random r = new Random(7);
    int rows = 203;
    int ld = 300;
    INDArray dy = random(r, rows, ld, 0.5);
    float[] v = dy.data().asFloat();
    for (int[] block : new int[][] {{0, 300}, {100, 100}, {37, 5}}) {
      int from = block[0];
      int width = block[1];
      INDArray grad = Nd4j.create(DataType.FLOAT, width);
      Kernels.columnSums(dy, ld, from, width, grad);
      for (int c = 0; c < width; c++) {
        double want = 0;
        for (int row = 0; row < rows; row++) {
          want += v[row * ld + from + c];
        }
        assertEquals(want, grad.getDouble(c), 1e-6 * rows, "column " + (from + c));
      }
    }
  }

  @Test
  void columnSumsAreTheSameBitsAtEveryAlignment() {
    Random r = new Random(11);
    int rows = 788;
    int width = 768;
    INDArray dy = random(r, rows, width, 0.1);
    float[] v = dy.data().asFloat();
    INDArray first = Nd4j.create(DataType.FLOAT, width);
    Kernels.columnSums(dy, width, 0, width, first);
    for (int shift = 1; shift < 16; shift++) {
      // the same values at another offset in a wider array
      float[] s = new float[rows * (width + shift)];
      for (int row = 0; row < rows; row++) {
        System.arraycopy(v, row * width, s, row * (width + shift) + shift, width);
      }
      INDArray shifted = Nd4j.create(s, new long[] {rows, width + shift}, 'c');
      INDArray grad = Nd4j.create(DataType.FLOAT, width);
      Kernels.columnSums(shifted, width + shift, shift, width, grad);
      assertArrayEquals(first.data().asFloat(), grad.data().asFloat(), "shift " + shift);
    }
  }

  @Test
  void layerNormForwardAndBackwardMatchTheFormulaInDouble() {
    Random r = new Random(3);
    int rows = 64;
    int w = 203;
    INDArray x = random(r, rows, w, 4.0);
    INDArray g = random(r, 1, w, 1.0).reshape(w);
    INDArray b = random(r, 1, w, 0.0).reshape(w);
    INDArray dy = random(r, rows, w, 0.0);
    INDArray xhat = Nd4j.create(DataType.FLOAT, rows, w);
    INDArray y = Nd4j.create(DataType.FLOAT, rows, w);
    float[] rstd = new float[rows];
    double eps = 1e-5;
    Kernels.layerNorm(x, g, b, eps, xhat, rstd, y);
    INDArray dx = Nd4j.create(DataType.FLOAT, rows, w);
    double[] dg = new double[w];
    double[] db = new double[w];
    Kernels.layerNormBackward(dy, xhat, rstd, g, dx, false, dg, db);
    float[] xs = x.data().asFloat();
    float[] gs = g.data().asFloat();
    float[] bs = b.data().asFloat();
    float[] ds = dy.data().asFloat();
    double[] wantDg = new double[w];
    double[] wantDb = new double[w];
    for (int row = 0; row < rows; row++) {
      double mean = 0;
      for (int i = 0; i < w; i++) {
        mean += xs[row * w + i];
      }
      mean /= w;
      double var = 0;
      for (int i = 0; i < w; i++) {
        double c = xs[row * w + i] - mean;
        var += c * c;
      }
      double inv = 1 / Math.sqrt(var / w + eps);
      double[] h = new double[w];
      double s1 = 0;
      double s2 = 0;
      for (int i = 0; i < w; i++) {
        h[i] = (xs[row * w + i] - mean) * inv;
        double dh = ds[row * w + i] * gs[i];
        s1 += dh;
        s2 += dh * h[i];
        wantDg[i] += ds[row * w + i] * h[i];
        wantDb[i] += ds[row * w + i];
        assertEquals(h[i] * gs[i] + bs[i], y.getDouble(row, i), 1e-5, "y " + row + "," + i);
      }
      for (int i = 0; i < w; i++) {
        double dh = ds[row * w + i] * gs[i];
        double want = inv * (dh - s1 / w - h[i] * s2 / w);
        assertEquals(want, dx.getDouble(row, i), 1e-5 * (1 + Math.abs(want)), "dx " + row);
      }
    }
    for (int i = 0; i < w; i++) {
      assertEquals(wantDg[i], dg[i], 1e-4, "dg " + i);
      assertEquals(wantDb[i], db[i], 1e-9, "db " + i);
    }
  }
}
