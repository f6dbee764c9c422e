package org.fairness4j.models.adapt;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The loop of an {@link AdaptationTrainer} run: restores a {@link TrainingCheckpoint} when
 * resuming, then per epoch shuffles ({@link TrainingSeeds}), steps AdamW batch by batch, evaluates
 * on the validation data and tells the listeners: {@link EarlyStopping} first, then the {@link
 * CheckpointListener}, then the caller's listener.
 */
final class TrainingLoop {
  private TrainingLoop() {}

  /**
   * Trains a model in place (see {@link AdaptationTrainer#train}).
   *
   * @param s the configuration
   * @param checkpointDir where checkpoints go, or null
   * @param resume whether to continue from a checkpoint there
   * @param listener the caller's listener
   * @param model the model
   * @param train training data
   * @param validation validation data, or null
   * @return the log and the chosen epoch
   * @throws IOException if a checkpoint cannot be written or read
   */
  static AdaptationTrainer.Result run(
      AdaptationTrainer.Settings s,
      Path checkpointDir,
      boolean resume,
      AdaptationListener listener,
      TrainableClassifier model,
      AdaptationData train,
      AdaptationData validation)
      throws IOException {
    int n = train.size();
    if (n == 0) {
      throw new IllegalArgumentException("no training examples");
    }
    int batches = (n + s.batchSize() - 1) / s.batchSize();
    long stepsPerEpoch = batches;
    LearningRateSchedule lr = s.schedule().apply(stepsPerEpoch * s.epochs());
    AdamW optimizer = new AdamW(s.adam());
    List<EpochRecord> log = new ArrayList<>();
    EarlyStopping selection =
        new EarlyStopping(s.monitor(), s.patience(), validation != null, model);
    int start = 0;
    String fingerprint = fingerprint(s, model, n);
    if (resume && TrainingCheckpoint.exists(checkpointDir)) {
      TrainingCheckpoint c = TrainingCheckpoint.read(checkpointDir);
      c.requireFingerprint(checkpointDir, fingerprint);
      TrainingCheckpoint.load(model, c.model());
      optimizer.restore(c.adam(), c.adamSteps());
      log.addAll(c.log());
      selection.restore(c);
      start = c.completedEpochs();
    }
    List<AdaptationListener> listeners = new ArrayList<>(List.of(selection));
    if (checkpointDir != null) {
      listeners.add(
          new CheckpointListener(checkpointDir, fingerprint, model, optimizer, selection, log));
    }
    listeners.add(listener);
    for (int epoch = start + 1; epoch <= s.epochs() && !selection.stopped(); epoch++) {
      long t0 = System.nanoTime();
      int[] order = TrainingSeeds.epochOrder(n, s.seed(), epoch);
      double lossSum = 0;
      long seen = 0;
      double rate = 0;
      for (int b = 0; b < batches; b++) {
        int from = b * s.batchSize();
        int[] rows = Arrays.copyOfRange(order, from, Math.min(n, from + s.batchSize()));
        long step = (long) (epoch - 1) * stepsPerEpoch + b;
        long stepSeed = TrainingSeeds.stepSeed(s.seed(), step);
        TrainableClassifier.Step st =
            model.trainStep(
                train.inputs(rows, true, stepSeed), oneHot(train, rows, model.classes()), stepSeed);
        if (s.clipNorm() > 0) {
          AdamW.clipGlobalNorm(st.gradients(), s.clipNorm());
        }
        rate = lr.rate(step, stepsPerEpoch);
        optimizer.step(model.parameters(), st.gradients(), rate, model::learningRateScale);
        lossSum += st.loss() * rows.length;
        seen += rows.length;
        double secs = (System.nanoTime() - t0) / 1e9;
        AdaptationListener.Step event =
            new AdaptationListener.Step(
                epoch, b + 1, batches, st.loss(), seen / Math.max(secs, 1e-9));
        for (AdaptationListener l : listeners) {
          l.onStep(event);
        }
      }
      double secs = (System.nanoTime() - t0) / 1e9;
      double[] val =
          validation == null ? new double[] {Double.NaN, Double.NaN} : evaluate(model, validation);
      EpochRecord rec =
          new EpochRecord(epoch, lossSum / seen, val[0], val[1], rate, secs, seen / secs);
      log.add(rec);
      for (AdaptationListener l : listeners) {
        l.onEpoch(rec);
      }
    }
    if (validation != null) {
      selection.restoreBest();
    }
    return new AdaptationTrainer.Result(
        log, validation == null ? log.size() : selection.bestEpoch(), selection.stopped());
  }

  /** Mean cross-entropy and accuracy on data, in evaluation mode, batch by batch. */
  static double[] evaluate(TrainableClassifier model, AdaptationData data) {
    int n = data.size();
    double loss = 0;
    int correct = 0;
    for (int from = 0; from < n; from += 256) {
      int to = Math.min(n, from + 256);
      int[] rows = new int[to - from];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = from + i;
      }
      INDArray p = model.probabilities(data.inputs(rows, false, 0));
      for (int i = 0; i < rows.length; i++) {
        int y = data.label(rows[i]);
        loss -= Math.log(Math.max(p.getDouble(i, y), 1e-45));
        int arg = 0;
        for (int c = 1; c < p.size(1); c++) {
          if (p.getDouble(i, c) > p.getDouble(i, arg)) {
            arg = c;
          }
        }
        correct += arg == y ? 1 : 0;
      }
    }
    return new double[] {loss / n, (double) correct / n};
  }

  private static INDArray oneHot(AdaptationData data, int[] rows, int classes) {
    INDArray y = Nd4j.zeros(DataType.FLOAT, rows.length, classes);
    for (int i = 0; i < rows.length; i++) {
      int c = data.label(rows[i]);
      if (c >= classes) {
        throw new IllegalArgumentException(
            "example " + rows[i] + ": label " + c + " but the model has " + classes + " classes");
      }
      y.putScalar(i, c, 1f);
    }
    return y;
  }

  /** The configuration and model a checkpoint belongs to. */
  private static String fingerprint(AdaptationTrainer.Settings s, TrainableClassifier m, int n) {
    StringBuilder b = new StringBuilder();
    b.append("epochs=").append(s.epochs()).append(";batch=").append(s.batchSize());
    b.append(";seed=").append(s.seed()).append(";adam=").append(s.adam());
    b.append(";schedule=").append(s.scheduleName()).append(";clip=").append(s.clipNorm());
    b.append(";monitor=").append(s.monitor()).append(";patience=").append(s.patience());
    b.append(";examples=").append(n).append(";params=");
    m.parameters().forEach((k, v) -> b.append(k).append(Arrays.toString(v.shape())));
    return b.toString();
  }
}
