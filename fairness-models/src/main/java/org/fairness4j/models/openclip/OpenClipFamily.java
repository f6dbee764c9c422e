package org.fairness4j.models.openclip;

import java.nio.file.Path;
import org.fairness4j.models.adapt.LoraConfig;
import org.fairness4j.models.spi.ConfigFileFamily;

/**
 * The open_clip family ({@code open_clip_config.json}; BiomedCLIP's hub layout too): full
 * fine-tuning of the timm ViT or the modified ResNet; LoRA on the timm ViT's fused {@code
 * attn.qkv}, {@code attn.proj}, {@code mlp.fc1} and {@code mlp.fc2} only.
 */
public final class OpenClipFamily extends ConfigFileFamily {
  /** Creates the family (for {@link java.util.ServiceLoader}). */
  public OpenClipFamily() {
    super(
        "openclip",
        100,
        "open_clip_config.json",
        OpenClipCheckpoint::load,
        OpenClipCheckpoint::load,
        OpenClipCheckpoint::trainingTower,
        OpenClipCheckpoint::hasTimmVit);
  }

  @Override
  protected String attentionLoraRefusal(Path dir, LoraConfig lora) {
    if (lora.targets().stream()
        .anyMatch(
            t ->
                t == LoraConfig.Target.Q || t == LoraConfig.Target.K || t == LoraConfig.Target.V)) {
      return dir
          + ": the timm ViT has one fused qkv projection; LoRA targets q, k or v separately do"
          + " not exist there (use the fused qkv target)";
    }
    return null;
  }
}
