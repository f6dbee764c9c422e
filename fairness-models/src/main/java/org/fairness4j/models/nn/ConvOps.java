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
 */
public final class ConvOps {
  private final SameDiff sd;
  private final WeightSet w;
  private final double bnEps;
  private int counter;

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
    INDArray kernel = w.take(weight, out, in, k, k);
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
            .weightsFormat(WeightsFormat.OIYX)
            .build();
    return sd.cnn().conv2d(x, sd.constant(name(weight), kernel), cfg);
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
    INDArray g = w.take(prefix + ".weight", c);
    INDArray b = w.take(prefix + ".bias", c);
    INDArray mean = w.take(prefix + ".running_mean", c);
    INDArray var = w.take(prefix + ".running_var", c);
    INDArray scale = g.div(Transforms.sqrt(var.add(bnEps)));
    INDArray shift = b.sub(mean.mul(scale));
    return x.mul(sd.constant(name(prefix + "_scale"), scale.reshape(1, c, 1, 1)))
        .add(sd.constant(name(prefix + "_shift"), shift.reshape(1, c, 1, 1)));
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
