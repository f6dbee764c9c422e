package org.fairness4j.models.swin;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Arrays;
import org.fairness4j.models.weights.WeightFormatException;

/**
 * The shape of a Swin Transformer, read from a Hugging Face {@code SwinConfig} JSON.
 *
 * @param imageSize input size
 * @param patchSize patch size
 * @param embedDim width of the first stage (doubles each stage)
 * @param depths blocks per stage
 * @param heads attention heads per stage
 * @param window window size
 * @param mlpRatio MLP width over block width
 * @param eps LayerNorm epsilon
 */
public record SwinConfig(
    int imageSize,
    int patchSize,
    int embedDim,
    int[] depths,
    int[] heads,
    int window,
    double mlpRatio,
    double eps) {
  /**
   * Validates and copies.
   *
   * @param imageSize input size
   * @param patchSize patch size
   * @param embedDim first-stage width
   * @param depths blocks per stage
   * @param heads heads per stage
   * @param window window size
   * @param mlpRatio MLP ratio
   * @param eps LayerNorm epsilon
   */
  public SwinConfig {
    depths = depths.clone();
    heads = heads.clone();
    if (depths.length == 0 || depths.length != heads.length) {
      throw new IllegalArgumentException("depths and heads must have the same, non-zero length");
    }
  }

  /**
   * Reads a Hugging Face {@code SwinConfig} JSON, refusing what this encoder does not implement.
   *
   * @param c the JSON
   * @param file where it came from (for the message)
   * @return the configuration
   * @throws WeightFormatException if a setting is not supported or the shape is inconsistent
   */
  public static SwinConfig of(JsonNode c, Path file) throws WeightFormatException {
    if (c.path("use_absolute_embeddings").asBoolean(false)
        || !c.path("qkv_bias").asBoolean(true)
        || !c.path("hidden_act").asText("gelu").equals("gelu")
        || c.path("num_channels").asInt(3) != 3) {
      throw new WeightFormatException(
          file,
          "only Swin without absolute position embeddings, with q,k,v biases, GELU and 3 channels"
              + " is supported");
    }
    SwinConfig s =
        new SwinConfig(
            c.path("image_size").asInt(224),
            c.path("patch_size").asInt(4),
            c.path("embed_dim").asInt(96),
            ints(c.path("depths")),
            ints(c.path("num_heads")),
            c.path("window_size").asInt(7),
            c.path("mlp_ratio").asDouble(4.0),
            c.path("layer_norm_eps").asDouble(1e-5));
    int res = s.imageSize / s.patchSize;
    for (int i = 0; i < s.depths.length; i++) {
      int ws = Math.min(res, s.window);
      long width = (long) s.embedDim << i;
      if (s.imageSize % s.patchSize != 0
          || res % ws != 0
          || (res < s.window)
          || width % s.heads[i] != 0
          || (i < s.depths.length - 1 && res % 2 != 0)) {
        throw new WeightFormatException(
            file,
            "stage "
                + i
                + " at resolution "
                + res
                + " does not tile into "
                + s.window
                + "-windows without padding (not supported): "
                + s);
      }
      res /= 2;
    }
    return s;
  }

  private static int[] ints(JsonNode a) {
    int[] out = new int[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).asInt();
    }
    return out;
  }

  /**
   * Returns the blocks per stage (a copy).
   *
   * @return the depths
   */
  @Override
  public int[] depths() {
    return depths.clone();
  }

  /**
   * Returns the heads per stage (a copy).
   *
   * @return the heads
   */
  @Override
  public int[] heads() {
    return heads.clone();
  }

  /**
   * Returns the width of the last stage (the pooled features' size).
   *
   * @return the width
   */
  public int features() {
    return embedDim << (depths.length - 1);
  }

  @Override
  public String toString() {
    return "SwinConfig[image "
        + imageSize
        + ", patch "
        + patchSize
        + ", embed "
        + embedDim
        + ", depths "
        + Arrays.toString(depths)
        + ", heads "
        + Arrays.toString(heads)
        + ", window "
        + window
        + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SwinConfig s
        && s.imageSize == imageSize
        && s.patchSize == patchSize
        && s.embedDim == embedDim
        && Arrays.equals(s.depths, depths)
        && Arrays.equals(s.heads, heads)
        && s.window == window
        && s.mlpRatio == mlpRatio
        && s.eps == eps;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(imageSize, patchSize, embedDim, Arrays.hashCode(depths), window);
  }
}
