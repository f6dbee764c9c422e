package org.fairness4j.models.clip;

import java.util.Map;
import org.fairness4j.models.ImageEncoder;
import org.fairness4j.models.nn.TransformerOps;
import org.fairness4j.models.nn.WeightSet;
import org.nd4j.autodiff.samediff.SDIndex;
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
    int p = t.vocabOrPatch();
    int c = t.channels();
    int g = t.positions() / p;
    int n = g * g;
    long d = t.hiddenSize();
    String v = "vision_model";
    TransformerOps ops =
        new TransformerOps(
            sd, w, t.hiddenSize(), t.heads(), t.intermediateSize(), t.layerNormEps(), n + 1);
    SDVariable x = sd.placeHolder(INPUT, DataType.FLOAT, -1, c, t.positions(), t.positions());
    SDVariable patches =
        sd.reshape(
            sd.permute(sd.reshape(x, -1, c, g, p, g, p), 0, 2, 4, 1, 3, 5), -1, (long) c * p * p);
    INDArray conv = w.take(v + ".embeddings.patch_embedding.weight", d, c, p, p);
    SDVariable kernel =
        ops.constant("patch_kernel", conv.reshape('c', d, (long) c * p * p).transpose().dup('c'));
    SDVariable embedded = sd.reshape(sd.mmul(patches, kernel), -1, n, d);
    SDVariable cls = ops.constant("class_embedding", w.take(v + ".embeddings.class_embedding", d));
    SDVariable clsRow =
        embedded.get(SDIndex.all(), SDIndex.interval(0, 1), SDIndex.all()).mul(0.0).add(cls);
    SDVariable tokens = sd.concat(1, clsRow, embedded);
    SDVariable pos =
        ops.constant(
            "position_embedding", w.take(v + ".embeddings.position_embedding.weight", n + 1, d));
    SDVariable h = ops.layerNorm(tokens.add(pos), v + ".pre_layrnorm");
    h = ops.clipBlocks(h, v + ".encoder", t.layers(), null);
    SDVariable pooled = h.get(SDIndex.all(), SDIndex.point(0), SDIndex.all());
    SDVariable normed = ops.layerNorm(pooled, v + ".post_layernorm", 1);
    INDArray proj = w.take("visual_projection.weight", config.projectionDim(), d);
    sd.mmul(OUTPUT, normed, ops.constant("visual_projection", proj.transpose().dup('c')));
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
