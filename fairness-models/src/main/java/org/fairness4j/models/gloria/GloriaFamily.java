package org.fairness4j.models.gloria;

import org.fairness4j.models.spi.ConfigFileFamily;

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
        GloriaCheckpoint::trainingTower,
        dir -> false);
  }
}
