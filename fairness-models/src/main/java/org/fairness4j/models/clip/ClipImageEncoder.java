package org.fairness4j.models.clip;

import org.fairness4j.models.nn.BaseImageEncoder;
import org.fairness4j.models.nn.EagerPreLnBlocks;
import org.fairness4j.models.nn.EagerVit;
import org.fairness4j.models.nn.GraphAdaptation;
import org.fairness4j.models.nn.WeightSet;

/**
 * CLIP's vision transformer: patch embedding (as a matrix product over flattened patches, equal to
 * PyTorch's stride-p convolution), class token, position embedding, pre-LayerNorm, pre-LN blocks,
 * post-LayerNorm of the class token and the visual projection.
 *
 * <p>On ND4J's CPU backend it runs eagerly, op by op on arrays in host memory ({@link EagerVit}),
 * which is faster than a SameDiff graph, most of all at small batches; on other backends (CUDA), or
 * with {@code -Dfairness4j.inference=graph}, it runs the SameDiff graph of {@link ClipVisionGraph}.
 * Both compute the same function with the same folded weights and match PyTorch to about 1e-6.
 */
public final class ClipImageEncoder extends BaseImageEncoder {
  private final ClipConfig config;

  ClipImageEncoder(ClipConfig config, WeightSet w) {
    super(config.vision().channels(), config.vision().positions());
    this.config = config;
    if (EagerPreLnBlocks.enabled()) {
      setEager(eager(config, w)::encode);
    } else {
      setOutput(
          ClipVisionGraph.build(graph(), config, w, GraphAdaptation.NONE, pixels(), null)
              .embeddings());
    }
  }

  private static EagerVit eager(ClipConfig config, WeightSet w) {
    ClipConfig.Tower t = config.vision();
    String v = "vision_model";
    int d = t.hiddenSize();
    int p = t.vocabOrPatch();
    int g = t.positions() / p;
    return new EagerVit(
        t.channels(),
        t.positions(),
        p,
        t.layerNormEps(),
        w.take(v + ".embeddings.patch_embedding.weight", d, t.channels(), p, p),
        null,
        w.take(v + ".embeddings.class_embedding", d),
        w.take(v + ".embeddings.position_embedding.weight", (long) g * g + 1, d),
        new org.nd4j.linalg.api.ndarray.INDArray[] {
          w.take(v + ".pre_layrnorm.weight", d), w.take(v + ".pre_layrnorm.bias", d)
        },
        EagerPreLnBlocks.load(
            w,
            EagerPreLnBlocks.Layout.CLIP,
            v + ".encoder",
            t.layers(),
            d,
            t.heads(),
            t.intermediateSize(),
            t.layerNormEps()),
        EagerPreLnBlocks.foldIntoProjection(
            w, v + ".post_layernorm", "visual_projection.weight", config.projectionDim(), d));
  }

  @Override
  public int embeddingDim() {
    return config.projectionDim();
  }
}
