package org.fairness4j.models.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A vision transformer for inference on ND4J's CPU backend, run op by op (see {@link
 * EagerPreLnBlocks}): patch embedding as a product over flattened patches (equal to PyTorch's
 * stride-p convolution), class token, position embedding, an optional pre-LayerNorm, the blocks,
 * and a final LayerNorm of the class token folded into the projection. CLIP's and timm's ViTs are
 * both of this form. Immutable; safe to share between threads.
 */
public final class EagerVit {
  private final int channels;
  private final int patch;
  private final int grid;
  private final int hidden;
  private final double eps;
  private final INDArray patchKernel;
  private final INDArray patchBias;
  private final INDArray classEmbedding;
  private final INDArray positions;
  private final INDArray preGain;
  private final INDArray preBias;
  private final EagerPreLnBlocks blocks;
  private final INDArray projectionT;
  private final INDArray projectionBias;

  /**
   * The parts of a ViT.
   *
   * @param channels input channels
   * @param imageSize input height and width
   * @param patch patch size
   * @param eps LayerNorm epsilon
   * @param convWeight the patch convolution [hidden, channels, patch, patch]
   * @param convBias its bias [hidden], or null
   * @param classEmbedding the class token [hidden] (any shape of that length)
   * @param positions position embeddings [tokens, hidden] (any shape of that length)
   * @param preNorm the pre-LayerNorm's {@code [gain, bias]}, or null
   * @param blocks the transformer blocks
   * @param projection the final LayerNorm folded into the projection ({@link
   *     EagerPreLnBlocks#foldIntoProjection})
   */
  public EagerVit(
      int channels,
      int imageSize,
      int patch,
      double eps,
      INDArray convWeight,
      INDArray convBias,
      INDArray classEmbedding,
      INDArray positions,
      INDArray[] preNorm,
      EagerPreLnBlocks blocks,
      INDArray[] projection) {
    this.channels = channels;
    this.patch = patch;
    this.grid = imageSize / patch;
    this.hidden = (int) convWeight.size(0);
    this.eps = eps;
    long cpp = (long) channels * patch * patch;
    this.patchKernel = convWeight.reshape('c', hidden, cpp).transpose().dup('c');
    this.patchBias = convBias == null ? null : convBias.reshape(hidden).dup();
    this.classEmbedding = classEmbedding.reshape(hidden).dup();
    this.positions = positions.reshape((long) grid * grid + 1, hidden).dup('c');
    this.preGain = preNorm == null ? null : preNorm[0].reshape(hidden).dup();
    this.preBias = preNorm == null ? null : preNorm[1].reshape(hidden).dup();
    this.blocks = blocks;
    this.projectionT = projection[0];
    this.projectionBias = projection[1];
  }

  /**
   * Encodes pixels [batch, channels, size, size] (float, shape already checked).
   *
   * @param pixels the images
   * @return embeddings [batch, projection dim]
   */
  public INDArray encode(INDArray pixels) {
    int batch = (int) pixels.size(0);
    int n = grid * grid;
    int tokens = n + 1;
    long cpp = (long) channels * patch * patch;
    INDArray permuted =
        pixels
            .reshape('c', batch, channels, grid, patch, grid, patch)
            .permute(0, 2, 4, 1, 3, 5)
            .dup('c');
    INDArray embedded = permuted.reshape('c', (long) batch * n, cpp).mmul(patchKernel);
    if (patchBias != null) {
      embedded.addiRowVector(patchBias);
    }
    INDArray h = Nd4j.create(DataType.FLOAT, (long) batch * tokens, hidden);
    INDArray h3 = h.reshape('c', batch, tokens, hidden);
    h3.get(NDArrayIndex.all(), NDArrayIndex.interval(1, tokens), NDArrayIndex.all())
        .assign(embedded.reshape('c', batch, n, hidden));
    // free the large temporaries now rather than when the garbage collector gets to them
    permuted.close();
    embedded.close();
    h3.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.all())
        .addiRowVector(classEmbedding);
    Nd4j.exec(new BroadcastAddOp(h3, positions, h3, 1, 2));
    INDArray x = h;
    if (preGain != null) {
      x = EagerPreLnBlocks.normalize(h, eps).muliRowVector(preGain).addiRowVector(preBias);
      h.close();
    }
    blocks.apply(x, batch, tokens, null);
    INDArray pooled =
        x.reshape('c', batch, tokens, hidden)
            .get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.all());
    INDArray normed = EagerPreLnBlocks.normalize(pooled, eps);
    x.close();
    INDArray out = normed.mmul(projectionT).addiRowVector(projectionBias);
    normed.close();
    return out;
  }
}
