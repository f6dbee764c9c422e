package org.fairness4j.models.clip;

import java.nio.file.Path;
import org.fairness4j.models.adapt.LoraConfig;
import org.fairness4j.models.spi.ConfigFileFamily;

/**
 * The Hugging Face CLIP family ({@code config.json}, {@code model.safetensors}): the fallback, last
 * in the order, so a directory no family accepts is read by {@link ClipCheckpoint#load}, which
 * names the files it misses. It has no training tower: the adaptation code trains it with {@code
 * EncoderClassifier} (LoRA on q, k, v, out, fc1, fc2; full fine-tuning).
 */
public final class ClipFamily extends ConfigFileFamily {
  /** Creates the family (for {@link java.util.ServiceLoader}). */
  public ClipFamily() {
    super(
        "clip", Integer.MAX_VALUE, "config.json", ClipCheckpoint::load, ClipCheckpoint::load, null);
  }

  @Override
  public String loraRefusal(Path dir, LoraConfig lora) {
    return null;
  }
}
