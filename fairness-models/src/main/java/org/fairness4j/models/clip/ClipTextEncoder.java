package org.fairness4j.models.clip;

import java.util.Map;
import org.fairness4j.models.TextEncoder;
import org.fairness4j.models.nn.EagerPreLnBlocks;
import org.fairness4j.models.nn.GraphAdaptation;
import org.fairness4j.models.nn.WeightSet;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * CLIP's text transformer: token and position embeddings, causally masked pre-LN blocks, final
 * LayerNorm, the hidden state at the (first) end-of-text token, text projection. Runs eagerly on
 * ND4J's CPU backend and as a SameDiff graph elsewhere or with {@code fairness4j.inference=graph},
 * like {@link ClipImageEncoder}.
 */
public final class ClipTextEncoder implements TextEncoder {
  private static final String IDS = "token_ids";
  private static final String EOS = "eos_one_hot";
  private static final String OUTPUT = "text_embeds";

  private final SameDiff sd;
  private final EagerClipText eager;
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
    if (EagerPreLnBlocks.enabled()) {
      this.eager = new EagerClipText(config, w);
      this.sd = null;
    } else {
      this.eager = null;
      this.sd = SameDiff.create();
      int len = config.text().positions();
      SDVariable ids = sd.placeHolder(IDS, DataType.INT32, -1, len);
      SDVariable eos = sd.placeHolder(EOS, DataType.FLOAT, -1, len, 1);
      ClipTextGraph.build(sd, config, w, GraphAdaptation.NONE, ids, eos, OUTPUT);
    }
  }

  /**
   * Whether this encoder runs eagerly rather than as a SameDiff graph (see {@link
   * ClipImageEncoder}).
   *
   * @return true if eager
   */
  public boolean isEager() {
    return eager != null;
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
    int[] eos = checkedIds(config, tokenIds, flat);
    float[] oneHot = new float[b * len];
    for (int r = 0; r < b; r++) {
      oneHot[r * len + eos[r]] = 1f;
    }
    return new INDArray[] {
      Nd4j.createFromArray(flat).reshape(b, len), Nd4j.create(oneHot, new long[] {b, len, 1}, 'c')
    };
  }

  /**
   * Checks token ids and copies them into {@code flat}, row-major.
   *
   * @return each text's first end-of-text position
   */
  private static int[] checkedIds(ClipConfig config, int[][] tokenIds, int[] flat) {
    int len = config.text().positions();
    int b = tokenIds.length;
    int[] positions = new int[b];
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
      positions[r] = eos;
    }
    return positions;
  }

  @Override
  public INDArray encode(int[][] tokenIds) {
    if (closed) {
      throw new IllegalStateException("encoder is closed");
    }
    if (eager != null) {
      int[] flat = new int[tokenIds.length * config.text().positions()];
      int[] eos = checkedIds(config, tokenIds, flat);
      return eager.encode(flat, eos);
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
