package org.fairness4j.models.nn;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Convolutional building blocks with PyTorch semantics and weights taken from a {@link WeightSet}:
 * NCHW convolutions (OIHW kernels, explicit padding), inference BatchNorm folded into a scale and a
 * shift, ReLU, and average pooling. Internal to the model loaders.
 *
 * <p>With a {@link GraphAdaptation} other than {@link GraphAdaptation#NONE} ({@link #adapt}) the
 * weights it names become trainable variables and BatchNorm keeps its four tensors: a tower is then
 * built twice into one graph, once after {@link #training training(true)} (BatchNorm on the batch's
 * statistics, whose running averages {@link #statistics} lists) and once after {@code
 * training(false)} (on the running statistics); both forwards share every weight.
 */
public final class ConvOps {
  private final SameDiff sd;
  private final WeightSet w;
  private final double bnEps;
  private int counter;
  private GraphAdaptation adaptation = GraphAdaptation.NONE;
  private boolean training;
  private final java.util.Map<String, SDVariable> shared = new java.util.LinkedHashMap<>();
  private final java.util.Map<String, SDVariable> trainable = new java.util.LinkedHashMap<>();
  private final java.util.Map<String, SDVariable[]> running = new java.util.LinkedHashMap<>();
  private final java.util.List<TrainableTower.BatchNormStatistics> statistics =
      new java.util.ArrayList<>();

  /**
   * Sets how the graph is adapted for training (default {@link GraphAdaptation#NONE}: constants,
   * BatchNorm folded); call before building.
   *
   * @param adaptation the adaptation
   * @return this
   */
  public ConvOps adapt(GraphAdaptation adaptation) {
    this.adaptation = java.util.Objects.requireNonNull(adaptation);
    return this;
  }

  /**
   * Chooses the forward the next calls build (adapted graphs only): true for PyTorch's training
   * mode (BatchNorm on batch statistics), false for evaluation mode.
   *
   * @param training the mode
   * @return this
   */
  public ConvOps training(boolean training) {
    this.training = training;
    return this;
  }

  /**
   * Returns the imported weights made trainable, by checkpoint name.
   *
   * @return name to variable
   */
  public java.util.Map<String, SDVariable> trainableWeights() {
    return java.util.Collections.unmodifiableMap(trainable);
  }

  /**
   * Returns the BatchNorm layers of the training forward built so far.
   *
   * @return the layers' statistics
   */
  public java.util.List<TrainableTower.BatchNormStatistics> statistics() {
    return java.util.List.copyOf(statistics);
  }

  /**
   * Returns an imported weight: built once and shared by both forwards, a trainable variable when
   * the adaptation says so, a constant otherwise.
   *
   * @param name checkpoint name
   * @param shape expected shape
   * @return the variable
   */
  public SDVariable weight(String name, long... shape) {
    SDVariable v = shared.get(name);
    if (v == null) {
      INDArray value = w.take(name, shape);
      if (adaptation.trainable(name)) {
        v = sd.var(name(name), value);
        trainable.put(name, v);
      } else {
        v = sd.constant(name(name), value);
      }
      shared.put(name, v);
    }
    return v;
  }

  /**
   * Starts building into a graph.
   *
   * @param sd the graph
   * @param w the weights
   * @param bnEps BatchNorm epsilon (PyTorch's default 1e-5)
   */
  public ConvOps(SameDiff sd, WeightSet w, double bnEps) {
    this.sd = sd;
    this.w = w;
    this.bnEps = bnEps;
  }

  private String name(String base) {
    return base.replace('.', '_') + "_" + (counter++);
  }

  /**
   * A bias-free convolution, as PyTorch's {@code Conv2d(in, out, k, stride, padding, bias=False)}.
   *
   * @param x input NCHW
   * @param weight kernel name ([out, in, k, k])
   * @param out output channels
   * @param in input channels
   * @param k kernel size
   * @param stride stride
   * @param pad zero padding on each side
   * @return output NCHW
   */
  public SDVariable conv(
      SDVariable x, String weight, long out, long in, int k, int stride, int pad) {
    boolean adapted = adaptation != GraphAdaptation.NONE;
    Conv2DConfig cfg =
        Conv2DConfig.builder()
            .kH(k)
            .kW(k)
            .sH(stride)
            .sW(stride)
            .pH(pad)
            .pW(pad)
            .dH(1)
            .dW(1)
            .paddingMode(PaddingMode.VALID)
            .dataFormat(Conv2DConfig.NCHW)
            .weightsFormat(adapted ? WeightsFormat.YXIO : WeightsFormat.OIYX)
            .build();
    SDVariable kernel = weight(weight, out, in, k, k);
    // conv2d_bp of 1.0.0-M2.1 fails its validation with OIYX kernels: a trained graph hands the
    // kernel over as [kH, kW, in, out] (the default layout), permuted from PyTorch's
    return sd.cnn().conv2d(x, adapted ? sd.permute(kernel, 2, 3, 1, 0) : kernel, cfg);
  }

  /**
   * A convolution {@code <prefix>conv<i>.weight} (no bias) followed by its BatchNorm {@code
   * <prefix>bn<i>}, as a ResNet names them.
   *
   * @param x input NCHW
   * @param prefix the block's prefix, ending in a dot
   * @param i the layer's number in the block
   * @param out output channels
   * @param in input channels
   * @param k kernel size
   * @param stride stride
   * @param pad zero padding on each side
   * @return output NCHW
   */
  public SDVariable convBn(
      SDVariable x, String prefix, int i, long out, long in, int k, int stride, int pad) {
    return batchNorm(
        conv(x, prefix + "conv" + i + ".weight", out, in, k, stride, pad), prefix + "bn" + i, out);
  }

  /**
   * Inference BatchNorm with running statistics ({@code prefix.weight, .bias, .running_mean,
   * .running_var}).
   *
   * @param x input NCHW
   * @param prefix the layer's prefix
   * @param c channels
   * @return output
   */
  public SDVariable batchNorm(SDVariable x, String prefix, long c) {
    if (adaptation != GraphAdaptation.NONE) {
      return adaptedBatchNorm(x, prefix, c);
    }
    INDArray g = w.take(prefix + ".weight", c);
    INDArray b = w.take(prefix + ".bias", c);
    INDArray mean = w.take(prefix + ".running_mean", c);
    INDArray var = w.take(prefix + ".running_var", c);
    INDArray scale = g.div(Transforms.sqrt(var.add(bnEps)));
    INDArray shift = b.sub(mean.mul(scale));
    return x.mul(sd.constant(name(prefix + "_scale"), scale.reshape(1, c, 1, 1)))
        .add(sd.constant(name(prefix + "_shift"), shift.reshape(1, c, 1, 1)));
  }

  /** BatchNorm with its gain and bias as weights, on batch or running statistics. */
  private SDVariable adaptedBatchNorm(SDVariable x, String prefix, long c) {
    SDVariable g = sd.reshape(weight(prefix + ".weight", c), 1, c, 1, 1);
    SDVariable b = sd.reshape(weight(prefix + ".bias", c), 1, c, 1, 1);
    SDVariable[] stats = running.get(prefix);
    if (stats == null) {
      // constants made once; the running arrays are views of the graph's own arrays, so that the
      // training step's in-place updates reach the evaluation forward
      stats =
          new SDVariable[] {
            sd.constant(
                name(prefix + "_running_mean"),
                w.take(prefix + ".running_mean", c).dup('c').reshape(1, c, 1, 1)),
            sd.constant(
                name(prefix + "_running_var"),
                w.take(prefix + ".running_var", c).dup('c').reshape(1, c, 1, 1))
          };
      running.put(prefix, stats);
    }
    if (!training) {
      return x.sub(stats[0]).mul(sd.math().rsqrt(stats[1].add(bnEps))).mul(g).add(b);
    }
    SDVariable mean = x.mean(true, 0, 2, 3);
    SDVariable centred = x.sub(mean);
    SDVariable variance = centred.mul(centred).mean(true, 0, 2, 3);
    SDVariable n =
        sd.sizeAt(x, 0)
            .mul(sd.sizeAt(x, 2))
            .mul(sd.sizeAt(x, 3))
            .castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
    SDVariable unbiased = variance.mul(n.div(n.sub(1.0)));
    String meanName = name(prefix + "_batch_mean");
    String varName = name(prefix + "_batch_var");
    sd.identity(meanName, mean);
    sd.identity(varName, unbiased);
    statistics.add(
        new TrainableTower.BatchNormStatistics(
            prefix,
            meanName,
            varName,
            sd.getArrForVarName(stats[0].name()).reshape(c),
            sd.getArrForVarName(stats[1].name()).reshape(c)));
    return centred.mul(sd.math().rsqrt(variance.add(bnEps))).mul(g).add(b);
  }

  /**
   * ReLU.
   *
   * @param x input
   * @return output
   */
  public SDVariable relu(SDVariable x) {
    return sd.nn().relu(x, 0.0);
  }

  /**
   * PyTorch's {@code AvgPool2d(k)}: kernel and stride k, no padding.
   *
   * @param x input NCHW
   * @param k the window
   * @return output
   */
  public SDVariable avgPool(SDVariable x, int k) {
    return sd.cnn()
        .avgPooling2d(
            x,
            Pooling2DConfig.builder()
                .kH(k)
                .kW(k)
                .sH(k)
                .sW(k)
                .pH(0)
                .pW(0)
                .dH(1)
                .dW(1)
                .paddingMode(PaddingMode.VALID)
                .isNHWC(false)
                .build());
  }
}
