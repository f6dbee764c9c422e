package org.fairness4j.models.clip;

import org.fairness4j.models.nn.EagerClipBlocks;
import org.fairness4j.models.nn.WeightSet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * CLIP's vision transformer for inference, run op by op on ND4J arrays: the same computation as
 * {@link ClipVisionGraph} with {@code GraphAdaptation.NONE} (patch embedding as a product over
 * flattened patches, class token, position embedding, pre-LayerNorm, {@link EagerClipBlocks},
 * post-LayerNorm of the class token folded into the visual projection). Immutable; safe to share
 * between threads.
 */
final class EagerClipVision {
  private final int channels;
  private final int patch;
  private final int grid;
  private final int hidden;
  private final double eps;
  private final INDArray patchKernel;
  private final INDArray classEmbedding;
  private final INDArray positions;
  private final INDArray preGain;
  private final INDArray preBias;
  private final EagerClipBlocks blocks;
  private final INDArray projectionT;
  private final INDArray projectionBias;

  EagerClipVision(ClipConfig config, WeightSet w) {
    ClipConfig.Tower t = config.vision();
    String v = "vision_model";
    channels = t.channels();
    patch = t.vocabOrPatch();
    grid = t.positions() / patch;
    hidden = t.hiddenSize();
    eps = t.layerNormEps();
    long cpp = (long) channels * patch * patch;
    int n = grid * grid;
    patchKernel =
        w.take(v + ".embeddings.patch_embedding.weight", hidden, channels, patch, patch)
            .reshape('c', hidden, cpp)
            .transpose()
            .dup('c');
    classEmbedding = w.take(v + ".embeddings.class_embedding", hidden).dup();
    positions = w.take(v + ".embeddings.position_embedding.weight", n + 1, hidden).dup();
    preGain = w.take(v + ".pre_layrnorm.weight", hidden).dup();
    preBias = w.take(v + ".pre_layrnorm.bias", hidden).dup();
    blocks =
        EagerClipBlocks.load(
            w, v + ".encoder", t.layers(), hidden, t.heads(), t.intermediateSize(), eps);
    INDArray[] folded =
        foldLayerNorm(
            w, v + ".post_layernorm", "visual_projection.weight", config.projectionDim(), hidden);
    projectionT = folded[0];
    projectionBias = folded[1];
  }

  /**
   * A LayerNorm's gain and bias folded into the bias-free projection that follows it, computed in
   * double: P·(g∘x̂ + β) = (P·diag(g))·x̂ + P·β.
   *
   * @return {@code [(P·diag(g))^T [width, dim], P·β [dim]]}
   */
  static INDArray[] foldLayerNorm(
      WeightSet w, String lnPrefix, String projection, int dim, int width) {
    INDArray g = w.take(lnPrefix + ".weight", width).castTo(DataType.DOUBLE);
    INDArray beta = w.take(lnPrefix + ".bias", width).castTo(DataType.DOUBLE);
    INDArray proj = w.take(projection, dim, width).castTo(DataType.DOUBLE);
    return new INDArray[] {
      proj.mulRowVector(g).transpose().castTo(DataType.FLOAT).dup('c'),
      proj.mmul(beta.reshape(width, 1)).reshape(dim).castTo(DataType.FLOAT).dup('c')
    };
  }

  /**
   * Encodes pixels [batch, channels, size, size] (float) into embeddings [batch, projection dim].
   */
  INDArray encode(INDArray pixels) {
    int batch = (int) pixels.size(0);
    int n = grid * grid;
    int tokens = n + 1;
    long cpp = (long) channels * patch * patch;
    INDArray patches =
        pixels
            .reshape('c', batch, channels, grid, patch, grid, patch)
            .permute(0, 2, 4, 1, 3, 5)
            .dup('c')
            .reshape('c', (long) batch * n, cpp);
    INDArray embedded = patches.mmul(patchKernel);
    INDArray h = Nd4j.create(DataType.FLOAT, (long) batch * tokens, hidden);
    INDArray h3 = h.reshape('c', batch, tokens, hidden);
    h3.get(NDArrayIndex.all(), NDArrayIndex.interval(1, tokens), NDArrayIndex.all())
        .assign(embedded.reshape('c', batch, n, hidden));
    h3.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.all())
        .addiRowVector(classEmbedding);
    Nd4j.exec(new BroadcastAddOp(h3, positions, h3, 1, 2));
    INDArray x = EagerClipBlocks.normalize(h, eps).muliRowVector(preGain).addiRowVector(preBias);
    blocks.apply(x, batch, tokens, null);
    INDArray pooled =
        x.reshape('c', batch, tokens, hidden)
            .get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.all());
    return EagerClipBlocks.normalize(pooled, eps).mmul(projectionT).addiRowVector(projectionBias);
  }
}
