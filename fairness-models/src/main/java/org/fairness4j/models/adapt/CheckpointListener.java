package org.fairness4j.models.adapt;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Checkpointing as a listener: after each epoch it writes a {@link TrainingCheckpoint} of the
 * model, the optimizer, the best-epoch state and the log into a directory. It must hear an epoch
 * after the {@link EarlyStopping} whose state it saves.
 */
final class CheckpointListener implements AdaptationListener {
  private final Path dir;
  private final String fingerprint;
  private final TrainableClassifier model;
  private final AdamW optimizer;
  private final EarlyStopping selection;
  private final List<EpochRecord> log;

  /**
   * Creates the listener.
   *
   * @param dir the checkpoint directory
   * @param fingerprint the run's configuration and model
   * @param model the model being trained
   * @param optimizer its optimizer
   * @param selection the best-epoch state to save
   * @param log the run's log, which the trainer appends to before each epoch event
   */
  CheckpointListener(
      Path dir,
      String fingerprint,
      TrainableClassifier model,
      AdamW optimizer,
      EarlyStopping selection,
      List<EpochRecord> log) {
    this.dir = dir;
    this.fingerprint = fingerprint;
    this.model = model;
    this.optimizer = optimizer;
    this.selection = selection;
    this.log = log;
  }

  @Override
  public void onEpoch(EpochRecord record) throws IOException {
    new TrainingCheckpoint(
            fingerprint,
            record.epoch(),
            optimizer.steps(),
            selection.bestEpoch(),
            selection.bestScore(),
            selection.badEpochs(),
            log,
            TrainingCheckpoint.snapshot(model),
            optimizer.state(),
            selection.best())
        .write(dir);
  }
}
