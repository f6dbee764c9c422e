package org.fairness4j.models.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Folds a LayerNorm's gain and bias and constant factors into the linear layer that follows it,
 * computed in double and rounded once to float: W' = s·W·diag(g), b' = s·(b + W·beta).
 */
final class Folding {
  private Folding() {}

  /** A folded layer: its transposed weight [in, out] and its bias [out]. */
  record Folded(INDArray weightT, INDArray bias) {}

  /**
   * A linear layer with the preceding LayerNorm's gain and bias folded in, all scaled by s.
   *
   * @param weights where weights come from
   * @param lnPrefix the LayerNorm's prefix
   * @param prefix the linear layer's prefix
   * @param in input width
   * @param out output width
   * @param s the factor
   * @return the folded layer
   */
  static Folded fold(
      WeightSet weights, String lnPrefix, String prefix, long in, long out, double s) {
    INDArray g = weights.take(lnPrefix + ".weight", in).castTo(DataType.DOUBLE);
    INDArray beta = weights.take(lnPrefix + ".bias", in).castTo(DataType.DOUBLE);
    INDArray w = weights.take(prefix + ".weight", out, in).castTo(DataType.DOUBLE);
    INDArray b = weights.take(prefix + ".bias", out).castTo(DataType.DOUBLE);
    INDArray wg = w.mulRowVector(g).muli(s);
    INDArray bias = w.mmul(beta.reshape(in, 1)).reshape(out).addi(b).muli(s);
    return new Folded(
        wg.transpose().castTo(DataType.FLOAT).dup('c'), bias.castTo(DataType.FLOAT).dup('c'));
  }

  /**
   * s·W transposed, in 'c' order, computed in double.
   *
   * @param w a weight [out, in]
   * @param s the factor
   * @return [in, out]
   */
  static INDArray scaledTranspose(INDArray w, double s) {
    return w.castTo(DataType.DOUBLE).mul(s).transpose().castTo(DataType.FLOAT).dup('c');
  }
}
