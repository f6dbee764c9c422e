package org.fairness4j.models.adapt;

import java.io.IOException;

/**
 * Hears the events of an {@link AdaptationTrainer}'s run, as DJL's {@code TrainingListener}: one
 * event per optimizer step and one per epoch. The trainer's own early stopping, best-epoch
 * selection and checkpointing are listeners too; they hear each epoch before the listener set with
 * {@link AdaptationTrainer.Builder#listener}, so that listener hears an epoch once its checkpoint
 * is written. Methods default to nothing.
 */
public interface AdaptationListener {
  /**
   * One optimizer step.
   *
   * @param epoch the epoch, from 1
   * @param batch the batch within the epoch, from 1
   * @param batches batches per epoch
   * @param loss the batch's loss
   * @param examplesPerSecond training throughput so far in this epoch
   */
  record Step(int epoch, int batch, int batches, double loss, double examplesPerSecond) {}

  /**
   * Called after each optimizer step.
   *
   * @param step the step
   */
  default void onStep(Step step) {}

  /**
   * Called after each epoch, with its log line.
   *
   * @param record the epoch's log line
   * @throws IOException if the listener writes and cannot (checkpointing)
   */
  default void onEpoch(EpochRecord record) throws IOException {}
}
