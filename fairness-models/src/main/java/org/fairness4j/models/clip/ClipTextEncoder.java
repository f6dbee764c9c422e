package org.fairness4j.models.clip;

import java.util.Map;
import org.fairness4j.models.TextEncoder;
import org.fairness4j.models.nn.GraphAdaptation;
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

  /**
   * Builds a CLIP text encoder from weights with Hugging Face's names (e.g. converted from another
   * layout into a {@link WeightSet}'s replacements); only the text tower of {@code config} is used.
   *
   * @param config the shapes
   * @param w the weights
   * @return the encoder
   */
  public static ClipTextEncoder of(ClipConfig config, WeightSet w) {
    return new ClipTextEncoder(config, w);
  }

  ClipTextEncoder(ClipConfig config, WeightSet w) {
    this.config = config;
    this.sd = SameDiff.create();
    int len = config.text().positions();
    SDVariable ids = sd.placeHolder(IDS, DataType.INT32, -1, len);
    SDVariable eos = sd.placeHolder(EOS, DataType.FLOAT, -1, len, 1);
    ClipTextGraph.build(sd, config, w, GraphAdaptation.NONE, ids, eos, OUTPUT);
  }

  /**
   * Turns token ids into the graph's inputs: the ids and a one-hot marker of each text's first
   * end-of-text token, where CLIP pools.
   *
   * @param config the model's shapes
   * @param tokenIds one row of {@code positions} ids per text
   * @return {@code [ids [b, len] int32, eos [b, len, 1] float]}
   */
  static INDArray[] inputs(ClipConfig config, int[][] tokenIds) {
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
    return new INDArray[] {
      Nd4j.createFromArray(flat).reshape(b, len), Nd4j.create(oneHot, new long[] {b, len, 1}, 'c')
    };
  }

  @Override
  public INDArray encode(int[][] tokenIds) {
    if (closed) {
      throw new IllegalStateException("encoder is closed");
    }
    INDArray[] in = inputs(config, tokenIds);
    return sd.output(Map.of(IDS, in[0], EOS, in[1]), OUTPUT).get(OUTPUT);
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
