package org.fairness4j.models.nn;

import java.util.Arrays;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.fairness4j.models.ImageEncoder;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The common part of the CLIP, timm ViT, Swin and ResNet image encoders: an {@link ImageEncoder}
 * that runs either a SameDiff inference graph or, on ND4J's CPU backend, an eager forward ({@link
 * EagerVit}). A subclass builds its graph in its constructor from {@link #pixels()} to {@link
 * #setOutput}, or sets an eager forward with {@link #setEager} when {@link
 * EagerPreLnBlocks#enabled()}; {@link #encode} checks the input's shape and that the encoder is
 * open, then runs whichever was set.
 */
public abstract class BaseImageEncoder implements ImageEncoder {
  private static final String INPUT = "pixels";
  private static final String OUTPUT = "image_output";

  private final SameDiff sd = SameDiff.create();
  private final int channels;
  private final int imageSize;
  private volatile boolean closed;
  private UnaryOperator<INDArray> eager;

  /**
   * Creates the encoder's empty graph.
   *
   * @param channels input channels
   * @param imageSize input height and width
   */
  protected BaseImageEncoder(int channels, int imageSize) {
    this.channels = channels;
    this.imageSize = imageSize;
  }

  /**
   * Returns the graph to build.
   *
   * @return the graph
   */
  protected final SameDiff graph() {
    return sd;
  }

  /**
   * Adds the input placeholder [batch, channels, size, size]; call once.
   *
   * @return the placeholder
   */
  protected final SDVariable pixels() {
    return sd.placeHolder(INPUT, DataType.FLOAT, -1, channels, imageSize, imageSize);
  }

  /**
   * Marks the graph's output [batch, embedding dim].
   *
   * @param features the output
   */
  protected final void setOutput(SDVariable features) {
    sd.identity(OUTPUT, features);
  }

  /**
   * Makes {@link #encode} run an eager forward instead of the graph (which then stays empty).
   *
   * @param forward float pixels [batch, channels, size, size] (shape checked) to embeddings
   */
  protected final void setEager(UnaryOperator<INDArray> forward) {
    this.eager = java.util.Objects.requireNonNull(forward);
  }

  /**
   * Whether this encoder runs an eager forward rather than a SameDiff graph.
   *
   * @return true if eager
   */
  public final boolean isEager() {
    return eager != null;
  }

  @Override
  public final INDArray encode(INDArray pixels) {
    if (closed) {
      throw new IllegalStateException("encoder is closed");
    }
    checkPixels(pixels, channels, imageSize);
    if (eager != null) {
      return eager.apply(pixels.castTo(DataType.FLOAT));
    }
    return sd.output(Map.of(INPUT, pixels.castTo(DataType.FLOAT)), OUTPUT).get(OUTPUT);
  }

  /**
   * Checks that pixels are [batch, channels, size, size].
   *
   * @param pixels the input
   * @param channels expected channels
   * @param imageSize expected height and width
   * @throws IllegalArgumentException naming both shapes otherwise
   */
  public static void checkPixels(INDArray pixels, int channels, int imageSize) {
    long[] s = pixels.shape();
    if (s.length != 4 || s[1] != channels || s[2] != imageSize || s[3] != imageSize) {
      throw new IllegalArgumentException(
          "expected pixels [batch, "
              + channels
              + ", "
              + imageSize
              + ", "
              + imageSize
              + "], got "
              + Arrays.toString(s));
    }
  }

  @Override
  public final int imageSize() {
    return imageSize;
  }

  @Override
  public final void close() {
    closed = true;
  }
}
