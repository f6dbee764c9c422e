package org.fairness4j.models.nn;

import java.util.List;
import java.util.Locale;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How inference graphs compute CLIP's quick-GELU x·sigmoid(1.702x) after the constant factors are
 * folded into the neighbouring linear layers. Two exact forms: {@link #SIGMOID} h·sigmoid(h) with h
 * = 1.702x, and {@link #TANH} h·(1 + tanh(h)) with h = 0.851x (then halved and divided by 0.851 in
 * fc2), since sigmoid(2h) = (1 + tanh(h))/2. ND4J's oneDNN build runs the custom {@code tanh} op
 * about 5× faster than its sigmoid; the default build runs sigmoid faster than tanh. The system
 * property {@code fairness4j.quickGelu} ({@code sigmoid}, {@code tanh}) overrides the choice, which
 * otherwise follows {@code javacpp.platform.extension} (oneDNN → tanh).
 */
enum QuickGelu {
  /** h·sigmoid(h), h = 1.702x. */
  SIGMOID(1.702, 1 / 1.702),
  /** h·(1 + tanh(h)), h = 0.851x. */
  TANH(0.851, 0.5 / 0.851);

  private final double inputScale;
  private final double outputScale;

  QuickGelu(double inputScale, double outputScale) {
    this.inputScale = inputScale;
    this.outputScale = outputScale;
  }

  /** The factor folded into fc1 (weights and bias). */
  double inputScale() {
    return inputScale;
  }

  /** The factor folded into fc2's weights. */
  double outputScale() {
    return outputScale;
  }

  /** The activation applied to fc1's folded output. */
  SDVariable apply(SameDiff sd, SDVariable h) {
    if (this == SIGMOID) {
      return h.mul(sd.nn().sigmoid(h));
    }
    return h.mul(tanh(sd, h)).add(h);
  }

  /**
   * Applies the activation to an array in place (eager execution, see {@link EagerClipBlocks}).
   *
   * @param h fc1's folded output; overwritten
   * @param gate a buffer of h's shape
   */
  void applyInPlace(INDArray h, INDArray gate) {
    if (this == SIGMOID) {
      Nd4j.exec(new Sigmoid(h, gate));
    } else {
      Nd4j.exec(DynamicCustomOp.builder("tanh").addInputs(h).addOutputs(gate).build());
      gate.addi(1.0);
    }
    h.muli(gate);
  }

  /** The form for the ND4J build this JVM loads (see the class comment). */
  static QuickGelu forBackend() {
    String chosen = System.getProperty("fairness4j.quickGelu", "").toLowerCase(Locale.ROOT);
    if (chosen.equals("tanh")) {
      return TANH;
    }
    if (chosen.equals("sigmoid")) {
      return SIGMOID;
    }
    return System.getProperty("javacpp.platform.extension", "").contains("onednn") ? TANH : SIGMOID;
  }

  /**
   * libnd4j's declarable {@code tanh} op (it has a oneDNN implementation; SameDiff's own tanh is
   * the legacy transform, which has none).
   */
  private static SDVariable tanh(SameDiff sd, SDVariable x) {
    return new DynamicCustomOp(null, sd, new SDVariable[] {x}) {
      @Override
      public String opName() {
        return "tanh";
      }

      @Override
      public List<DataType> calculateOutputDataTypes(List<DataType> in) {
        return in;
      }
    }.outputVariable();
  }
}
