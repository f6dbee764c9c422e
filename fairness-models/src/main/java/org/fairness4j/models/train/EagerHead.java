package org.fairness4j.models.train;

import java.util.LinkedHashMap;
import java.util.Map;
import org.fairness4j.models.adapt.ClassifierHead;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The study's heads ({@link ClassifierHead.Kind}) in double-precision Java loops, with backward:
 * Linear; Linear → Linear; Linear → BatchNorm1d (batch statistics in training, running statistics
 * with momentum 0.1 and unbiased variance in evaluation, as PyTorch) → ReLU → Linear. Parameters
 * and buffers are the live arrays under {@code head.*} names. Not thread-safe.
 */
final class EagerHead {
  private static final double BN_EPS = 1e-5;
  private static final double BN_MOMENTUM = 0.1;

  private final ClassifierHead.Kind kind;
  private final Map<String, INDArray> params = new LinkedHashMap<>();
  private final Map<String, INDArray> buffers = new LinkedHashMap<>();

  EagerHead(ClassifierHead.Kind kind, int input, int hidden, int classes, Map<String, INDArray> w) {
    this.kind = kind;
    Map<String, INDArray> plain = new LinkedHashMap<>();
    w.forEach((k, v) -> plain.put(k.startsWith("head.") ? k.substring(5) : k, v));
    Map<String, long[]> shapes = ClassifierHead.shapes(kind, input, hidden, classes);
    for (Map.Entry<String, long[]> e : shapes.entrySet()) {
      INDArray a = plain.get(e.getKey());
      if (a == null || !java.util.Arrays.equals(a.shape(), e.getValue())) {
        throw new IllegalArgumentException(
            "head weight head."
                + e.getKey()
                + (a == null ? " is missing" : " has shape " + java.util.Arrays.toString(a.shape()))
                + ", expected "
                + java.util.Arrays.toString(e.getValue()));
      }
      params.put("head." + e.getKey(), a.castTo(DataType.FLOAT).dup('c'));
    }
    if (kind == ClassifierHead.Kind.MLP) {
      INDArray rm = plain.get("bn.running_mean");
      INDArray rv = plain.get("bn.running_var");
      buffers.put(
          "head.bn.running_mean",
          rm != null ? rm.castTo(DataType.FLOAT).dup('c') : Nd4j.zeros(DataType.FLOAT, hidden));
      buffers.put(
          "head.bn.running_var",
          rv != null ? rv.castTo(DataType.FLOAT).dup('c') : Nd4j.ones(DataType.FLOAT, hidden));
    }
  }

  Map<String, INDArray> parameters() {
    return params;
  }

  Map<String, INDArray> buffers() {
    return buffers;
  }

  /** What backward needs from a training forward. */
  private static final class Cache {
    double[][] x;
    double[][] h;
    double[][] xhat;
    double[] rstd;
    double[][] r;
  }

  private Cache cache;

  /**
   * Logits [batch][classes] of embeddings e [batch, input]; in training keeps what backward needs
   * and updates the BatchNorm running statistics.
   */
  double[][] forward(INDArray e, boolean training) {
    double[][] x = rows(e);
    Cache c = new Cache();
    c.x = x;
    double[][] logits;
    if (kind == ClassifierHead.Kind.LINEAR) {
      logits = linear(x, "fc");
    } else if (kind == ClassifierHead.Kind.LINEAR_HIDDEN) {
      c.h = linear(x, "fc1");
      logits = linear(c.h, "fc2");
    } else {
      double[][] h = linear(x, "fc1");
      c.h = h;
      int n = h.length;
      int w = h[0].length;
      float[] g = params.get("head.bn.weight").dup('c').data().asFloat();
      float[] b = params.get("head.bn.bias").dup('c').data().asFloat();
      double[][] r = new double[n][w];
      if (training) {
        c.xhat = new double[n][w];
        c.rstd = new double[w];
        INDArray rm = buffers.get("head.bn.running_mean");
        INDArray rv = buffers.get("head.bn.running_var");
        for (int j = 0; j < w; j++) {
          double mean = 0;
          for (double[] row : h) {
            mean += row[j];
          }
          mean /= n;
          double var = 0;
          for (double[] row : h) {
            var += (row[j] - mean) * (row[j] - mean);
          }
          var /= n;
          double inv = 1 / Math.sqrt(var + BN_EPS);
          c.rstd[j] = inv;
          for (int i = 0; i < n; i++) {
            c.xhat[i][j] = (h[i][j] - mean) * inv;
            r[i][j] = Math.max(0, c.xhat[i][j] * g[j] + b[j]);
          }
          double unbiased = var * n / Math.max(1, n - 1);
          rm.putScalar(j, (1 - BN_MOMENTUM) * rm.getDouble(j) + BN_MOMENTUM * mean);
          rv.putScalar(j, (1 - BN_MOMENTUM) * rv.getDouble(j) + BN_MOMENTUM * unbiased);
        }
      } else {
        float[] rm = buffers.get("head.bn.running_mean").dup('c').data().asFloat();
        float[] rv = buffers.get("head.bn.running_var").dup('c').data().asFloat();
        for (int j = 0; j < w; j++) {
          double inv = 1 / Math.sqrt(rv[j] + BN_EPS);
          for (int i = 0; i < n; i++) {
            r[i][j] = Math.max(0, (h[i][j] - rm[j]) * inv * g[j] + b[j]);
          }
        }
      }
      c.r = r;
      logits = linear(r, "fc2");
    }
    cache = training ? c : null;
    return logits;
  }

  /** Backward from dlogits: fills the head's gradients and returns d embeddings [batch, input]. */
  INDArray backward(double[][] dLogits, Map<String, INDArray> grads) {
    Cache c = cache;
    double[][] dx;
    if (kind == ClassifierHead.Kind.LINEAR) {
      dx = linearBackward(dLogits, c.x, "fc", grads);
    } else if (kind == ClassifierHead.Kind.LINEAR_HIDDEN) {
      double[][] dh = linearBackward(dLogits, c.h, "fc2", grads);
      dx = linearBackward(dh, c.x, "fc1", grads);
    } else {
      double[][] dr = linearBackward(dLogits, c.r, "fc2", grads);
      int n = dr.length;
      int w = dr[0].length;
      float[] g = params.get("head.bn.weight").dup('c').data().asFloat();
      float[] b = params.get("head.bn.bias").dup('c').data().asFloat();
      double[] dg = new double[w];
      double[] db = new double[w];
      double[][] dh = new double[n][w];
      for (int j = 0; j < w; j++) {
        double s1 = 0;
        double s2 = 0;
        double[] dxh = new double[n];
        for (int i = 0; i < n; i++) {
          double pre = c.xhat[i][j] * g[j] + b[j];
          double d = pre > 0 ? dr[i][j] : 0;
          dg[j] += d * c.xhat[i][j];
          db[j] += d;
          dxh[i] = d * g[j];
          s1 += dxh[i];
          s2 += dxh[i] * c.xhat[i][j];
        }
        for (int i = 0; i < n; i++) {
          dh[i][j] = c.rstd[j] * (dxh[i] - s1 / n - c.xhat[i][j] * s2 / n);
        }
      }
      put(grads, "head.bn.weight", dg);
      put(grads, "head.bn.bias", db);
      dx = linearBackward(dh, c.x, "fc1", grads);
    }
    int n = dx.length;
    int in = dx[0].length;
    float[] flat = new float[n * in];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < in; j++) {
        flat[i * in + j] = (float) dx[i][j];
      }
    }
    return Nd4j.create(flat, new long[] {n, in}, 'c');
  }

  private double[][] linear(double[][] x, String name) {
    INDArray wa = params.get("head." + name + ".weight");
    int out = (int) wa.size(0);
    int in = (int) wa.size(1);
    float[] wt = wa.dup('c').data().asFloat();
    float[] b = params.get("head." + name + ".bias").dup('c').data().asFloat();
    double[][] y = new double[x.length][out];
    for (int i = 0; i < x.length; i++) {
      for (int o = 0; o < out; o++) {
        double sum = b[o];
        int base = o * in;
        for (int k = 0; k < in; k++) {
          sum += x[i][k] * wt[base + k];
        }
        y[i][o] = sum;
      }
    }
    return y;
  }

  private double[][] linearBackward(
      double[][] dy, double[][] x, String name, Map<String, INDArray> grads) {
    INDArray wa = params.get("head." + name + ".weight");
    int out = (int) wa.size(0);
    int in = (int) wa.size(1);
    float[] wt = wa.dup('c').data().asFloat();
    double[] dw = new double[out * in];
    double[] db = new double[out];
    double[][] dx = new double[dy.length][in];
    for (int i = 0; i < dy.length; i++) {
      for (int o = 0; o < out; o++) {
        double d = dy[i][o];
        if (d == 0) {
          continue;
        }
        db[o] += d;
        int base = o * in;
        for (int k = 0; k < in; k++) {
          dw[base + k] += d * x[i][k];
          dx[i][k] += d * wt[base + k];
        }
      }
    }
    put(grads, "head." + name + ".weight", dw);
    put(grads, "head." + name + ".bias", db);
    return dx;
  }

  private static void put(Map<String, INDArray> grads, String name, double[] v) {
    Kernels.store(v, grads.get(name));
  }

  private static double[][] rows(INDArray e) {
    int n = (int) e.size(0);
    int in = (int) e.size(1);
    float[] f = e.dup('c').dup('c').data().asFloat();
    double[][] x = new double[n][in];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < in; j++) {
        x[i][j] = f[i * in + j];
      }
    }
    return x;
  }
}
