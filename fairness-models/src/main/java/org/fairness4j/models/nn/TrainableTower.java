package org.fairness4j.models.nn;

import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An image tower built into a SameDiff graph for training under a {@link GraphAdaptation}: the
 * embeddings of the training forward (BatchNorm on batch statistics, as PyTorch's {@code
 * model.train()}) and of the evaluation forward (running statistics), the imported weights made
 * trainable, and the BatchNorm layers whose running statistics a training step updates. Towers
 * without BatchNorm have one forward ({@code train == eval}) and no statistics.
 *
 * @param train embeddings [batch, dim] of the training forward
 * @param eval embeddings [batch, dim] of the evaluation forward
 * @param trainable checkpoint name to trainable variable
 * @param statistics the BatchNorm layers (empty for transformers)
 * @param loraRows rows per image of every LoRA input (tokens), or -1 where they differ by layer
 * @param dropPaths stochastic depth: placeholder name ([batch, 1, 1], a per-image keep mask scaled
 *     by 1/(1 − p); ones for evaluation) to its drop probability p
 */
public record TrainableTower(
    SDVariable train,
    SDVariable eval,
    Map<String, SDVariable> trainable,
    List<BatchNormStatistics> statistics,
    long loraRows,
    Map<String, Double> dropPaths) {
  /**
   * Copies the collections.
   *
   * @param train training embeddings
   * @param eval evaluation embeddings
   * @param trainable trainable weights
   * @param statistics BatchNorm layers
   * @param loraRows rows per image of the LoRA inputs, or -1
   */
  public TrainableTower {
    trainable = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(trainable));
    statistics = List.copyOf(statistics);
    dropPaths = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(dropPaths));
  }

  /**
   * A tower without stochastic depth.
   *
   * @param train training embeddings
   * @param eval evaluation embeddings
   * @param trainable trainable weights
   * @param statistics BatchNorm layers
   * @param loraRows rows per image of the LoRA inputs, or -1
   */
  public TrainableTower(
      SDVariable train,
      SDVariable eval,
      Map<String, SDVariable> trainable,
      List<BatchNormStatistics> statistics,
      long loraRows) {
    this(train, eval, trainable, statistics, loraRows, Map.of());
  }

  /**
   * The stochastic depth masks of one step: per image 0 with probability p, else 1/(1 − p)
   * (PyTorch's {@code floor(rand + keep) / keep}), seeded per mask; all ones for evaluation.
   *
   * @param batch images in the batch
   * @param seed the step's seed
   * @param training whether the step trains
   * @return placeholder name to mask [batch, 1, 1]
   */
  public Map<String, INDArray> dropPathMasks(long batch, long seed, boolean training) {
    Map<String, INDArray> m = new java.util.LinkedHashMap<>();
    dropPaths.forEach(
        (name, p) -> {
          float[] v = new float[(int) batch];
          java.util.Random rng = new java.util.Random(seed * 0x9E3779B97F4A7C15L ^ name.hashCode());
          for (int i = 0; i < v.length; i++) {
            v[i] = !training ? 1f : rng.nextDouble() < p ? 0f : (float) (1 / (1 - p));
          }
          m.put(name, org.nd4j.linalg.factory.Nd4j.create(v, new long[] {batch, 1, 1}, 'c'));
        });
    return m;
  }

  /**
   * A tower followed by a linear projection without bias ({@code weight} [out, in]) on both
   * forwards, the weight trainable when the adaptation says so.
   *
   * @param sd the graph
   * @param trunk the tower
   * @param weight the projection's checkpoint name
   * @param out output width
   * @param in input width (the trunk's)
   * @param w the weights
   * @param adaptation which weights train
   * @return the projected tower
   */
  public static TrainableTower project(
      org.nd4j.autodiff.samediff.SameDiff sd,
      TrainableTower trunk,
      String weight,
      long out,
      long in,
      WeightSet w,
      GraphAdaptation adaptation) {
    INDArray value = w.take(weight, out, in);
    Map<String, SDVariable> trainable = new java.util.LinkedHashMap<>(trunk.trainable());
    SDVariable pw;
    if (adaptation.trainable(weight)) {
      pw = sd.var(weight.replace('.', '_') + "_proj", value);
      trainable.put(weight, pw);
    } else {
      pw = sd.constant(weight.replace('.', '_') + "_proj", value);
    }
    SDVariable train = sd.mmul(trunk.train(), pw, false, true, false);
    SDVariable eval =
        trunk.eval() == trunk.train() ? train : sd.mmul(trunk.eval(), pw, false, true, false);
    return new TrainableTower(
        train, eval, trainable, trunk.statistics(), trunk.loraRows(), trunk.dropPaths());
  }

  /**
   * Names of the outputs a training step computes besides the loss (the batch statistics).
   *
   * @return variable names
   */
  public List<String> statisticsOutputs() {
    return statistics.stream()
        .flatMap(s -> java.util.stream.Stream.of(s.batchMean(), s.batchVar()))
        .toList();
  }

  /**
   * Updates every running mean and variance from a training step's outputs, as PyTorch's {@code
   * BatchNorm2d} does in training mode (momentum 0.1, the unbiased batch variance).
   *
   * @param outputs the step's outputs, holding {@link #statisticsOutputs()}
   */
  public void updateRunningStatistics(Map<String, INDArray> outputs) {
    for (BatchNormStatistics s : statistics) {
      s.update(outputs.get(s.batchMean()), outputs.get(s.batchVar()));
    }
  }

  /**
   * One BatchNorm layer's running statistics (the graph's live arrays, read by the evaluation
   * forward) and the names of its batch statistics in the training forward.
   *
   * @param name checkpoint prefix of the layer, e.g. {@code layer1.0.bn1}
   * @param batchMean variable holding the batch mean [channels]
   * @param batchVar variable holding the unbiased batch variance [channels] (over the n·h·w values
   *     of a channel)
   * @param runningMean the running mean, updated in place
   * @param runningVar the running variance, updated in place
   */
  public record BatchNormStatistics(
      String name, String batchMean, String batchVar, INDArray runningMean, INDArray runningVar) {
    private static final double MOMENTUM = 0.1;

    void update(INDArray mean, INDArray unbiasedVar) {
      runningMean.muli(1 - MOMENTUM).addi(mean.reshape(runningMean.shape()).mul(MOMENTUM));
      runningVar.muli(1 - MOMENTUM).addi(unbiasedVar.reshape(runningVar.shape()).mul(MOMENTUM));
    }
  }
}
