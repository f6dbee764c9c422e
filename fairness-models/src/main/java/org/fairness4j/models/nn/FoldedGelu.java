package org.fairness4j.models.nn;

import java.util.List;
import java.util.Locale;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How inference computes a GELU after its constant factors are folded into the neighbouring linear
 * layers (the input scale into fc1, the output scale into fc2). CLIP's quick-GELU x·sigmoid(1.702x)
 * has two exact forms: {@link #QUICK_SIGMOID} h·sigmoid(h) with h = 1.702x, and {@link #QUICK_TANH}
 * h·(1 + tanh(h)) with h = 0.851x (then halved and divided by 0.851 in fc2), since sigmoid(2h) = (1
 * + tanh(h))/2. ND4J's oneDNN build runs the custom {@code tanh} op about 5× faster than its
 * sigmoid; the default build runs sigmoid faster than tanh. The system property {@code
 * fairness4j.quickGelu} ({@code sigmoid}, {@code tanh}) overrides the choice, which otherwise
 * follows {@code javacpp.platform.extension} (oneDNN → tanh). The exact GELU 0.5·x·(1 + erf(x/√2))
 * (BERT's, timm's) is {@link #EXACT_ERF}: h·(1 + erf(h)) with h = x/√2, times √2/2.
 */
enum FoldedGelu {
  /** h·sigmoid(h), h = 1.702x. */
  QUICK_SIGMOID(1.702, 1 / 1.702),
  /** h·(1 + tanh(h)), h = 0.851x. */
  QUICK_TANH(0.851, 0.5 / 0.851),
  /** h·(1 + erf(h)), h = x/√2, output times √2/2. */
  EXACT_ERF(Math.sqrt(0.5), Math.sqrt(0.5));

  private final double inputScale;
  private final double outputScale;

  FoldedGelu(double inputScale, double outputScale) {
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
    if (this == QUICK_SIGMOID) {
      return h.mul(sd.nn().sigmoid(h));
    }
    if (this == EXACT_ERF) {
      return h.mul(sd.math().erf(h)).add(h);
    }
    return h.mul(tanh(sd, h)).add(h);
  }

  /**
   * Applies the activation to an array in place (eager execution, see {@link EagerPreLnBlocks}).
   *
   * @param h fc1's folded output; overwritten
   * @param gate a buffer of h's shape
   */
  void applyInPlace(INDArray h, INDArray gate) {
    if (this == QUICK_SIGMOID) {
      Nd4j.exec(new Sigmoid(h, gate));
    } else {
      if (this == EXACT_ERF) {
        Nd4j.exec(new Erf(h, gate));
      } else {
        Nd4j.exec(DynamicCustomOp.builder("tanh").addInputs(h).addOutputs(gate).build());
      }
      gate.addi(1.0);
    }
    h.muli(gate);
  }

  /** The form of quick-GELU for the ND4J build this JVM loads (see the class comment). */
  static FoldedGelu quickForBackend() {
    String chosen = System.getProperty("fairness4j.quickGelu", "").toLowerCase(Locale.ROOT);
    if (chosen.equals("tanh")) {
      return QUICK_TANH;
    }
    if (chosen.equals("sigmoid")) {
      return QUICK_SIGMOID;
    }
    return System.getProperty("javacpp.platform.extension", "").contains("onednn")
        ? QUICK_TANH
        : QUICK_SIGMOID;
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
