package org.fairness4j.models.spi;

import java.io.IOException;
import org.fairness4j.models.nn.GraphAdaptation;
import org.fairness4j.models.nn.TrainableTower;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Builds a model family's image tower into a SameDiff graph for training (LoRA or full
 * fine-tuning): the tower a {@link VisionLanguageFamily#trainingTower} returns for one model
 * directory, called once per graph the adaptation code builds.
 */
@FunctionalInterface
public interface TrainingTowerFactory {
  /**
   * Builds the tower.
   *
   * @param sd the graph
   * @param adaptation which weights are trainable and where LoRA terms go
   * @param pixels input placeholder [batch, 3, size, size]
   * @return the tower
   * @throws IOException if its weights cannot be read or do not fit
   */
  TrainableTower build(SameDiff sd, GraphAdaptation adaptation, SDVariable pixels)
      throws IOException;
}
