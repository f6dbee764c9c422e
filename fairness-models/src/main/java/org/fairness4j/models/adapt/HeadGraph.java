package org.fairness4j.models.adapt;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A {@link ClassifierHead.Kind} built into a SameDiff graph after some input: training logits
 * (BatchNorm on batch statistics), evaluation logits (running statistics), its parameters and
 * buffers under PyTorch names, and the running-statistics update.
 */
final class HeadGraph {
  private static final double BN_EPS = 1e-5;
  private static final double BN_MOMENTUM = 0.1;

  final Map<String, INDArray> params = new LinkedHashMap<>();
  final Map<String, String> paramVars = new LinkedHashMap<>();
  final Map<String, INDArray> buffers = new LinkedHashMap<>();
  final SDVariable train;
  final SDVariable eval;
  final String batchMean;
  final String batchVar;
  private final SameDiff sd;
  private final String prefix;

  HeadGraph(
      SameDiff sd,
      String prefix,
      SDVariable x,
      ClassifierHead.Kind kind,
      int hidden,
      Map<String, INDArray> w) {
    this(sd, prefix, x, x, kind, hidden, w);
  }

  /** The head on a training input and on an evaluation input, sharing its variables. */
  HeadGraph(
      SameDiff sd,
      String prefix,
      SDVariable x,
      SDVariable xEval,
      ClassifierHead.Kind kind,
      int hidden,
      Map<String, INDArray> w) {
    this.sd = sd;
    this.prefix = prefix;
    String safe = prefix.replace('.', '_');
    if (kind == ClassifierHead.Kind.LINEAR) {
      train = linear(x, "fc", w);
      eval = xEval == x ? train : linear(xEval, "fc", w);
      batchMean = batchVar = null;
      return;
    }
    SDVariable h = linear(x, "fc1", w);
    SDVariable hEval = xEval == x ? h : linear(xEval, "fc1", w);
    if (kind != ClassifierHead.Kind.MLP) {
      train = linear(h, "fc2", w);
      eval = xEval == x ? train : linear(hEval, "fc2", w);
      batchMean = batchVar = null;
      return;
    }
    SDVariable g = var("bn.weight", w);
    SDVariable b = var("bn.bias", w);
    batchMean = safe + "bn_batch_mean";
    batchVar = safe + "bn_batch_var";
    SDVariable mean = h.mean(batchMean, false, 0);
    SDVariable centred = h.sub(mean);
    SDVariable variance = centred.mul(centred).mean(batchVar, false, 0);
    SDVariable hn = centred.mul(sd.math().rsqrt(variance.add(BN_EPS))).mul(g).add(b);
    INDArray rm0 = w.get(prefix + "bn.running_mean");
    INDArray rv0 = w.get(prefix + "bn.running_var");
    SDVariable rm =
        sd.constant(
            safe + "bn_running_mean",
            rm0 != null ? rm0.castTo(DataType.FLOAT).dup('c') : Nd4j.zeros(DataType.FLOAT, hidden));
    SDVariable rv =
        sd.constant(
            safe + "bn_running_var",
            rv0 != null ? rv0.castTo(DataType.FLOAT).dup('c') : Nd4j.ones(DataType.FLOAT, hidden));
    // The graph's own arrays, so that in-place updates reach evaluation.
    buffers.put(prefix + "bn.running_mean", sd.getArrForVarName(rm.name()));
    buffers.put(prefix + "bn.running_var", sd.getArrForVarName(rv.name()));
    SDVariable he = hEval.sub(rm).mul(sd.math().rsqrt(rv.add(BN_EPS))).mul(g).add(b);
    SDVariable w2 = var("fc2.weight", w);
    SDVariable b2 = var("fc2.bias", w);
    train = sd.mmul(sd.nn().relu(hn, 0), w2, false, true, false).add(b2);
    eval = sd.mmul(sd.nn().relu(he, 0), w2, false, true, false).add(b2);
  }

  /** y = x Wᵀ + b with W [out, in]. */
  private SDVariable linear(SDVariable x, String name, Map<String, INDArray> w) {
    SDVariable wv = var(name + ".weight", w);
    SDVariable bv = var(name + ".bias", w);
    return sd.mmul(x, wv, false, true, false).add(bv);
  }

  private final Map<String, SDVariable> made = new LinkedHashMap<>();

  private SDVariable var(String name, Map<String, INDArray> w) {
    String full = prefix + name;
    if (made.containsKey(full)) {
      return made.get(full);
    }
    INDArray a = w.get(full);
    if (a == null) {
      throw new IllegalArgumentException("missing head weight " + full);
    }
    SDVariable v = sd.var(full.replace('.', '_'), a.castTo(DataType.FLOAT).dup('c'));
    params.put(full, v.getArr());
    paramVars.put(full, v.name());
    made.put(full, v);
    return v;
  }

  /** Names of the extra outputs a training step must compute (batch statistics). */
  List<String> statisticsOutputs() {
    return batchMean == null ? List.of() : List.of(batchMean, batchVar);
  }

  /** PyTorch's BatchNorm1d running-statistics update from a training batch of n rows. */
  void updateRunningStatistics(Map<String, INDArray> outputs, long n) {
    if (batchMean == null) {
      return;
    }
    INDArray mean = outputs.get(batchMean);
    INDArray unbiased = outputs.get(batchVar).mul((double) n / Math.max(1, n - 1));
    buffers.get(prefix + "bn.running_mean").muli(1 - BN_MOMENTUM).addi(mean.mul(BN_MOMENTUM));
    buffers.get(prefix + "bn.running_var").muli(1 - BN_MOMENTUM).addi(unbiased.muli(BN_MOMENTUM));
  }

  /**
   * Mean cross-entropy of logits against one-hot labels (log-softmax composed: SameDiff's
   * logSoftmax with a dimension fails in 1.0.0-M2.1).
   */
  static SDVariable crossEntropy(SameDiff sd, SDVariable logits, SDVariable oneHot, String name) {
    SDVariable max = logits.max(true, 1);
    SDVariable shifted = logits.sub(max);
    SDVariable logp = shifted.sub(sd.math().log(sd.math().exp(shifted).sum(true, 1)));
    return logp.mul(oneHot).sum(1).mean().neg().rename(name);
  }
}
