package org.fairness4j.models.openclip;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.fairness4j.models.weights.WeightFormatException;

/**
 * The shape of a timm VisionTransformer with a class token, token pooling and exact GELU (the image
 * tower of BiomedCLIP), as {@code tools/export_open_clip.py} writes it to {@code
 * vision_config.json}.
 *
 * @param imageSize input size
 * @param patchSize patch size
 * @param hidden width
 * @param layers blocks
 * @param heads attention heads
 * @param intermediate MLP width
 * @param eps LayerNorm epsilon
 */
record TimmVitConfig(
    int imageSize, int patchSize, int hidden, int layers, int heads, int intermediate, double eps) {

  static TimmVitConfig of(JsonNode c, Path file) throws WeightFormatException {
    if (!c.path("architecture").asText().equals("timm_vit")
        || !c.path("class_token").asBoolean(false)
        || !c.path("global_pool").asText().equals("token")
        || !c.path("act").asText().equals("GELU")) {
      throw new WeightFormatException(
          file,
          "only a timm ViT with a class token, token pooling and GELU is supported, got " + c);
    }
    TimmVitConfig v =
        new TimmVitConfig(
            c.path("image_size").asInt(),
            c.path("patch_size").asInt(),
            c.path("hidden_size").asInt(),
            c.path("num_hidden_layers").asInt(),
            c.path("num_attention_heads").asInt(),
            c.path("intermediate_size").asInt(),
            c.path("layer_norm_eps").asDouble(1e-6));
    if (v.patchSize <= 0
        || v.imageSize % v.patchSize != 0
        || v.hidden <= 0
        || v.heads <= 0
        || v.hidden % v.heads != 0
        || v.layers <= 0
        || v.intermediate <= 0) {
      throw new WeightFormatException(file, "inconsistent shape " + v);
    }
    return v;
  }

  int patches() {
    int g = imageSize / patchSize;
    return g * g;
  }
}
