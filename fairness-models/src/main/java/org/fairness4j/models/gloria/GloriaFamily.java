package org.fairness4j.models.gloria;

import java.nio.file.Path;
import org.fairness4j.models.adapt.LoraConfig;
import org.fairness4j.models.spi.ConfigFileFamily;
import org.fairness4j.models.spi.VisionLanguageFamily;

/**
 * The GLoRIA family ({@code gloria_config.json}): full fine-tuning of its ResNet-50 (BatchNorm in
 * training mode); no LoRA (no attention projections) and no adapter merging.
 */
public final class GloriaFamily extends ConfigFileFamily {
  /** Creates the family (for {@link java.util.ServiceLoader}). */
  public GloriaFamily() {
    super(
        "gloria",
        300,
        GloriaCheckpoint.CONFIG,
        GloriaCheckpoint::load,
        null,
        GloriaCheckpoint::trainingTower);
  }

  @Override
  public String loraRefusal(Path dir, LoraConfig lora) {
    return VisionLanguageFamily.loraNeedsAttention(dir);
  }
}
