package org.fairness4j.models.medclip;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.fairness4j.models.adapt.LoraConfig;
import org.fairness4j.models.spi.ConfigFileFamily;

/**
 * The MedCLIP family ({@code medclip_config.json}): full fine-tuning of the Swin-T or the ResNet-50
 * (BatchNorm in training mode); LoRA on Swin's {@code attention.self.query}, {@code key}, {@code
 * value} (what the fused qkv target means here, as peft adapts them: three A matrices), {@code
 * attention.output.dense}, {@code intermediate.dense} and {@code output.dense}, without block
 * selection or dropout.
 */
public final class MedClipFamily extends ConfigFileFamily {
  /** Creates the family (for {@link java.util.ServiceLoader}). */
  public MedClipFamily() {
    super(
        "medclip",
        200,
        MedClipCheckpoint.CONFIG,
        MedClipCheckpoint::load,
        MedClipCheckpoint::load,
        MedClipCheckpoint::trainingTower,
        MedClipCheckpoint::hasSwin);
  }

  @Override
  protected String attentionLoraRefusal(Path dir, LoraConfig lora) {
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
