package org.fairness4j.models.openclip;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.fairness4j.models.nn.BaseImageEncoder;
import org.fairness4j.models.nn.ConvOps;
import org.fairness4j.models.nn.TrainableTower;
import org.fairness4j.models.nn.WeightSet;
import org.fairness4j.models.weights.WeightFormatException;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * CLIP's modified ResNet (RN50, RN101, RN50x4, ...) in open_clip's layout: three stem convolutions
 * and a 2×2 average pool; bottlenecks whose stride is an average pool before the last 1×1
 * convolution (and before the downsampling convolution); attention pooling, where the mean token
 * (plus position embeddings) attends over all positions and the result is projected.
 */
final class ModifiedResNetEncoder extends BaseImageEncoder {
  private static final String P = "visual.";

  private final SameDiff sd = graph();
  private final int outputDim;

  ModifiedResNetEncoder(JsonNode c, Path file, WeightSet w) throws WeightFormatException {
    super(3, c.path("image_size").asInt(224));
    int imageSize = imageSize();
    this.outputDim = c.path("output_dim").asInt();
    int width = c.path("width").asInt(64);
    int heads = c.path("heads").asInt();
    JsonNode layers = c.path("layers");
    if (layers.size() != 4 || heads <= 0 || outputDim <= 0 || imageSize % 32 != 0) {
      throw new WeightFormatException(file, "inconsistent modified ResNet config " + c);
    }
    ConvOps ops = new ConvOps(sd, w, 1e-5);
    setOutput(forward(sd, ops, pixels(), width, layers, heads, outputDim, imageSize));
  }

  /** Stem, bottlenecks and attention pooling into a graph, from pixels. */
  private static SDVariable forward(
      SameDiff sd,
      ConvOps ops,
      SDVariable x,
      int width,
      JsonNode layers,
      int heads,
      int outputDim,
      int imageSize) {
    long half = width / 2;
    x = ops.relu(ops.convBn(x, P, 1, half, 3, 3, 2, 1));
    x = ops.relu(ops.convBn(x, P, 2, half, half, 3, 1, 1));
    x = ops.relu(ops.convBn(x, P, 3, width, half, 3, 1, 1));
    x = ops.avgPool(x, 2);
    long in = width;
    for (int stage = 0; stage < 4; stage++) {
      long planes = (long) width << stage;
      long out = planes * 4;
      for (int b = 0; b < layers.get(stage).asInt(); b++) {
        String p = P + "layer" + (stage + 1) + "." + b + ".";
        int stride = stage > 0 && b == 0 ? 2 : 1;
        SDVariable y = ops.relu(ops.convBn(x, p, 1, planes, in, 1, 1, 0));
        y = ops.relu(ops.convBn(y, p, 2, planes, planes, 3, 1, 1));
        if (stride > 1) {
          y = ops.avgPool(y, stride);
        }
        y = ops.convBn(y, p, 3, out, planes, 1, 1, 0);
        SDVariable identity = x;
        if (stride > 1 || in != out) {
          SDVariable d = stride > 1 ? ops.avgPool(x, stride) : x;
          identity =
              ops.batchNorm(
                  ops.conv(d, p + "downsample.0.weight", out, in, 1, 1, 0),
                  p + "downsample.1",
                  out);
        }
        x = ops.relu(y.add(identity));
        in = out;
      }
    }
    return attentionPool(sd, ops, x, in, heads, imageSize / 32, outputDim);
  }

  /**
   * Builds the tower into a graph for full fine-tuning: the weights the adaptation names trainable,
   * BatchNorm on batch statistics in the training forward (the authors' {@code model.train()}) and
   * on running statistics in the evaluation forward. The attention pool's projections are read by
   * {@code F.multi_head_attention_forward} in open_clip, so peft's LoRA cannot wrap them and this
   * tower has no LoRA.
   *
   * @param c the tower's config
   * @param file the config's file, for messages
   * @param w the weights
   * @param sd the graph
   * @param adaptation which weights train
   * @param pixels input [batch, 3, size, size]
   * @return the tower
   * @throws WeightFormatException if the config is inconsistent
   */
  static TrainableTower training(
      JsonNode c,
      Path file,
      WeightSet w,
      SameDiff sd,
      org.fairness4j.models.nn.GraphAdaptation adaptation,
      SDVariable pixels)
      throws WeightFormatException {
    int imageSize = c.path("image_size").asInt(224);
    int outputDim = c.path("output_dim").asInt();
    int width = c.path("width").asInt(64);
    int heads = c.path("heads").asInt();
    JsonNode layers = c.path("layers");
    if (layers.size() != 4 || heads <= 0 || outputDim <= 0 || imageSize % 32 != 0) {
      throw new WeightFormatException(file, "inconsistent modified ResNet config " + c);
    }
    ConvOps ops = new ConvOps(sd, w, 1e-5).adapt(adaptation);
    SDVariable train =
        forward(sd, ops.training(true), pixels, width, layers, heads, outputDim, imageSize);
    SDVariable eval =
        forward(sd, ops.training(false), pixels, width, layers, heads, outputDim, imageSize);
    return new TrainableTower(train, eval, ops.trainableWeights(), ops.statistics(), -1);
  }

  /** open_clip's AttentionPool2d: the mean token attends over [mean; positions]. */
  private static SDVariable attentionPool(
      SameDiff sd, ConvOps ops, SDVariable x, long c, int heads, int side, int outputDim) {
    long t = (long) side * side + 1;
    long hd = c / heads;
    SDVariable tokens = sd.permute(sd.reshape(x, -1, c, (long) side * side), 0, 2, 1);
    tokens = sd.concat(1, tokens.mean(true, 1), tokens);
    SDVariable pos = ops.weight(P + "attnpool.positional_embedding", t, c);
    tokens = tokens.add(sd.reshape(pos, 1, t, c));
    SDVariable flat = sd.reshape(tokens, -1, c);
    SDVariable q =
        linear(sd, ops, tokens.get(SDIndex.all(), SDIndex.point(0), SDIndex.all()), "q_proj", c, c);
    q = sd.reshape(q.mul(1.0 / Math.sqrt(hd)), -1, 1, hd);
    SDVariable k = perHead(sd, linear(sd, ops, flat, "k_proj", c, c), t, heads, hd);
    SDVariable v = perHead(sd, linear(sd, ops, flat, "v_proj", c, c), t, heads, hd);
    SDVariable probs = sd.nn().softmax(sd.mmul(q, k, false, true, false), 2);
    SDVariable ctx = sd.reshape(sd.mmul(probs, v), -1, c);
    return linear(sd, ops, ctx, "c_proj", c, outputDim);
  }

  /** [batch·t, heads·hd] to [batch·heads, t, hd]. */
  private static SDVariable perHead(SameDiff sd, SDVariable x, long t, int heads, long hd) {
    return sd.reshape(sd.permute(sd.reshape(x, -1, t, heads, hd), 0, 2, 1, 3), -1, t, hd);
  }

  private static SDVariable linear(
      SameDiff sd, ConvOps ops, SDVariable x, String name, long in, long out) {
    String p = P + "attnpool." + name;
    return sd.mmul(x, ops.weight(p + ".weight", out, in), false, true, false)
        .add(ops.weight(p + ".bias", out));
  }

  @Override
  public int embeddingDim() {
    return outputDim;
  }
}
