package org.fairness4j.models.clip;

import org.fairness4j.models.nn.GraphAdaptation;
import org.fairness4j.models.nn.GraphImageEncoder;
import org.fairness4j.models.nn.WeightSet;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * CLIP's vision transformer in SameDiff: patch embedding (as a matrix product over flattened
 * patches, equal to PyTorch's stride-p convolution), class token, position embedding,
 * pre-LayerNorm, pre-LN blocks, post-LayerNorm of the class token and the visual projection.
 */
public final class ClipImageEncoder extends GraphImageEncoder {
  private final ClipConfig config;

  ClipImageEncoder(ClipConfig config, WeightSet w) {
    super(config.vision().channels(), config.vision().positions());
    this.config = config;
    SDVariable out =
        ClipVisionGraph.build(graph(), config, w, GraphAdaptation.NONE, pixels(), null)
            .embeddings();
    setOutput(out);
  }

  @Override
  public int embeddingDim() {
    return config.projectionDim();
  }
}
