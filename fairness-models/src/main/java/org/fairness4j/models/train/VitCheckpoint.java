package org.fairness4j.models.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairness4j.models.nn.WeightSet;
import org.fairness4j.models.weights.SafetensorsFile;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads what {@link EagerVitClassifier} trains from a Hugging Face CLIP directory: the vision
 * tower's shape ({@code config.json}), its weights and the visual projection ({@code
 * model.safetensors}), and which {@link VitLora.Slot} an adapted layer's name denotes.
 */
final class VitCheckpoint {
  private VitCheckpoint() {}

  /**
   * The vision tower's shape from {@code config.json}, with Hugging Face's defaults; read here
   * rather than through {@link org.fairness4j.models.clip.ClipConfig}, which admits only quick-GELU
   * for inference, because training also supports the exact GELU.
   */
  static VitTower.Shape shape(Path clipDir) throws IOException {
    Path file = clipDir.resolve("config.json");
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    JsonNode v = root.path("vision_config");
    String act = v.path("hidden_act").asText("quick_gelu");
    if (!act.equals("quick_gelu") && !act.equals("gelu")) {
      throw new IllegalArgumentException(
          file + ": vision_config.hidden_act " + act + " is not supported (quick_gelu, gelu)");
    }
    int width = v.path("hidden_size").asInt(768);
    int heads = v.path("num_attention_heads").asInt(12);
    int image = v.path("image_size").asInt(224);
    int patch = v.path("patch_size").asInt(32);
    if (width % heads != 0 || image % patch != 0) {
      throw new IllegalArgumentException(
          file + ": hidden size must divide by the heads and image size by the patch size");
    }
    return new VitTower.Shape(
        v.path("num_channels").asInt(3),
        image,
        patch,
        width,
        heads,
        v.path("intermediate_size").asInt(3072),
        v.path("num_hidden_layers").asInt(12),
        root.path("projection_dim").asInt(512),
        v.path("layer_norm_eps").asDouble(1e-5),
        act.equals("quick_gelu"));
  }

  static VitLora.Slot slotOf(String layer) {
    if (layer.endsWith(".self_attn.qkv")) {
      return VitLora.Slot.QKV;
    }
    if (layer.endsWith(".q_proj")) {
      return VitLora.Slot.Q;
    }
    if (layer.endsWith(".k_proj")) {
      return VitLora.Slot.K;
    }
    if (layer.endsWith(".v_proj")) {
      return VitLora.Slot.V;
    }
    if (layer.endsWith(".out_proj")) {
      return VitLora.Slot.OUT;
    }
    return layer.endsWith(".fc1") ? VitLora.Slot.FC1 : VitLora.Slot.FC2;
  }

  /** Every weight of the vision tower and the projection, by checkpoint name. */
  static Map<String, INDArray> weights(Path clipDir, VitTower.Shape s) throws IOException {
    Map<String, INDArray> m = new LinkedHashMap<>();
    int d = s.width();
    try (SafetensorsFile f = SafetensorsFile.open(clipDir.resolve("model.safetensors"))) {
      WeightSet w = new WeightSet(f);
      String v = "vision_model.";
      m.put(v + "embeddings.class_embedding", w.take(v + "embeddings.class_embedding", d));
      m.put(
          v + "embeddings.patch_embedding.weight",
          w.take(v + "embeddings.patch_embedding.weight", d, s.channels(), s.patch(), s.patch()));
      m.put(
          v + "embeddings.position_embedding.weight",
          w.take(v + "embeddings.position_embedding.weight", s.tokens(), d));
      m.put(v + "pre_layrnorm.weight", w.take(v + "pre_layrnorm.weight", d));
      m.put(v + "pre_layrnorm.bias", w.take(v + "pre_layrnorm.bias", d));
      for (int l = 0; l < s.layers(); l++) {
        String p = v + "encoder.layers." + l + ".";
        List<Object[]> shapes = new ArrayList<>();
        shapes.add(new Object[] {"layer_norm1", new long[] {d}, new long[] {d}});
        for (String proj : new String[] {"q_proj", "k_proj", "v_proj", "out_proj"}) {
          shapes.add(new Object[] {"self_attn." + proj, new long[] {d, d}, new long[] {d}});
        }
        shapes.add(new Object[] {"layer_norm2", new long[] {d}, new long[] {d}});
        shapes.add(
            new Object[] {
              "mlp.fc1", new long[] {s.intermediate(), d}, new long[] {s.intermediate()}
            });
        shapes.add(new Object[] {"mlp.fc2", new long[] {d, s.intermediate()}, new long[] {d}});
        for (Object[] e : shapes) {
          String n = p + e[0];
          m.put(n + ".weight", w.take(n + ".weight", (long[]) e[1]));
          m.put(n + ".bias", w.take(n + ".bias", (long[]) e[2]));
        }
      }
      m.put(v + "post_layernorm.weight", w.take(v + "post_layernorm.weight", d));
      m.put(v + "post_layernorm.bias", w.take(v + "post_layernorm.bias", d));
      m.put("visual_projection.weight", w.take("visual_projection.weight", s.projection(), d));
      w.finish(List.of(v, "visual_projection."));
    }
    m.replaceAll((k, a) -> a.castTo(DataType.FLOAT).dup('c'));
    return m;
  }
}
