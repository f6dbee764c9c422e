package org.fairness4j.models.resnet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.fairness4j.models.nn.BaseImageEncoder;
import org.fairness4j.models.nn.ConvOps;
import org.fairness4j.models.nn.GraphAdaptation;
import org.fairness4j.models.nn.TrainableTower;
import org.fairness4j.models.nn.WeightSet;
import org.fairness4j.models.weights.SafetensorsFile;
import org.fairness4j.models.weights.WeightFormatException;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;

/**
 * A ResNet with torchvision's layout (bottleneck blocks, stride on the 3×3 convolution; the image
 * towers of GLoRIA and MedCLIP-ResNet) as a native SameDiff graph, returning the globally average
 * pooled features (the classifier {@code fc} is not used). The number of blocks per stage and the
 * widths are read from the weights; BatchNorm runs in inference mode (running statistics folded
 * into a per-channel scale and shift).
 */
public final class ResNetImageEncoder extends BaseImageEncoder {

  private final SameDiff sd = graph();
  private final int features;

  private ResNetImageEncoder(SafetensorsFile f, String prefix, int imageSize, double bnEps)
      throws WeightFormatException {
    super(3, imageSize);
    WeightSet w = new WeightSet(f);
    ConvOps ops = new ConvOps(sd, w, bnEps);
    SDVariable x = pixels();
    this.features = (int) features(f, prefix);
    setOutput(trunk(sd, ops, f, prefix, x));
    w.finish(prefixes(prefix));
  }

  private static long features(SafetensorsFile f, String prefix) throws WeightFormatException {
    long planes = 0;
    for (int stage = 1; stage <= 4; stage++) {
      String c1 = prefix + "layer" + stage + ".0.conv1.weight";
      if (f.contains(c1)) {
        planes = shape(f, c1)[0];
      }
    }
    return planes == 0 ? shape(f, prefix + "conv1.weight")[0] : planes * 4;
  }

  /** Stem, bottleneck stages and global average pooling into a graph, from pixels. */
  private static SDVariable trunk(
      SameDiff sd, ConvOps ops, SafetensorsFile f, String prefix, SDVariable x)
      throws WeightFormatException {
    long stem = shape(f, prefix + "conv1.weight")[0];
    x = ops.relu(ops.convBn(x, prefix, 1, stem, 3, 7, 2, 3));
    x =
        sd.cnn()
            .maxPooling2d(
                x,
                Pooling2DConfig.builder()
                    .kH(3)
                    .kW(3)
                    .sH(2)
                    .sW(2)
                    .pH(1)
                    .pW(1)
                    .dH(1)
                    .dW(1)
                    .paddingMode(PaddingMode.VALID)
                    .isNHWC(false)
                    .build());
    long in = stem;
    for (int stage = 1; stage <= 4; stage++) {
      for (int b = 0; f.contains(prefix + "layer" + stage + "." + b + ".conv1.weight"); b++) {
        String p = prefix + "layer" + stage + "." + b + ".";
        long planes = shape(f, p + "conv1.weight")[0];
        long out = planes * 4;
        int stride = stage > 1 && b == 0 ? 2 : 1;
        SDVariable y = ops.relu(ops.convBn(x, p, 1, planes, in, 1, 1, 0));
        y = ops.relu(ops.convBn(y, p, 2, planes, planes, 3, stride, 1));
        y = ops.convBn(y, p, 3, out, planes, 1, 1, 0);
        SDVariable identity = x;
        if (f.contains(p + "downsample.0.weight")) {
          identity =
              ops.batchNorm(
                  ops.conv(x, p + "downsample.0.weight", out, in, 1, stride, 0),
                  p + "downsample.1",
                  out);
        }
        x = ops.relu(y.add(identity));
        in = out;
      }
    }
    return x.mean(2, 3);
  }

  /**
   * Builds the ResNet into a graph for training (full fine-tuning): the weights the adaptation
   * names trainable, BatchNorm in PyTorch's training mode on the training forward and on running
   * statistics on the evaluation forward (the authors call {@code model.train()} on the whole model
   * each epoch, so a fine-tuned ResNet's BatchNorm layers use and update batch statistics).
   *
   * @param sd the graph
   * @param f the weight file (for the block structure)
   * @param w the weights
   * @param prefix weight-name prefix
   * @param adaptation which weights train
   * @param pixels input [batch, 3, size, size]
   * @return the two forwards' pooled features, the trainable weights and the BatchNorm statistics
   * @throws WeightFormatException if the file is not a torchvision ResNet
   */
  public static TrainableTower training(
      SameDiff sd,
      SafetensorsFile f,
      WeightSet w,
      String prefix,
      GraphAdaptation adaptation,
      SDVariable pixels)
      throws WeightFormatException {
    ConvOps ops = new ConvOps(sd, w, 1e-5).adapt(adaptation);
    SDVariable train = trunk(sd, ops.training(true), f, prefix, pixels);
    SDVariable eval = trunk(sd, ops.training(false), f, prefix, pixels);
    return new TrainableTower(train, eval, ops.trainableWeights(), ops.statistics(), -1);
  }

  /**
   * The weight-name prefixes a ResNet under {@code prefix} reads, for {@link WeightSet#finish}.
   *
   * @param prefix the model's prefix
   * @return the prefixes
   */
  public static List<String> prefixes(String prefix) {
    return List.of(prefix + "conv1.", prefix + "bn1.", prefix + "layer");
  }

  private static long[] shape(SafetensorsFile f, String name) throws WeightFormatException {
    if (!f.contains(name)) {
      throw new WeightFormatException(f.file(), "missing " + name + " (not a torchvision ResNet?)");
    }
    return f.shape(name);
  }

  /**
   * Loads the weights of a torchvision-layout ResNet.
   *
   * @param weights a safetensors file
   * @param prefix weight-name prefix ({@code ""} for a bare ResNet)
   * @param imageSize input height and width
   * @return the encoder
   * @throws IOException naming every missing, unexpected or mis-shaped tensor
   */
  public static ResNetImageEncoder load(Path weights, String prefix, int imageSize)
      throws IOException {
    try (SafetensorsFile f = SafetensorsFile.open(weights)) {
      return new ResNetImageEncoder(f, prefix, imageSize, 1e-5);
    }
  }

  @Override
  public int embeddingDim() {
    return features;
  }
}
