package org.fairness4j.models.medclip;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.fairness4j.models.VisionLanguageCheckpoint;
import org.fairness4j.models.adapt.LoraAdapter;
import org.fairness4j.models.adapt.LoraConfig;
import org.fairness4j.models.spi.TrainingTowerFactory;
import org.fairness4j.models.spi.VisionLanguageFamily;

/**
 * The MedCLIP family ({@code medclip_config.json}): full fine-tuning of the Swin-T or the ResNet-50
 * (BatchNorm in training mode); LoRA on Swin's {@code attention.self.query}, {@code key}, {@code
 * value} (what the fused qkv target means here, as peft adapts them: three A matrices), {@code
 * attention.output.dense}, {@code intermediate.dense} and {@code output.dense}, without block
 * selection or dropout.
 */
public final class MedClipFamily implements VisionLanguageFamily {
  /** Creates the family (for {@link java.util.ServiceLoader}). */
  public MedClipFamily() {}

  @Override
  public String name() {
    return "medclip";
  }

  @Override
  public int priority() {
    return 200;
  }

  @Override
  public boolean accepts(Path dir) {
    return MedClipCheckpoint.isMedClip(dir);
  }

  @Override
  public VisionLanguageCheckpoint load(Path dir) throws IOException {
    return MedClipCheckpoint.load(dir);
  }

  @Override
  public boolean mergesLoraAdapters() {
    return true;
  }

  @Override
  public VisionLanguageCheckpoint load(Path dir, LoraAdapter adapter) throws IOException {
    return MedClipCheckpoint.load(dir, adapter);
  }

  @Override
  public Optional<TrainingTowerFactory> trainingTower(Path dir) {
    return Optional.of((sd, a, pixels) -> MedClipCheckpoint.trainingTower(dir, sd, a, pixels));
  }

  @Override
  public String loraRefusal(Path dir, LoraConfig lora) throws IOException {
    if (!MedClipCheckpoint.hasSwin(dir)) {
      return VisionLanguageFamily.loraNeedsAttention(dir);
    }
    if (!lora.blocks().isEmpty()) {
      return dir + ": LoRA block selection applies to ViT towers, not to Swin's stages";
    }
    if (lora.dropout() > 0) {
      return dir + ": LoRA dropout is not implemented for Swin (its layers differ in tokens)";
    }
    return null;
  }

  @Override
  public LoraConfig loraConfig(Path dir, LoraConfig lora) throws IOException {
    if (MedClipCheckpoint.hasSwin(dir) && lora.targets().contains(LoraConfig.Target.QKV_FUSED)) {
      Set<LoraConfig.Target> t = EnumSet.copyOf(lora.targets());
      t.remove(LoraConfig.Target.QKV_FUSED);
      t.addAll(List.of(LoraConfig.Target.Q, LoraConfig.Target.K, LoraConfig.Target.V));
      return new LoraConfig(lora.rank(), lora.alpha(), lora.dropout(), t, lora.blocks());
    }
    return lora;
  }
}
