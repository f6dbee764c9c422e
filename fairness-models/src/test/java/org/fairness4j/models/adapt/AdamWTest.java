package org.fairness4j.models.adapt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The in-place AdamW update (float, heap chunks, split over the cores) gives, bit for bit,
 * PyTorch's {@code torch.optim.AdamW} formula evaluated element by element in float, across chunk
 * and part boundaries (a length above the parallel threshold and no multiple of the chunk), and
 * agrees with the ND4J-ops path for arrays it cannot update in place. (Agreement with PyTorch
 * itself: EagerVitClassifierParityTest and EncoderClassifierParityTest, three AdamW steps against
 * torch fixtures.)
 */
class AdamWTest {
  private static final AdamW.Settings S = AdamW.Settings.DEFAULTS.withWeightDecay(0.05);

  @Test
  void inPlaceUpdateEqualsElementwiseFormulaBitForBit() {
    int n = 70_001; // > 2^16 (parts over the cores), not a multiple of the 4096-value chunk
    SplittableRandom r = new SplittableRandom(7);
    float[] p0 = new float[n];
    float[][] g = new float[3][n];
    for (int i = 0; i < n; i++) {
      p0[i] = (float) r.nextGaussian();
      for (int s = 0; s < 3; s++) {
        g[s][i] = (float) (r.nextGaussian() * 1e-2);
      }
    }
    INDArray p = Nd4j.create(p0.clone(), new long[] {n}, DataType.FLOAT);
    AdamW opt = new AdamW(S);
    double[] lr = {1e-3, 5e-4, 2e-4};
    float[] pe = p0.clone();
    float[] me = new float[n];
    float[] ve = new float[n];
    for (int s = 0; s < 3; s++) {
      opt.step(
          Map.of("w", p),
          Map.of("w", Nd4j.create(g[s].clone(), new long[] {n}, DataType.FLOAT)),
          lr[s],
          null);
      long t = s + 1;
      float bc2 = (float) Math.sqrt(1 - Math.pow(S.beta2(), t));
      float decay = (float) (1 - lr[s] * S.weightDecay());
      float step = (float) (lr[s] / (1 - Math.pow(S.beta1(), t)));
      float b1 = (float) S.beta1();
      float c1 = (float) (1 - S.beta1());
      float b2 = (float) S.beta2();
      float c2 = (float) (1 - S.beta2());
      float eps = (float) S.eps();
      for (int i = 0; i < n; i++) {
        float gi = g[s][i];
        float mi = b1 * me[i] + c1 * gi;
        float vi = b2 * ve[i] + c2 * (gi * gi);
        me[i] = mi;
        ve[i] = vi;
        pe[i] = pe[i] * decay - step * mi / ((float) Math.sqrt(vi) / bc2 + eps);
      }
    }
    assertArrayEquals(pe, p.toFloatVector());
    assertEquals(3, opt.steps());
    assertArrayEquals(me, opt.state().get("m/w").toFloatVector());
    assertArrayEquals(ve, opt.state().get("v/w").toFloatVector());
  }

  @Test
  void inPlaceAndNd4jOpsPathsAgree() {
    int rows = 300;
    int cols = 257;
    SplittableRandom r = new SplittableRandom(11);
    float[] base = new float[rows * cols];
    float[] grad = new float[rows * cols];
    for (int i = 0; i < base.length; i++) {
      base[i] = (float) r.nextGaussian();
      grad[i] = (float) (r.nextGaussian() * 1e-2);
    }
    INDArray contiguous = Nd4j.create(base.clone(), new long[] {rows, cols}, 'c');
    // An 'f'-ordered copy is not updated in place: it takes the ND4J-ops path.
    INDArray fortran = Nd4j.create(base.clone(), new long[] {rows, cols}, 'c').dup('f');
    AdamW a = new AdamW(S);
    AdamW b = new AdamW(S);
    for (int s = 0; s < 2; s++) {
      a.step(
          Map.of("w", contiguous),
          Map.of("w", Nd4j.create(grad, new long[] {rows, cols}, 'c')),
          1e-3,
          null);
      b.step(
          Map.of("w", fortran),
          Map.of("w", Nd4j.create(grad, new long[] {rows, cols}, 'c').dup('f')),
          1e-3,
          null);
    }
    float[] x = contiguous.data().asFloat();
    float[] y = fortran.dup('c').data().asFloat();
    for (int i = 0; i < x.length; i++) {
      assertEquals(x[i], y[i], 1e-6 * Math.max(1, Math.abs(x[i])), "element " + i);
    }
  }

  @Test
  void viewsOfALargerArrayUpdateInPlaceAsTheirOwnArraysDo() {
    // the eager trainer's q/k/v weights and gradients are row ranges of one stacked array
    int rows = 3 * 200;
    int cols = 130; // a row range of 200 x 130 exceeds the parallel threshold
    SplittableRandom r = new SplittableRandom(5);
    float[] base = new float[rows * cols];
    float[] grad = new float[rows * cols];
    for (int i = 0; i < base.length; i++) {
      base[i] = (float) r.nextGaussian();
      grad[i] = (float) (r.nextGaussian() * 1e-2);
    }
    INDArray stacked = Nd4j.create(base.clone(), new long[] {rows, cols}, 'c');
    INDArray stackedGrad = Nd4j.create(grad.clone(), new long[] {rows, cols}, 'c');
    Map<String, INDArray> views = new java.util.LinkedHashMap<>();
    Map<String, INDArray> viewGrads = new java.util.LinkedHashMap<>();
    Map<String, INDArray> own = new java.util.LinkedHashMap<>();
    Map<String, INDArray> ownGrads = new java.util.LinkedHashMap<>();
    for (int i = 0; i < 3; i++) {
      org.nd4j.linalg.indexing.INDArrayIndex range =
          org.nd4j.linalg.indexing.NDArrayIndex.interval(i * 200, (i + 1) * 200);
      INDArray view = stacked.get(range, org.nd4j.linalg.indexing.NDArrayIndex.all());
      views.put("w" + i, view);
      viewGrads.put("w" + i, stackedGrad.get(range, org.nd4j.linalg.indexing.NDArrayIndex.all()));
      own.put("w" + i, view.dup('c'));
      ownGrads.put("w" + i, viewGrads.get("w" + i).dup('c'));
    }
    AdamW a = new AdamW(S);
    AdamW b = new AdamW(S);
    for (int s = 0; s < 2; s++) {
      a.step(views, viewGrads, 1e-3, null);
      b.step(own, ownGrads, 1e-3, null);
    }
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(
          own.get("w" + i).data().asFloat(), views.get("w" + i).dup('c').data().asFloat());
    }
    // the gradients, read through their views, are unchanged
    assertArrayEquals(grad, stackedGrad.data().asFloat());
  }
}
