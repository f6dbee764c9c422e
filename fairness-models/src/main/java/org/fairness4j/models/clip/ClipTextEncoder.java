package org.fairness4j.models.clip;

import java.util.Map;
import org.fairness4j.models.TextEncoder;
import org.fairness4j.models.nn.TransformerOps;
import org.fairness4j.models.nn.WeightSet;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * CLIP's text transformer in SameDiff: token and position embeddings, causally masked pre-LN
 * blocks, final LayerNorm, the hidden state at the (first) end-of-text token, text projection.
 */
public final class ClipTextEncoder implements TextEncoder {
  private static final String IDS = "token_ids";
  private static final String EOS = "eos_one_hot";
  private static final String OUTPUT = "text_embeds";

  private final SameDiff sd;
  private final ClipConfig config;
  private volatile boolean closed;

  ClipTextEncoder(ClipConfig config, WeightSet w) {
    this.config = config;
    this.sd = SameDiff.create();
    ClipConfig.Tower t = config.text();
    int len = t.positions();
    long d = t.hiddenSize();
    String p = "text_model";
    TransformerOps ops =
        new TransformerOps(
            sd, w, t.hiddenSize(), t.heads(), t.intermediateSize(), t.layerNormEps(), len);
    SDVariable ids = sd.placeHolder(IDS, DataType.INT32, -1, len);
    SDVariable eos = sd.placeHolder(EOS, DataType.FLOAT, -1, len, 1);
    SDVariable table =
        ops.constant(
            "token_embedding",
            w.take(p + ".embeddings.token_embedding.weight", t.vocabOrPatch(), d));
    SDVariable pos =
        ops.constant(
            "position_embedding", w.take(p + ".embeddings.position_embedding.weight", len, d));
    SDVariable x = sd.gather(table, ids, 0).add(pos);
    INDArray mask = Nd4j.zeros(DataType.FLOAT, len, len);
    for (int i = 0; i < len; i++) {
      for (int j = i + 1; j < len; j++) {
        mask.putScalar(i, j, -1e30f);
      }
    }
    SDVariable h = ops.clipBlocks(x, p + ".encoder", t.layers(), ops.constant("causal_mask", mask));
    h = ops.layerNorm(h, p + ".final_layer_norm");
    SDVariable pooled = h.mul(eos).sum(1);
    INDArray proj = w.take("text_projection.weight", config.projectionDim(), d);
    sd.mmul(OUTPUT, pooled, ops.constant("text_projection", proj.transpose().dup('c')));
  }

  @Override
  public INDArray encode(int[][] tokenIds) {
    if (closed) {
      throw new IllegalStateException("encoder is closed");
    }
    int len = config.text().positions();
    int b = tokenIds.length;
    int[] flat = new int[b * len];
    float[] oneHot = new float[b * len];
    for (int r = 0; r < b; r++) {
      if (tokenIds[r].length != len) {
        throw new IllegalArgumentException(
            "text " + r + " has " + tokenIds[r].length + " token ids, expected " + len);
      }
      int eos = -1;
      for (int i = 0; i < len; i++) {
        int id = tokenIds[r][i];
        if (id < 0 || id >= config.text().vocabOrPatch()) {
          throw new IllegalArgumentException("text " + r + ": token id " + id + " out of range");
        }
        flat[r * len + i] = id;
        if (eos < 0 && id == config.text().eosTokenId()) {
          eos = i;
        }
      }
      if (eos < 0) {
        throw new IllegalArgumentException(
            "text " + r + " has no end-of-text token " + config.text().eosTokenId());
      }
      oneHot[r * len + eos] = 1f;
    }
    Map<String, INDArray> in =
        Map.of(
            IDS, Nd4j.createFromArray(flat).reshape(b, len),
            EOS, Nd4j.create(oneHot, new long[] {b, len, 1}, 'c'));
    return sd.output(in, OUTPUT).get(OUTPUT);
  }

  @Override
  public int embeddingDim() {
    return config.projectionDim();
  }

  @Override
  public int contextLength() {
    return config.text().positions();
  }

  @Override
  public void close() {
    closed = true;
  }
}
