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
 * LayerNorm, the hidden state at the pooling position (the first end-of-text token, or the highest
 * token id for legacy OpenAI configs: {@link #poolingPosition}), text projection. Runs eagerly on
 * ND4J's CPU backend and as a SameDiff graph elsewhere or with {@code fairness4j.inference=graph},
 * like {@link ClipImageEncoder}.
 */
public final class ClipTextEncoder implements TextEncoder {
  private static final String IDS = "token_ids";
  private static final String EOS = "eos_one_hot";
  private static final String OUTPUT = "text_embeds";

  /** The {@code eos_token_id} of configs converted before transformers' PR #24773. */
  private static final int LEGACY_EOS = 2;

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
   * Turns token ids into the graph's inputs: the ids and a one-hot marker of each text's pooling
   * position ({@link #poolingPosition}).
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
   * @return each text's pooling position ({@link #poolingPosition})
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
      for (int i = 0; i < len; i++) {
        int id = tokenIds[r][i];
        if (id < 0 || id >= config.text().vocabOrPatch()) {
          throw new IllegalArgumentException("text " + r + ": token id " + id + " out of range");
        }
        flat[r * len + i] = id;
      }
      positions[r] = poolingPosition(config.text(), r, tokenIds[r]);
    }
    return positions;
  }

  /**
   * Where Hugging Face's {@code CLIPTextTransformer} pools one text. With the legacy {@code
   * eos_token_id: 2} of the configs converted from OpenAI's checkpoints (bos 0, pad 1), it pools at
   * the highest token id (the first one if it occurs several times), which is where OpenAI's
   * end-of-text token 49407 sits in tokenizer output, whatever ids 2 the prompt contains; otherwise
   * at the first {@code eos_token_id}.
   *
   * @param text the text tower's config
   * @param row the text's index, for the error message
   * @param ids the text's token ids
   * @return the position
   * @throws IllegalArgumentException if the text has no end-of-text token (non-legacy configs)
   */
  static int poolingPosition(ClipConfig.Tower text, int row, int[] ids) {
    if (text.eosTokenId() == LEGACY_EOS) {
      int best = 0;
      for (int i = 1; i < ids.length; i++) {
        if (ids[i] > ids[best]) {
          best = i;
        }
      }
      return best;
    }
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] == text.eosTokenId()) {
        return i;
      }
    }
    throw new IllegalArgumentException(
        "text " + row + " has no end-of-text token " + text.eosTokenId());
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
