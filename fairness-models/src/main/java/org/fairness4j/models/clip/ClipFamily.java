package org.fairness4j.models.clip;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fairness4j.models.VisionLanguageCheckpoint;
import org.fairness4j.models.adapt.LoraAdapter;
import org.fairness4j.models.adapt.LoraConfig;
import org.fairness4j.models.spi.VisionLanguageFamily;

/**
 * The Hugging Face CLIP family ({@code config.json}, {@code model.safetensors}): the fallback, last
 * in the order, so a directory no family accepts is read by {@link ClipCheckpoint#load}, which
 * names the files it misses. It has no training tower: the adaptation code trains it with {@code
 * EncoderClassifier} (LoRA on q, k, v, out, fc1, fc2; full fine-tuning).
 */
public final class ClipFamily implements VisionLanguageFamily {
  /** Creates the family (for {@link java.util.ServiceLoader}). */
  public ClipFamily() {}

  @Override
  public String name() {
    return "clip";
  }

  @Override
  public int priority() {
    return Integer.MAX_VALUE;
  }

  @Override
  public boolean accepts(Path dir) {
    return Files.isRegularFile(dir.resolve("config.json"));
  }

  @Override
  public VisionLanguageCheckpoint load(Path dir) throws IOException {
    return ClipCheckpoint.load(dir);
  }

  @Override
  public boolean mergesLoraAdapters() {
    return true;
  }

  @Override
  public VisionLanguageCheckpoint load(Path dir, LoraAdapter adapter) throws IOException {
    return ClipCheckpoint.load(dir, adapter);
  }

  @Override
  public String loraRefusal(Path dir, LoraConfig lora) {
    return null;
  }
}
