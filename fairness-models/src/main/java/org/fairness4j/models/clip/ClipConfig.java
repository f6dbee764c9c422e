package org.fairness4j.models.clip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The shapes of a CLIP model, read from a Hugging Face {@code config.json} ({@code CLIPModel});
 * values absent from the file take Hugging Face's {@code CLIPConfig} defaults.
 *
 * @param text the text tower
 * @param vision the vision tower
 * @param projectionDim the shared embedding size
 */
public record ClipConfig(Tower text, Tower vision, int projectionDim) {
  /**
   * One transformer tower.
   *
   * @param hiddenSize width
   * @param intermediateSize MLP width
   * @param layers number of blocks
   * @param heads attention heads
   * @param activation {@code quick_gelu} (the only one verified against PyTorch so far)
   * @param layerNormEps LayerNorm epsilon
   * @param positions text: context length; vision: image size
   * @param vocabOrPatch text: vocabulary size; vision: patch size
   * @param eosTokenId text: end-of-text token id (unused for vision)
   * @param channels vision: input channels (unused for text)
   */
  public record Tower(
      int hiddenSize,
      int intermediateSize,
      int layers,
      int heads,
      String activation,
      double layerNormEps,
      int positions,
      int vocabOrPatch,
      int eosTokenId,
      int channels) {
    /**
     * Creates a tower config.
     *
     * @param hiddenSize width
     * @param intermediateSize MLP width
     * @param layers blocks
     * @param heads heads
     * @param activation activation
     * @param layerNormEps epsilon
     * @param positions context length or image size
     * @param vocabOrPatch vocabulary or patch size
     * @param eosTokenId end-of-text id
     * @param channels channels
     */
    public Tower {
      if (hiddenSize % heads != 0) {
        throw new IllegalArgumentException(
            "hidden size " + hiddenSize + " is not a multiple of " + heads + " heads");
      }
      if (!activation.equals("quick_gelu")) {
        throw new IllegalArgumentException(
            "unsupported activation " + activation + " (only quick_gelu is verified so far)");
      }
    }
  }

  /**
   * Reads {@code config.json}.
   *
   * @param file the config file
   * @return the config
   * @throws IOException if it cannot be read or is not JSON
   */
  public static ClipConfig read(Path file) throws IOException {
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    JsonNode t = root.path("text_config");
    JsonNode v = root.path("vision_config");
    Tower text =
        new Tower(
            t.path("hidden_size").asInt(512),
            t.path("intermediate_size").asInt(2048),
            t.path("num_hidden_layers").asInt(12),
            t.path("num_attention_heads").asInt(8),
            t.path("hidden_act").asText("quick_gelu"),
            t.path("layer_norm_eps").asDouble(1e-5),
            t.path("max_position_embeddings").asInt(77),
            t.path("vocab_size").asInt(49408),
            t.path("eos_token_id").asInt(49407),
            0);
    Tower vision =
        new Tower(
            v.path("hidden_size").asInt(768),
            v.path("intermediate_size").asInt(3072),
            v.path("num_hidden_layers").asInt(12),
            v.path("num_attention_heads").asInt(12),
            v.path("hidden_act").asText("quick_gelu"),
            v.path("layer_norm_eps").asDouble(1e-5),
            v.path("image_size").asInt(224),
            v.path("patch_size").asInt(32),
            0,
            v.path("num_channels").asInt(3));
    if (vision.positions() % vision.vocabOrPatch() != 0) {
      throw new IOException(
          file + ": image size " + vision.positions() + " is not a multiple of the patch size");
    }
    return new ClipConfig(text, vision, root.path("projection_dim").asInt(512));
  }
}
