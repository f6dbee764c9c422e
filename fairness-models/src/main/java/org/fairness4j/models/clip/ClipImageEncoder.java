package org.fairness4j.models.clip;

import java.util.Map;
import org.fairness4j.models.ImageEncoder;
import org.fairness4j.models.nn.GraphAdaptation;
import org.fairness4j.models.nn.WeightSet;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * CLIP's vision transformer in SameDiff: patch embedding (as a matrix product over flattened
 * patches, equal to PyTorch's stride-p convolution), class token, position embedding,
 * pre-LayerNorm, pre-LN blocks, post-LayerNorm of the class token and the visual projection.
 */
public final class ClipImageEncoder implements ImageEncoder {
  private static final String INPUT = "pixels";
  private static final String OUTPUT = "image_embeds";

  private final SameDiff sd;
  private final ClipConfig config;
  private volatile boolean closed;

  ClipImageEncoder(ClipConfig config, WeightSet w) {
    this.config = config;
    this.sd = SameDiff.create();
    ClipConfig.Tower t = config.vision();
    SDVariable x =
        sd.placeHolder(INPUT, DataType.FLOAT, -1, t.channels(), t.positions(), t.positions());
    ClipVisionGraph.build(sd, config, w, GraphAdaptation.NONE, x, OUTPUT);
  }

  @Override
  public INDArray encode(INDArray pixels) {
    if (closed) {
      throw new IllegalStateException("encoder is closed");
    }
    int s = config.vision().positions();
    long[] shape = pixels.shape();
    if (shape.length != 4
        || shape[1] != config.vision().channels()
        || shape[2] != s
        || shape[3] != s) {
      throw new IllegalArgumentException(
          "expected pixels [batch, "
              + config.vision().channels()
              + ", "
              + s
              + ", "
              + s
              + "], got "
              + java.util.Arrays.toString(shape));
    }
    Map<String, INDArray> out = sd.output(Map.of(INPUT, pixels.castTo(DataType.FLOAT)), OUTPUT);
    return out.get(OUTPUT);
  }

  @Override
  public int embeddingDim() {
    return config.projectionDim();
  }

  @Override
  public int imageSize() {
    return config.vision().positions();
  }

  @Override
  public void close() {
    closed = true;
  }
}
