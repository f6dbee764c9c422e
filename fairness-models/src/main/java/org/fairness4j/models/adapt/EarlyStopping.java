package org.fairness4j.models.adapt;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Best-epoch selection and early stopping, as a listener: after each epoch it scores the model (the
 * monitored validation value; without validation data the epoch number, so the last epoch is best),
 * keeps a copy of the best epoch's weights, and counts the epochs since. Training stops once that
 * count reaches the patience (0: never). Mutable; one per training run.
 */
final class EarlyStopping implements AdaptationListener {
  private final AdaptationTrainer.Monitor monitor;
  private final int patience;
  private final boolean validated;
  private final TrainableClassifier model;
  private Map<String, INDArray> best;
  private int bestEpoch;
  private double bestScore = Double.NaN;
  private int bad;
  private boolean stopped;

  /**
   * Starts with the model's current weights as the best.
   *
   * @param monitor what to watch
   * @param patience epochs without improvement before stopping (0: never)
   * @param validated whether the epochs carry validation values
   * @param model the model being trained
   */
  EarlyStopping(
      AdaptationTrainer.Monitor monitor,
      int patience,
      boolean validated,
      TrainableClassifier model) {
    this.monitor = monitor;
    this.patience = patience;
    this.validated = validated;
    this.model = model;
    this.best = TrainingCheckpoint.snapshot(model);
  }

  /** Continues from a checkpoint's counters and best weights. */
  void restore(TrainingCheckpoint c) {
    best = c.best();
    bestEpoch = c.bestEpoch();
    bestScore = c.bestScore();
    bad = c.badEpochs();
    stopped = patience > 0 && bad >= patience;
  }

  @Override
  public void onEpoch(EpochRecord r) {
    double score =
        !validated
            ? r.epoch()
            : monitor == AdaptationTrainer.Monitor.VAL_LOSS ? -r.valLoss() : r.valAccuracy();
    if (Double.isNaN(bestScore) || score > bestScore) {
      bestScore = score;
      bestEpoch = r.epoch();
      best = TrainingCheckpoint.snapshot(model);
      bad = 0;
    } else {
      bad++;
    }
    stopped = patience > 0 && validated && bad >= patience;
  }

  /** Whether training should stop. */
  boolean stopped() {
    return stopped;
  }

  /** Gives the model the best epoch's weights. */
  void restoreBest() {
    TrainingCheckpoint.load(model, best);
  }

  Map<String, INDArray> best() {
    return best;
  }

  int bestEpoch() {
    return bestEpoch;
  }

  double bestScore() {
    return bestScore;
  }

  int badEpochs() {
    return bad;
  }
}
