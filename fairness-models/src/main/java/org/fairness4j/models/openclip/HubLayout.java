package org.fairness4j.models.openclip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Locale;
import org.fairness4j.models.weights.SafetensorsFile;
import org.fairness4j.models.weights.WeightFormatException;

/**
 * Reads an open_clip directory as published on the Hugging Face hub ({@code open_clip_config.json}
 * + {@code open_clip_model.safetensors}, no {@code vision_config.json} / {@code text_config.json}):
 * the tower shapes come from {@code model_cfg} and the tensors' shapes, the rest from the
 * conventions of the architectures named there.
 *
 * <ul>
 *   <li>timm ViT ({@code vision_cfg.timm_model_name}, BiomedCLIP): width, patch, depth, MLP width
 *       and image size from the tensors; heads from the timm model's size (tiny 3, small 6, medium
 *       8, base 12, large/huge/giant 16, timm's test_vit 2); LayerNorm ε 1e-6, GELU, class-token
 *       pooling (timm's ViT defaults); variants with other parts (fc_norm, register tokens,
 *       norm_pre) are refused by the loader's unexpected-tensor check.
 *   <li>Hugging Face BERT text ({@code text_cfg.hf_model_name}): sizes from the tensors, 64-wide
 *       heads (hidden / 64, as every BERT of Google's and Microsoft's families, PubMedBERT
 *       included), ε 1e-12, GELU.
 *   <li>CLIP's ModifiedResNet ({@code vision_cfg.layers} a list) and CLIP's text transformer from
 *       {@code model_cfg} alone (open_clip's defaults).
 * </ul>
 */
final class HubLayout {
  private HubLayout() {}

  private static int count(SafetensorsFile f, String prefix) {
    int n = 0;
    while (f.contains(prefix + n + ".norm1.weight")
        || f.contains(prefix + n + ".attention.self.query.weight")) {
      n++;
    }
    return n;
  }

  private static long[] shape(SafetensorsFile f, String name, Path cfgFile)
      throws WeightFormatException {
    if (!f.contains(name)) {
      throw new WeightFormatException(
          f.file(), "missing " + name + ", which " + cfgFile.getFileName() + " implies");
    }
    return f.shape(name);
  }

  static int timmHeads(String modelName, int width, Path cfgFile) throws WeightFormatException {
    String n = modelName.toLowerCase(Locale.ROOT);
    int heads;
    if (n.startsWith("test_vit") && width == 64) {
      heads = 2;
    } else if (n.startsWith("vit_tiny_")) {
      heads = 3;
    } else if (n.startsWith("vit_small_")) {
      heads = 6;
    } else if (n.startsWith("vit_medium_")) {
      heads = 8;
    } else if (n.startsWith("vit_base_")) {
      heads = 12;
    } else if (n.startsWith("vit_large_")
        || n.startsWith("vit_huge_")
        || n.startsWith("vit_giant_")
        || n.startsWith("vit_gigantic_")) {
      heads = 16;
    } else {
      throw new WeightFormatException(
          cfgFile,
          "vision_cfg.timm_model_name '"
              + modelName
              + "': unknown number of attention heads; write vision_config.json with"
              + " tools/export_open_clip.py");
    }
    if (width % heads != 0) {
      throw new WeightFormatException(
          cfgFile,
          "timm model '" + modelName + "' of width " + width + " with " + heads + " heads");
    }
    return heads;
  }

  static JsonNode visionConfig(JsonNode modelCfg, SafetensorsFile f, Path cfgFile)
      throws WeightFormatException {
    JsonNode vc = modelCfg.path("vision_cfg");
    ObjectNode c = new ObjectMapper().createObjectNode();
    if (vc.hasNonNull("timm_model_name")) {
      String p = "visual.trunk.";
      long[] patch = shape(f, p + "patch_embed.proj.weight", cfgFile);
      long[] pos = shape(f, p + "pos_embed", cfgFile);
      long[] fc1 = shape(f, p + "blocks.0.mlp.fc1.weight", cfgFile);
      int width = (int) patch[0];
      int patchSize = (int) patch[2];
      boolean cls = f.contains(p + "cls_token");
      int grid = (int) Math.round(Math.sqrt(pos[1] - (cls ? 1 : 0)));
      c.put("architecture", "timm_vit");
      c.put("image_size", grid * patchSize);
      c.put("patch_size", patchSize);
      c.put("hidden_size", width);
      c.put("num_hidden_layers", count(f, p + "blocks."));
      c.put("num_attention_heads", timmHeads(vc.get("timm_model_name").asText(), width, cfgFile));
      c.put("intermediate_size", (int) fc1[0]);
      c.put("layer_norm_eps", 1e-6);
      c.put("class_token", cls);
      c.put("global_pool", "token");
      c.put("act", "GELU");
      return c;
    }
    if (vc.path("layers").isArray()) {
      int width = vc.path("width").asInt(64);
      c.put("architecture", "modified_resnet");
      c.put("image_size", vc.path("image_size").asInt(224));
      c.set("layers", vc.get("layers"));
      c.put("width", width);
      c.put("heads", width * 32 / vc.path("head_width").asInt(64));
      c.put("output_dim", modelCfg.path("embed_dim").asInt());
      return c;
    }
    throw new WeightFormatException(
        cfgFile,
        "vision_cfg: only a timm ViT (timm_model_name, as BiomedCLIP) or CLIP's ModifiedResNet"
            + " (layers as a list) is supported");
  }

  static JsonNode textConfig(JsonNode modelCfg, SafetensorsFile f, Path cfgFile)
      throws WeightFormatException {
    JsonNode tc = modelCfg.path("text_cfg");
    ObjectNode c = new ObjectMapper().createObjectNode();
    if (tc.hasNonNull("hf_model_name")) {
      String p = "text.transformer.";
      long[] words = shape(f, p + "embeddings.word_embeddings.weight", cfgFile);
      long[] positions = shape(f, p + "embeddings.position_embeddings.weight", cfgFile);
      long[] types = shape(f, p + "embeddings.token_type_embeddings.weight", cfgFile);
      long[] inter = shape(f, p + "encoder.layer.0.intermediate.dense.weight", cfgFile);
      int hidden = (int) words[1];
      if (hidden % 64 != 0) {
        throw new WeightFormatException(
            cfgFile,
            "text tower '"
                + tc.get("hf_model_name").asText()
                + "' of width "
                + hidden
                + " does not have BERT's 64-wide heads; save its config.json as text_config.json");
      }
      c.put("model_type", "bert");
      c.put("vocab_size", (int) words[0]);
      c.put("hidden_size", hidden);
      c.put("num_hidden_layers", count(f, p + "encoder.layer."));
      c.put("num_attention_heads", hidden / 64);
      c.put("intermediate_size", (int) inter[0]);
      c.put("max_position_embeddings", (int) positions[0]);
      c.put("type_vocab_size", (int) types[0]);
      c.put("layer_norm_eps", 1e-12);
      c.put("hidden_act", "gelu");
      return c;
    }
    c.put("architecture", "clip_text");
    c.put("width", tc.path("width").asInt(512));
    c.put("layers", tc.path("layers").asInt(12));
    c.put("heads", tc.path("heads").asInt(8));
    c.put("context_length", tc.path("context_length").asInt(77));
    c.put("vocab_size", tc.path("vocab_size").asInt(49408));
    c.put("act", modelCfg.path("quick_gelu").asBoolean(false) ? "QuickGELU" : "GELU");
    c.put("pool_type", tc.path("pool_type").asText("argmax"));
    return c;
  }
}
