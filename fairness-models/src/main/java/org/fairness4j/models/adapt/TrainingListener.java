package org.fairness4j.models.adapt;

/**
 * Hears about training progress (e.g. to drive a progress bar). Methods default to nothing.
 *
 * @deprecated use {@link AdaptationListener}: {@link #onBatch} is {@link
 *     AdaptationListener#onStep}, whose {@link AdaptationListener.Step} carries the same values.
 */
@Deprecated(forRemoval = true)
public interface TrainingListener extends AdaptationListener {
  /**
   * Called after each optimizer step.
   *
   * @param epoch the epoch, from 1
   * @param batch the batch within the epoch, from 1
   * @param batches batches per epoch
   * @param loss the batch's loss
   * @param examplesPerSecond throughput so far in this epoch
   */
  default void onBatch(int epoch, int batch, int batches, double loss, double examplesPerSecond) {}

  /**
   * Passes the step to {@link #onBatch}.
   *
   * @param step the step
   */
  @Override
  default void onStep(AdaptationListener.Step step) {
    onBatch(step.epoch(), step.batch(), step.batches(), step.loss(), step.examplesPerSecond());
  }

  /**
   * Called after each epoch, once its checkpoint is written.
   *
   * @param record the epoch's log line
   */
  @Override
  default void onEpoch(EpochRecord record) {}
}
