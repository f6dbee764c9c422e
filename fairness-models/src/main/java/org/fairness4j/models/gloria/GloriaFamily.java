package org.fairness4j.models.gloria;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.fairness4j.models.VisionLanguageCheckpoint;
import org.fairness4j.models.adapt.LoraConfig;
import org.fairness4j.models.spi.TrainingTowerFactory;
import org.fairness4j.models.spi.VisionLanguageFamily;

/**
 * The GLoRIA family ({@code gloria_config.json}): full fine-tuning of its ResNet-50 (BatchNorm in
 * training mode); no LoRA (no attention projections) and no adapter merging.
 */
public final class GloriaFamily implements VisionLanguageFamily {
  /** Creates the family (for {@link java.util.ServiceLoader}). */
  public GloriaFamily() {}

  @Override
  public String name() {
    return "gloria";
  }

  @Override
  public int priority() {
    return 300;
  }

  @Override
  public boolean accepts(Path dir) {
    return GloriaCheckpoint.isGloria(dir);
  }

  @Override
  public VisionLanguageCheckpoint load(Path dir) throws IOException {
    return GloriaCheckpoint.load(dir);
  }

  @Override
  public Optional<TrainingTowerFactory> trainingTower(Path dir) {
    return Optional.of((sd, a, pixels) -> GloriaCheckpoint.trainingTower(dir, sd, a, pixels));
  }

  @Override
  public String loraRefusal(Path dir, LoraConfig lora) {
    return VisionLanguageFamily.loraNeedsAttention(dir);
  }
}
