package org.fairness4j.models.openclip;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fairness4j.models.clip.ClipConfig;
import org.fairness4j.models.nn.WeightSet;
import org.fairness4j.models.weights.SafetensorsFile;
import org.fairness4j.models.weights.WeightFormatException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * open_clip's (OpenAI's) CLIP text transformer under Hugging Face's names, so that the CLIP text
 * graph builds from it: {@code token_embedding} and {@code positional_embedding} to the embeddings,
 * {@code transformer.resblocks.N} ({@code ln_1}, fused {@code attn.in_proj}, {@code attn.out_proj},
 * {@code ln_2}, {@code mlp.c_fc}, {@code mlp.c_proj}) to {@code encoder.layers.N}, {@code ln_final}
 * to {@code final_layer_norm}, and {@code text_projection} ([width, embed], applied as x·P) to
 * {@code text_projection.weight} (its transpose).
 */
final class ClipTextNames {
  private ClipTextNames() {}

  /** The text tower's shape from {@code text_config.json} ({@code architecture: clip_text}). */
  static ClipConfig.Tower tower(JsonNode c, Path file) throws WeightFormatException {
    String act = c.path("act").asText("QuickGELU");
    if (!act.equals("QuickGELU") || !c.path("pool_type").asText("argmax").equals("argmax")) {
      throw new WeightFormatException(
          file, "only quick-GELU and argmax pooling (OpenAI's CLIP) are supported, got " + c);
    }
    int width = c.path("width").asInt();
    int vocab = c.path("vocab_size").asInt();
    // argmax pooling picks the end-of-text token, the largest id in CLIP's vocabulary
    return new ClipConfig.Tower(
        width,
        4 * width,
        c.path("layers").asInt(),
        c.path("heads").asInt(),
        "quick_gelu",
        1e-5,
        c.path("context_length").asInt(77),
        vocab,
        vocab - 1,
        0);
  }

  /**
   * Reads the open_clip text tensors (checking their shapes in {@code w}, which marks them used)
   * and returns them under Hugging Face's names.
   */
  static Map<String, INDArray> convert(
      SafetensorsFile f, WeightSet w, ClipConfig.Tower t, int embed) {
    Map<String, INDArray> out = new LinkedHashMap<>();
    long d = t.hiddenSize();
    String hf = "text_model.";
    out.put(
        hf + "embeddings.token_embedding.weight",
        w.take("token_embedding.weight", t.vocabOrPatch(), d));
    out.put(
        hf + "embeddings.position_embedding.weight",
        w.take("positional_embedding", t.positions(), d));
    for (int l = 0; l < t.layers(); l++) {
      String o = "transformer.resblocks." + l + ".";
      String h = hf + "encoder.layers." + l + ".";
      copy(w, out, o + "ln_1", h + "layer_norm1", d);
      copy(w, out, o + "ln_2", h + "layer_norm2", d);
      INDArray inW = w.take(o + "attn.in_proj_weight", 3 * d, d);
      INDArray inB = w.take(o + "attn.in_proj_bias", 3 * d);
      String[] qkv = {"q_proj", "k_proj", "v_proj"};
      for (int i = 0; i < 3; i++) {
        out.put(
            h + "self_attn." + qkv[i] + ".weight",
            inW.get(NDArrayIndex.interval(i * d, (i + 1) * d), NDArrayIndex.all()).dup('c'));
        out.put(
            h + "self_attn." + qkv[i] + ".bias",
            inB.get(NDArrayIndex.interval(i * d, (i + 1) * d)).dup());
      }
      out.put(h + "self_attn.out_proj.weight", w.take(o + "attn.out_proj.weight", d, d));
      out.put(h + "self_attn.out_proj.bias", w.take(o + "attn.out_proj.bias", d));
      long inner = t.intermediateSize();
      out.put(h + "mlp.fc1.weight", w.take(o + "mlp.c_fc.weight", inner, d));
      out.put(h + "mlp.fc1.bias", w.take(o + "mlp.c_fc.bias", inner));
      out.put(h + "mlp.fc2.weight", w.take(o + "mlp.c_proj.weight", d, inner));
      out.put(h + "mlp.fc2.bias", w.take(o + "mlp.c_proj.bias", d));
    }
    copy(w, out, "ln_final", hf + "final_layer_norm", d);
    out.put("text_projection.weight", w.take("text_projection", d, embed).transpose().dup('c'));
    return out;
  }

  private static void copy(WeightSet w, Map<String, INDArray> out, String from, String to, long d) {
    out.put(to + ".weight", w.take(from + ".weight", d));
    out.put(to + ".bias", w.take(from + ".bias", d));
  }

  /** A placeholder vision tower for a text-only {@link ClipConfig} (never built). */
  static ClipConfig textOnly(ClipConfig.Tower text, int embed) {
    return new ClipConfig(
        text, new ClipConfig.Tower(1, 1, 1, 1, "quick_gelu", 1e-5, 1, 1, 0, 3), embed);
  }
}
