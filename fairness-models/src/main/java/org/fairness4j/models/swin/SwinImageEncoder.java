package org.fairness4j.models.swin;

import java.util.List;
import org.fairness4j.models.nn.BaseImageEncoder;
import org.fairness4j.models.nn.GraphAdaptation;
import org.fairness4j.models.nn.TrainableTower;
import org.fairness4j.models.nn.TransformerOps;
import org.fairness4j.models.nn.WeightSet;
import org.fairness4j.models.weights.SafetensorsFile;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A Swin Transformer (Liu et al., ICCV 2021) in Hugging Face's {@code SwinModel} layout as a native
 * SameDiff graph returning the pooled features (the mean over tokens of the final LayerNorm, {@code
 * pooler_output}): patch embedding and LayerNorm; per stage, blocks of (shifted) window attention
 * with the learned relative position bias and exact-GELU MLP; patch merging between stages. The
 * relative position bias and the shifted-window mask are precomputed constants. Reads both the
 * transformers 4.x tensor names ({@code attention.self.query}, {@code intermediate.dense}, ...) and
 * the 5.x ones ({@code attention.q_proj}, {@code mlp.fc1}, ...).
 */
public final class SwinImageEncoder extends BaseImageEncoder {

  private final SameDiff sd;
  private final SwinConfig config;
  private GraphAdaptation adaptation = GraphAdaptation.NONE;
  private final List<TransformerOps> built = new java.util.ArrayList<>();
  private final java.util.Map<Integer, SDVariable> selectors = new java.util.HashMap<>();
  private double dropPathRate;
  private final java.util.Map<String, Double> dropPaths = new java.util.LinkedHashMap<>();
  private int counter;

  /** Tensor names of one block, in one of the two naming schemes. */
  private record BlockNames(
      String q, String k, String v, String o, String table, String fc1, String fc2) {
    static BlockNames of(String b, boolean v4) {
      return v4
          ? new BlockNames(
              b + "attention.self.query",
              b + "attention.self.key",
              b + "attention.self.value",
              b + "attention.output.dense",
              b + "attention.self.relative_position_bias_table",
              b + "intermediate.dense",
              b + "output.dense")
          : new BlockNames(
              b + "attention.q_proj",
              b + "attention.k_proj",
              b + "attention.v_proj",
              b + "attention.o_proj",
              b + "attention.relative_position_bias.relative_position_bias_table",
              b + "mlp.fc1",
              b + "mlp.fc2");
    }
  }

  /**
   * Builds the encoder from a checkpoint.
   *
   * @param config the shape
   * @param f the weight file (for the naming scheme and the relative-position-index buffers)
   * @param w the weights
   * @param prefix the model's name prefix (e.g. {@code vision_model.model.})
   */
  public SwinImageEncoder(SwinConfig config, SafetensorsFile f, WeightSet w, String prefix) {
    super(3, config.imageSize());
    this.config = config;
    this.sd = graph();
    setOutput(forward(f, w, prefix, pixels()));
  }

  private SwinImageEncoder(SwinConfig config, SameDiff sd, GraphAdaptation adaptation) {
    super(3, config.imageSize());
    this.config = config;
    this.sd = sd;
    this.adaptation = adaptation;
  }

  /**
   * Builds the Swin backbone into a graph for training: the weights the adaptation names trainable
   * (the relative position bias tables too, gathered by index in the graph), and LoRA on its linear
   * layers by their checkpoint names (peft's {@code attention.self.query}, ...). No BatchNorm and
   * no dropout, so both forwards are one graph. Stochastic depth as Hugging Face's {@code
   * SwinLayer} applies it in training mode (the checkpoint MedCLIP loads, {@code
   * microsoft/swin-tiny-patch4-window7-224}, sets {@code drop_path_rate} 0.1): block i of n scales
   * its attention branch (not its MLP branch) by a per-image mask, 0 with probability rate·i/(n−1)
   * and 1/(1 − that) otherwise; the masks are placeholders ({@link TrainableTower#dropPaths}), ones
   * for evaluation.
   *
   * @param config the shape
   * @param f the weight file
   * @param w the weights
   * @param prefix the model's prefix
   * @param sd the graph
   * @param adaptation trainable weights and LoRA terms
   * @param pixels input [batch, 3, size, size]
   * @param dropPathRate the stochastic depth rate of the last block (0 for none)
   * @return the pooled features
   */
  public static TrainableTower training(
      SwinConfig config,
      SafetensorsFile f,
      WeightSet w,
      String prefix,
      SameDiff sd,
      GraphAdaptation adaptation,
      SDVariable pixels,
      double dropPathRate) {
    SwinImageEncoder b = new SwinImageEncoder(config, sd, adaptation);
    b.dropPathRate = dropPathRate;
    SDVariable out = b.forward(f, w, prefix, pixels);
    java.util.Map<String, SDVariable> trainable = new java.util.LinkedHashMap<>();
    b.built.forEach(o -> trainable.putAll(o.trainableWeights()));
    return new TrainableTower(out, out, trainable, List.of(), -1, b.dropPaths);
  }

  /** The name of block i's stochastic depth mask placeholder [batch, 1, 1]. */
  static String dropPathName(int block) {
    return "swin_drop_path_" + block;
  }

  private SDVariable forward(SafetensorsFile f, WeightSet w, String prefix, SDVariable x) {
    boolean v4 = f.contains(prefix + "encoder.layers.0.blocks.0.attention.self.query.weight");
    int p = config.patchSize();
    int g = config.imageSize() / p;
    long c = config.embedDim();
    long cpp = 3L * p * p;
    SDVariable patches =
        sd.reshape(sd.permute(sd.reshape(x, -1, 3, g, p, g, p), 0, 2, 4, 1, 3, 5), -1, cpp);
    TransformerOps ops0 = ops(w, c, 1, g * g);
    String convName = prefix + "embeddings.patch_embeddings.projection.weight";
    SDVariable kernel;
    if (ops0.isTrainable(convName)) {
      kernel = sd.transpose(sd.reshape(ops0.weight(convName, c, 3, p, p), c, cpp));
    } else {
      INDArray conv = w.take(convName, c, 3, p, p);
      kernel = ops0.constant(name("patch_kernel"), conv.reshape('c', c, cpp).transpose().dup('c'));
    }
    SDVariable h =
        sd.mmul(patches, kernel)
            .add(ops0.weight(prefix + "embeddings.patch_embeddings.projection.bias", c));
    h = ops0.layerNorm(sd.reshape(h, -1, (long) g * g, c), prefix + "embeddings.norm");
    int res = g;
    int[] depths = config.depths();
    int[] heads = config.heads();
    for (int s = 0; s < depths.length; s++) {
      long cs = c << s;
      TransformerOps ops = ops(w, cs, heads[s], res * res);
      int ws = Math.min(config.window(), res);
      for (int b = 0; b < depths[s]; b++) {
        String bp = prefix + "encoder.layers." + s + ".blocks." + b + ".";
        BlockNames n = BlockNames.of(bp, v4);
        if (v4 && f.contains(bp + "attention.self.relative_position_index")) {
          w.take(bp + "attention.self.relative_position_index", (long) ws * ws, (long) ws * ws);
        }
        int shift = b % 2 == 1 && res > config.window() ? config.window() / 2 : 0;
        SDVariable t = sd.reshape(ops.layerNorm(h, bp + "layernorm_before"), -1, res, res, cs);
        if (shift > 0) {
          t = roll(t, -shift, res);
        }
        SDVariable windows =
            sd.reshape(
                sd.permute(sd.reshape(t, -1, res / ws, ws, res / ws, ws, cs), 0, 1, 3, 2, 4, 5),
                -1,
                (long) ws * ws,
                cs);
        SDVariable attn =
            attention(
                ops,
                windows,
                n,
                cs,
                heads[s],
                ws,
                res,
                biasAndMask(ops, w, n, heads[s], ws, res, shift));
        t =
            sd.reshape(
                sd.permute(sd.reshape(attn, -1, res / ws, res / ws, ws, ws, cs), 0, 1, 3, 2, 4, 5),
                -1,
                res,
                res,
                cs);
        if (shift > 0) {
          t = roll(t, shift, res);
        }
        SDVariable branch = sd.reshape(t, -1, (long) res * res, cs);
        int total = java.util.Arrays.stream(depths).sum();
        int index = java.util.Arrays.stream(depths, 0, s).sum() + b;
        double drop = dropPathRate * index / Math.max(total - 1, 1);
        if (drop > 0) {
          String mask = dropPathName(index);
          dropPaths.put(mask, drop);
          branch = branch.mul(sd.placeHolder(mask, DataType.FLOAT, -1, 1, 1));
        }
        h = h.add(branch);
        h = h.add(ops.geluMlp(ops.layerNorm(h, bp + "layernorm_after"), n.fc1(), n.fc2()));
      }
      if (s < depths.length - 1) {
        String dp = prefix + "encoder.layers." + s + ".downsample.";
        int half = res / 2;
        SDVariable merged =
            sd.reshape(
                sd.permute(sd.reshape(h, -1, half, 2, half, 2, cs), 0, 1, 3, 4, 2, 5),
                -1,
                (long) half * half,
                4 * cs);
        TransformerOps ops4 = ops(w, 4 * cs, 1, half * half);
        merged = ops4.layerNorm(merged, dp + "norm");
        h =
            sd.reshape(
                ops4.linearFlat(
                    sd.reshape(merged, -1, 4 * cs), dp + "reduction", 4 * cs, 2 * cs, false, null),
                -1,
                (long) half * half,
                2 * cs);
        res = half;
      }
    }
    long last = c << (depths.length - 1);
    h = ops(w, last, 1, res * res).layerNorm(h, prefix + "layernorm");
    return h.mean(1);
  }

  private TransformerOps ops(WeightSet w, long width, int heads, int tokens) {
    TransformerOps o =
        new TransformerOps(
                sd,
                w,
                width,
                heads,
                (int) Math.round(config.mlpRatio() * width),
                config.eps(),
                tokens)
            .adapt(adaptation);
    built.add(o);
    return o;
  }

  /**
   * The relative position bias and shifted-window mask [1, nW, heads, N, N]: a constant, or, when
   * the table trains, the table gathered by the relative position index plus the constant mask.
   */
  private SDVariable biasAndMask(
      TransformerOps ops, WeightSet w, BlockNames n, int heads, int ws, int res, int shift) {
    long rows = (2L * ws - 1) * (2L * ws - 1);
    if (!ops.isTrainable(n.table())) {
      INDArray table = w.take(n.table(), rows, heads);
      return sd.constant(name("bias_mask"), biasAndMask(table, heads, ws, res, shift));
    }
    SDVariable table = ops.weight(n.table(), rows, heads);
    int tokens = ws * ws;
    // table[index] as a product with a one-hot matrix [N·N, rows] (gather's gradient is a loop
    // that SameDiff 1.0.0-M2.1 cannot build); one constant per window size
    SDVariable select =
        selectors.computeIfAbsent(
            ws,
            k -> {
              float[] onehot = new float[tokens * tokens * (int) rows];
              for (int i = 0; i < tokens; i++) {
                for (int j = 0; j < tokens; j++) {
                  int index =
                      (i / ws - j / ws + ws - 1) * (2 * ws - 1) + (i % ws - j % ws + ws - 1);
                  onehot[(i * tokens + j) * (int) rows + index] = 1f;
                }
              }
              return sd.constant(
                  name("rel_index_onehot"),
                  Nd4j.create(onehot, new long[] {(long) tokens * tokens, rows}, 'c'));
            });
    SDVariable bias =
        sd.permute(sd.reshape(sd.mmul(select, table), tokens, tokens, heads), 2, 0, 1);
    INDArray mask = biasAndMask(Nd4j.zeros(DataType.FLOAT, rows, 1), 1, ws, res, shift);
    return sd.reshape(bias, 1, 1, heads, tokens, tokens).add(sd.constant(name("shift_mask"), mask));
  }

  private String name(String base) {
    return base + "_" + (counter++);
  }

  /** torch.roll by {@code by} along dims 1 and 2 of [B, res, res, C]. */
  private SDVariable roll(SDVariable t, int by, int res) {
    int k = Math.floorMod(-by, res);
    SDVariable rows =
        sd.concat(
            1,
            t.get(SDIndex.all(), SDIndex.interval(k, res), SDIndex.all(), SDIndex.all()),
            t.get(SDIndex.all(), SDIndex.interval(0, k), SDIndex.all(), SDIndex.all()));
    return sd.concat(
        2,
        rows.get(SDIndex.all(), SDIndex.all(), SDIndex.interval(k, res), SDIndex.all()),
        rows.get(SDIndex.all(), SDIndex.all(), SDIndex.interval(0, k), SDIndex.all()));
  }

  /** Window self-attention on [B·nW, N, C]. */
  private SDVariable attention(
      TransformerOps ops,
      SDVariable windows,
      BlockNames n,
      long c,
      int heads,
      int ws,
      int res,
      SDVariable biasAndMask) {
    long tokens = (long) ws * ws;
    long hd = c / heads;
    long nw = (long) (res / ws) * (res / ws);
    SDVariable flat = sd.reshape(windows, -1, c);
    SDVariable q = split(ops.linearFlat(flat, n.q(), c, c, true, null), tokens, heads, hd);
    SDVariable k = split(ops.linearFlat(flat, n.k(), c, c, true, null), tokens, heads, hd);
    SDVariable v = split(ops.linearFlat(flat, n.v(), c, c, true, null), tokens, heads, hd);
    SDVariable scores = sd.mmul(q, k, false, true, false).mul(1.0 / Math.sqrt(hd));
    scores =
        sd.reshape(
            sd.reshape(scores, -1, nw, heads, tokens, tokens).add(biasAndMask), -1, tokens, tokens);
    SDVariable probs = sd.nn().softmax(scores, 2);
    SDVariable ctx = sd.mmul(probs, v);
    SDVariable merged =
        sd.reshape(sd.permute(sd.reshape(ctx, -1, heads, tokens, hd), 0, 2, 1, 3), -1, c);
    return sd.reshape(ops.linearFlat(merged, n.o(), c, c, true, null), -1, tokens, c);
  }

  /** [rows·N, C] to [rows·heads, N, hd]. */
  private SDVariable split(SDVariable y, long tokens, int heads, long hd) {
    return sd.reshape(sd.permute(sd.reshape(y, -1, tokens, heads, hd), 0, 2, 1, 3), -1, tokens, hd);
  }

  /**
   * The relative position bias (table[index], [heads, N, N]) plus, for a shifted block, the mask of
   * −100 between positions of different regions, as [1, nW, heads, N, N].
   */
  static INDArray biasAndMask(INDArray table, int heads, int ws, int res, int shift) {
    int n = ws * ws;
    int side = res / ws;
    int nw = side * side;
    float[] out = new float[nw * heads * n * n];
    int[] region = new int[res * res];
    for (int y = 0; y < res; y++) {
      for (int x = 0; x < res; x++) {
        int hr = shift == 0 ? 0 : (y >= res - ws ? 1 : 0) + (y >= res - shift ? 1 : 0);
        int wr = shift == 0 ? 0 : (x >= res - ws ? 1 : 0) + (x >= res - shift ? 1 : 0);
        region[y * res + x] = hr * 3 + wr;
      }
    }
    for (int wy = 0; wy < side; wy++) {
      for (int wx = 0; wx < side; wx++) {
        int win = wy * side + wx;
        for (int i = 0; i < n; i++) {
          int iy = i / ws;
          int ix = i % ws;
          int ri = region[(wy * ws + iy) * res + wx * ws + ix];
          for (int j = 0; j < n; j++) {
            int jy = j / ws;
            int jx = j % ws;
            int rj = region[(wy * ws + jy) * res + wx * ws + jx];
            int index = (iy - jy + ws - 1) * (2 * ws - 1) + (ix - jx + ws - 1);
            for (int hh = 0; hh < heads; hh++) {
              float bias = table.getFloat(index, hh);
              out[((win * heads + hh) * n + i) * n + j] = bias + (ri != rj ? -100f : 0f);
            }
          }
        }
      }
    }
    return Nd4j.create(out, new long[] {1, nw, heads, n, n}, 'c');
  }

  /**
   * The tensor-name prefixes this encoder reads under {@code prefix}, for {@link WeightSet#finish}.
   *
   * @param prefix the model's prefix
   * @return the prefixes
   */
  public static List<String> prefixes(String prefix) {
    return List.of(prefix + "embeddings.", prefix + "encoder.", prefix + "layernorm.");
  }

  @Override
  public int embeddingDim() {
    return config.features();
  }
}
