package org.fairness4j.models.adapt;

/** Hears about training progress (e.g. to drive a progress bar). Methods default to nothing. */
public interface TrainingListener {
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
   * Called after each epoch, once its checkpoint is written.
   *
   * @param record the epoch's log line
   */
  default void onEpoch(EpochRecord record) {}
}
