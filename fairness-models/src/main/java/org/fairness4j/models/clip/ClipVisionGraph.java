package org.fairness4j.models.clip;

import java.util.Map;
import org.fairness4j.models.nn.GraphAdaptation;
import org.fairness4j.models.nn.TransformerOps;
import org.fairness4j.models.nn.WeightSet;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * CLIP's vision transformer built into a given SameDiff graph: patch embedding (a matrix product
 * over flattened patches, equal to PyTorch's stride-p convolution), class token, position
 * embedding, pre-LayerNorm, pre-LN blocks, post-LayerNorm of the class token and the visual
 * projection. With a {@link GraphAdaptation} the same graph serves LoRA and full fine-tuning.
 */
public final class ClipVisionGraph {
  private final SDVariable embeddings;
  private final Map<String, SDVariable> trainable;

  private ClipVisionGraph(SDVariable embeddings, Map<String, SDVariable> trainable) {
    this.embeddings = embeddings;
    this.trainable = trainable;
  }

  /**
   * Adds the vision tower to a graph.
   *
   * @param sd the graph
   * @param config the model's shapes
   * @param w where the weights come from
   * @param adaptation trainable weights and extra terms ({@link GraphAdaptation#NONE} for
   *     inference)
   * @param pixels input [batch, channels, size, size]
   * @param outputName name of the embedding variable, or null
   * @return the graph's handles
   */
  public static ClipVisionGraph build(
      SameDiff sd,
      ClipConfig config,
      WeightSet w,
      GraphAdaptation adaptation,
      SDVariable pixels,
      String outputName) {
    ClipConfig.Tower t = config.vision();
    int p = t.vocabOrPatch();
    int c = t.channels();
    int g = t.positions() / p;
    int n = g * g;
    long d = t.hiddenSize();
    String v = "vision_model";
    TransformerOps ops =
        new TransformerOps(
                sd, w, t.hiddenSize(), t.heads(), t.intermediateSize(), t.layerNormEps(), n + 1)
            .adapt(adaptation);
    long cpp = (long) c * p * p;
    SDVariable patches =
        sd.reshape(sd.permute(sd.reshape(pixels, -1, c, g, p, g, p), 0, 2, 4, 1, 3, 5), -1, cpp);
    String convName = v + ".embeddings.patch_embedding.weight";
    SDVariable embedded;
    if (ops.isTrainable(convName)) {
      SDVariable conv = ops.weight(convName, d, c, p, p);
      embedded = sd.mmul(patches, sd.reshape(conv, d, cpp), false, true, false);
    } else {
      INDArray conv = w.take(convName, d, c, p, p);
      SDVariable kernel =
          ops.constant("patch_kernel", conv.reshape('c', d, cpp).transpose().dup('c'));
      embedded = sd.mmul(patches, kernel);
    }
    embedded = sd.reshape(embedded, -1, n, d);
    SDVariable cls = ops.weight(v + ".embeddings.class_embedding", d);
    SDVariable clsRow =
        embedded.get(SDIndex.all(), SDIndex.interval(0, 1), SDIndex.all()).mul(0.0).add(cls);
    SDVariable tokens = sd.concat(1, clsRow, embedded);
    SDVariable pos = ops.weight(v + ".embeddings.position_embedding.weight", n + 1, d);
    SDVariable h = ops.layerNorm(tokens.add(pos), v + ".pre_layrnorm");
    h = ops.clipBlocks(h, v + ".encoder", t.layers(), null);
    SDVariable pooled = h.get(SDIndex.all(), SDIndex.point(0), SDIndex.all());
    SDVariable normed = ops.layerNorm(pooled, v + ".post_layernorm", 1);
    String projName = "visual_projection.weight";
    SDVariable out;
    if (ops.isTrainable(projName)) {
      out = sd.mmul(normed, ops.weight(projName, config.projectionDim(), d), false, true, false);
    } else {
      INDArray proj = w.take(projName, config.projectionDim(), d);
      out = sd.mmul(normed, ops.constant("visual_projection", proj.transpose().dup('c')));
    }
    if (outputName != null) {
      out = out.rename(outputName);
    }
    return new ClipVisionGraph(out, ops.trainableWeights());
  }

  /**
   * Returns the image embeddings [batch, projection dim] (not normalised).
   *
   * @return the variable
   */
  public SDVariable embeddings() {
    return embeddings;
  }

  /**
   * Returns the weights made trainable, by checkpoint name.
   *
   * @return name to variable
   */
  public Map<String, SDVariable> trainableWeights() {
    return trainable;
  }
}
