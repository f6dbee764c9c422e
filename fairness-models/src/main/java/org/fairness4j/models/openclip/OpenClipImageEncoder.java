package org.fairness4j.models.openclip;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.fairness4j.models.nn.BaseImageEncoder;
import org.fairness4j.models.nn.EagerPreLnBlocks;
import org.fairness4j.models.nn.EagerVit;
import org.fairness4j.models.nn.TransformerOps;
import org.fairness4j.models.nn.WeightSet;
import org.fairness4j.models.weights.SafetensorsFile;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The image tower of an open_clip model built on a timm VisionTransformer (BiomedCLIP's): patch
 * embedding (a stride-p convolution with bias), class token, position embedding, pre-LayerNorm
 * blocks with fused q,k,v attention and exact-GELU MLP, final LayerNorm, the class token, and the
 * head's linear projection without bias. Runs eagerly on ND4J's CPU backend ({@link EagerVit}) and
 * as a SameDiff graph with the checkpoint's weights elsewhere or with {@code
 * -Dfairness4j.inference=graph}.
 */
public final class OpenClipImageEncoder extends BaseImageEncoder {
  static final String PREFIX = "visual.";
  private static final String TRUNK = PREFIX + "trunk.";

  private final SameDiff sd = graph();
  private final TimmVitConfig config;
  private final int embedDim;

  OpenClipImageEncoder(TimmVitConfig v, int embedDim, WeightSet w) {
    super(3, v.imageSize());
    this.config = v;
    this.embedDim = embedDim;
    if (EagerPreLnBlocks.enabled()) {
      setEager(eager(v, embedDim, w)::encode);
      return;
    }
    int p = v.patchSize();
    int g = v.imageSize() / p;
    int n = g * g;
    long d = v.hidden();
    TransformerOps ops = ops(sd, w, v);
    SDVariable pixels = pixels();
    SDVariable patches = patches(sd, pixels, g, p);
    INDArray conv = w.take(TRUNK + "patch_embed.proj.weight", d, 3, p, p);
    SDVariable embedded =
        sd.mmul(
                patches,
                ops.constant("patch_kernel", conv.reshape('c', d, 3L * p * p).transpose().dup('c')))
            .add(ops.weight(TRUNK + "patch_embed.proj.bias", d));
    SDVariable h = withClassToken(sd, ops, embedded, n, d);
    for (int l = 0; l < v.layers(); l++) {
      String b = TRUNK + "blocks." + l + ".";
      SDVariable a =
          ops.attention(
              ops.layerNorm(h, b + "norm1"),
              b + "attn.q",
              b + "attn.k",
              b + "attn.v",
              b + "attn.proj",
              null);
      h = h.add(a);
      h = h.add(ops.geluMlp(ops.layerNorm(h, b + "norm2"), b + "mlp.fc1", b + "mlp.fc2"));
    }
    h = ops.layerNorm(h, TRUNK + "norm");
    SDVariable pooled = h.get(SDIndex.all(), SDIndex.point(0), SDIndex.all());
    INDArray proj = w.take(PREFIX + "head.proj.weight", embedDim, d);
    setOutput(sd.mmul(pooled, ops.constant("head_proj", proj.transpose().dup('c'))));
  }

  /**
   * Builds the tower into a graph for training: the weights the adaptation names trainable, the
   * fused {@code attn.qkv} projection as one linear layer (so that LoRA on it is peft's LoRA on
   * timm's {@code qkv} module and full fine-tuning trains the checkpoint's tensor). No BatchNorm
   * and no dropout (BiomedCLIP's timm ViT has drop rates 0), so both forwards are one.
   *
   * @param sd the graph
   * @param v the shape
   * @param embedDim the projection's width
   * @param w the weights (the fused qkv tensors, not the split ones)
   * @param adaptation trainable weights and LoRA terms
   * @param pixels input [batch, 3, size, size]
   * @return the tower
   */
  static org.fairness4j.models.nn.TrainableTower training(
      SameDiff sd,
      TimmVitConfig v,
      int embedDim,
      WeightSet w,
      org.fairness4j.models.nn.GraphAdaptation adaptation,
      SDVariable pixels) {
    int p = v.patchSize();
    int g = v.imageSize() / p;
    int n = g * g;
    long d = v.hidden();
    TransformerOps ops = ops(sd, w, v).adapt(adaptation);
    SDVariable patches = patches(sd, pixels, g, p);
    SDVariable conv = ops.weight(TRUNK + "patch_embed.proj.weight", d, 3, p, p);
    SDVariable embedded =
        sd.mmul(patches, sd.reshape(conv, d, 3L * p * p), false, true, false)
            .add(ops.weight(TRUNK + "patch_embed.proj.bias", d));
    SDVariable h = withClassToken(sd, ops, embedded, n, d);
    h = sd.reshape(h, -1, d);
    for (int l = 0; l < v.layers(); l++) {
      String b = TRUNK + "blocks." + l + ".";
      h = h.add(ops.fusedAttentionFlat(ops.layerNorm(h, b + "norm1", 1), b + "attn", null));
      h = h.add(ops.geluMlpFlat(ops.layerNorm(h, b + "norm2", 1), b + "mlp"));
    }
    h = ops.layerNorm(sd.reshape(h, -1, n + 1, d), TRUNK + "norm");
    SDVariable pooled = h.get(SDIndex.all(), SDIndex.point(0), SDIndex.all());
    SDVariable out = ops.linearFlat(pooled, PREFIX + "head.proj", d, embedDim, false, null);
    return new org.fairness4j.models.nn.TrainableTower(
        out, out, ops.trainableWeights(), java.util.List.of(), n + 1L);
  }

  /** The transformer ops over the class token and the g·g patches. */
  private static TransformerOps ops(SameDiff sd, WeightSet w, TimmVitConfig v) {
    int g = v.imageSize() / v.patchSize();
    return new TransformerOps(sd, w, v.hidden(), v.heads(), v.intermediate(), v.eps(), g * g + 1);
  }

  /** Pixels [batch, 3, g·p, g·p] to patches [batch·g·g, 3·p·p] in the convolution's order. */
  private static SDVariable patches(SameDiff sd, SDVariable pixels, int g, int p) {
    long cpp = 3L * p * p;
    return sd.reshape(sd.permute(sd.reshape(pixels, -1, 3, g, p, g, p), 0, 2, 4, 1, 3, 5), -1, cpp);
  }

  /** Embedded patches [batch·n, d] to [batch, n + 1, d]: the class token first, plus positions. */
  private static SDVariable withClassToken(
      SameDiff sd, TransformerOps ops, SDVariable embedded, int n, long d) {
    SDVariable tokens = sd.reshape(embedded, -1, n, d);
    SDVariable cls = ops.weight(TRUNK + "cls_token", 1, 1, d);
    SDVariable clsRow =
        tokens.get(SDIndex.all(), SDIndex.interval(0, 1), SDIndex.all()).mul(0.0).add(cls);
    return sd.concat(1, clsRow, tokens).add(ops.weight(TRUNK + "pos_embed", 1, n + 1, d));
  }

  private static EagerVit eager(TimmVitConfig v, int embedDim, WeightSet w) {
    int p = v.patchSize();
    int g = v.imageSize() / p;
    int d = v.hidden();
    return new EagerVit(
        3,
        v.imageSize(),
        p,
        v.eps(),
        w.take(TRUNK + "patch_embed.proj.weight", d, 3, p, p),
        w.take(TRUNK + "patch_embed.proj.bias", d),
        w.take(TRUNK + "cls_token", 1, 1, d),
        w.take(TRUNK + "pos_embed", 1, (long) g * g + 1, d),
        null,
        EagerPreLnBlocks.load(
            w,
            EagerPreLnBlocks.Layout.TIMM,
            TRUNK,
            v.layers(),
            d,
            v.heads(),
            v.intermediate(),
            v.eps()),
        EagerPreLnBlocks.foldIntoProjection(
            w, TRUNK + "norm", PREFIX + "head.proj.weight", embedDim, d));
  }

  /**
   * Splits each block's fused {@code attn.qkv} into the separate q, k and v projections the graph
   * uses (replacement tensors named {@code attn.q}, {@code attn.k}, {@code attn.v}); a fused tensor
   * that is absent or mis-shaped is left for {@link WeightSet} to report.
   */
  static Map<String, INDArray> splitQkv(SafetensorsFile f, TimmVitConfig v) {
    return splitQkv(f, v, Map.of());
  }

  /** As {@link #splitQkv(SafetensorsFile, TimmVitConfig)}, reading replaced tensors first. */
  static Map<String, INDArray> splitQkv(
      SafetensorsFile f, TimmVitConfig v, Map<String, INDArray> overrides) {
    Map<String, INDArray> out = new HashMap<>();
    long d = v.hidden();
    for (int l = 0; l < v.layers(); l++) {
      String b = TRUNK + "blocks." + l + ".attn.";
      String wName = b + "qkv.weight";
      String bName = b + "qkv.bias";
      if (!f.contains(wName)
          || !f.contains(bName)
          || !Arrays.equals(f.shape(wName), new long[] {3 * d, d})
          || !Arrays.equals(f.shape(bName), new long[] {3 * d})) {
        continue;
      }
      INDArray wq =
          overrides.containsKey(wName)
              ? overrides.get(wName).reshape(3 * d, d)
              : Nd4j.create(f.floats(wName), new long[] {3 * d, d}, 'c');
      INDArray bq =
          overrides.containsKey(bName)
              ? overrides.get(bName).reshape(3 * d)
              : Nd4j.create(f.floats(bName), new long[] {3 * d}, 'c');
      String[] parts = {"q", "k", "v"};
      for (int i = 0; i < 3; i++) {
        out.put(
            b + parts[i] + ".weight",
            wq.get(NDArrayIndex.interval(i * d, (i + 1) * d), NDArrayIndex.all()).dup('c'));
        out.put(b + parts[i] + ".bias", bq.get(NDArrayIndex.interval(i * d, (i + 1) * d)).dup());
      }
    }
    return out;
  }

  /** Marks the fused tensors as used and checks their shapes (the graph reads the split ones). */
  static void takeFused(WeightSet w, TimmVitConfig v) {
    long d = v.hidden();
    for (int l = 0; l < v.layers(); l++) {
      String b = TRUNK + "blocks." + l + ".attn.";
      w.take(b + "qkv.weight", 3 * d, d);
      w.take(b + "qkv.bias", 3 * d);
    }
  }

  @Override
  public int embeddingDim() {
    return embedDim;
  }
}
