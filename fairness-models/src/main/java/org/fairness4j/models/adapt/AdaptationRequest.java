package org.fairness4j.models.adapt;

import java.nio.file.Path;
import java.util.Objects;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.models.embed.ProgressListener;

/**
 * One run of an {@link AdaptationRunner}: which strategy on which model, the data, and where the
 * results go.
 *
 * @param strategy the strategy
 * @param modelDir a model directory: Hugging Face CLIP, open_clip, MedCLIP or GLoRIA (LoRA only
 *     where the tower has attention projections: {@link AdaptationRunner#encoderRefusal})
 * @param classes class labels (index order)
 * @param train training split
 * @param validation validation split (best epoch, early stopping), or null
 * @param test the split to predict
 * @param out where weights, log and checkpoint go
 * @param resume whether to continue from a checkpoint in {@code out}
 * @param listener training progress
 * @param embedding embedding progress (frozen strategies), or null
 */
public record AdaptationRequest(
    AdaptationStrategy strategy,
    Path modelDir,
    ClassLabels classes,
    AdaptationRunner.Split train,
    AdaptationRunner.Split validation,
    AdaptationRunner.Split test,
    Path out,
    boolean resume,
    AdaptationListener listener,
    ProgressListener embedding) {
  /**
   * Checks that everything but the validation split and the embedding listener is given.
   *
   * @param strategy strategy
   * @param modelDir model directory
   * @param classes classes
   * @param train training split
   * @param validation validation split, or null
   * @param test test split
   * @param out output directory
   * @param resume resume
   * @param listener training listener
   * @param embedding embedding listener, or null
   */
  public AdaptationRequest {
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(modelDir, "modelDir");
    Objects.requireNonNull(classes, "classes");
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(test, "test");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(listener, "listener");
  }
}
