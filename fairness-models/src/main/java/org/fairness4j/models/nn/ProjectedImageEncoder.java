package org.fairness4j.models.nn;

import java.util.Objects;
import java.util.function.UnaryOperator;
import org.fairness4j.models.ImageEncoder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An image tower made of a backbone's pooled features through a linear projection, with or without
 * a bias, as GLoRIA's {@code global_embedder} and MedCLIP's {@code fc} / {@code projection_head}:
 * {@code embed = backbone(resize(pixels)) · projᵀ + bias}. The optional {@code resize} runs on the
 * checked float input before the backbone (GLoRIA's upsampling); closing closes the backbone.
 */
public final class ProjectedImageEncoder implements ImageEncoder {
  private final ImageEncoder backbone;
  private final UnaryOperator<INDArray> resize;
  private final INDArray projT;
  private final INDArray bias;
  private final int imageSize;

  /**
   * Creates the tower.
   *
   * @param backbone pooled features [batch, features]; closed with this tower
   * @param resize maps float pixels [batch, 3, imageSize, imageSize] to the backbone's input
   *     ({@code UnaryOperator.identity()} for none)
   * @param projT the projection, transposed: [features, embed]
   * @param bias the projection's bias [embed], or null for none
   * @param imageSize the input height and width this tower expects
   */
  public ProjectedImageEncoder(
      ImageEncoder backbone,
      UnaryOperator<INDArray> resize,
      INDArray projT,
      INDArray bias,
      int imageSize) {
    this.backbone = Objects.requireNonNull(backbone, "backbone");
    this.resize = Objects.requireNonNull(resize, "resize");
    this.projT = Objects.requireNonNull(projT, "projT");
    this.bias = bias;
    this.imageSize = imageSize;
  }

  @Override
  public INDArray encode(INDArray pixels) {
    BaseImageEncoder.checkPixels(pixels, 3, imageSize);
    INDArray features = backbone.encode(resize.apply(pixels.castTo(DataType.FLOAT)));
    INDArray out = features.castTo(DataType.FLOAT).mmul(projT);
    return bias == null ? out : out.addiRowVector(bias);
  }

  @Override
  public int embeddingDim() {
    return (int) projT.size(1);
  }

  @Override
  public int imageSize() {
    return imageSize;
  }

  @Override
  public void close() {
    backbone.close();
  }
}
