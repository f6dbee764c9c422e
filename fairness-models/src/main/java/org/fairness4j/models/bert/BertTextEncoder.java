package org.fairness4j.models.bert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.fairness4j.models.TextEncoder;
import org.fairness4j.models.nn.TransformerOps;
import org.fairness4j.models.nn.WeightSet;
import org.fairness4j.models.weights.SafetensorsFile;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A BERT encoder (the text tower of BiomedCLIP's PubMedBERT and MedCLIP/GLoRIA's BioClinicalBERT)
 * as a native SameDiff graph with Hugging Face {@code BertModel} weights: word, position and
 * token-type embeddings with LayerNorm, post-LayerNorm blocks with padding-masked attention and
 * exact GELU. {@link #encode} returns the last hidden state of {@code [CLS]}; model-specific
 * projection heads go on top. Padding is every position after the first {@code [SEP]}.
 */
public final class BertTextEncoder implements TextEncoder {
  private static final String IDS = "token_ids";
  private static final String MASK = "key_mask";
  private static final String HIDDEN = "last_hidden_state";

  private final SameDiff sd = SameDiff.create();
  private final int hidden;
  private final int heads;
  private final int length;
  private final int layers;
  private final int vocab;
  private final int sepId;
  private volatile boolean closed;

  private BertTextEncoder(JsonNode cfg, WeightSet w, String prefix, int length, int sepId) {
    this.hidden = cfg.path("hidden_size").asInt(768);
    this.heads = cfg.path("num_attention_heads").asInt(12);
    this.vocab = cfg.path("vocab_size").asInt(30522);
    this.length = length;
    this.sepId = sepId;
    this.layers = cfg.path("num_hidden_layers").asInt(12);
    int intermediate = cfg.path("intermediate_size").asInt(3072);
    int positions = cfg.path("max_position_embeddings").asInt(512);
    int types = cfg.path("type_vocab_size").asInt(2);
    double eps = cfg.path("layer_norm_eps").asDouble(1e-12);
    if (!cfg.path("hidden_act").asText("gelu").equals("gelu")) {
      throw new IllegalArgumentException(
          "unsupported hidden_act " + cfg.path("hidden_act").asText() + " (only gelu)");
    }
    if (length > positions) {
      throw new IllegalArgumentException(
          "context length " + length + " exceeds max_position_embeddings " + positions);
    }
    TransformerOps ops = new TransformerOps(sd, w, hidden, heads, intermediate, eps, length);
    String e = prefix + "embeddings.";
    SDVariable ids = sd.placeHolder(IDS, DataType.INT32, -1, length);
    SDVariable mask = sd.placeHolder(MASK, DataType.FLOAT, -1, 1, length);
    INDArray pos = w.take(e + "position_embeddings.weight", positions, hidden);
    INDArray type = w.take(e + "token_type_embeddings.weight", types, hidden);
    SDVariable x =
        sd.gather(
                ops.constant(
                    "word_embeddings", w.take(e + "word_embeddings.weight", vocab, hidden)),
                ids,
                0)
            .add(
                ops.constant(
                    "positions",
                    pos.get(NDArrayIndex.interval(0, length), NDArrayIndex.all()).dup('c')))
            .add(ops.constant("token_type_0", type.getRow(0).dup()));
    x = ops.layerNorm(x, e + "LayerNorm");
    sd.identity("hidden_0", x);
    for (int l = 0; l < layers; l++) {
      String p = prefix + "encoder.layer." + l + ".";
      SDVariable a =
          ops.attention(
              x,
              p + "attention.self.query",
              p + "attention.self.key",
              p + "attention.self.value",
              p + "attention.output.dense",
              mask);
      x = ops.layerNorm(x.add(a), p + "attention.output.LayerNorm");
      SDVariable m = ops.geluMlp(x, p + "intermediate.dense", p + "output.dense");
      x = ops.layerNorm(x.add(m), p + "output.LayerNorm");
      sd.identity("hidden_" + (l + 1), x);
    }
    sd.identity(HIDDEN, x);
  }

  /**
   * Builds the encoder from a configuration and weights taken from a larger checkpoint (e.g. the
   * text tower of an open_clip model, prefix {@code text.transformer.}); the caller checks the
   * weight set with {@link WeightSet#finish}.
   *
   * @param cfg the Hugging Face BERT {@code config.json}
   * @param w the weights
   * @param prefix weight-name prefix
   * @param contextLength token positions per text
   * @param sepId the id of {@code [SEP]}
   * @return the encoder
   */
  public static BertTextEncoder of(
      JsonNode cfg, WeightSet w, String prefix, int contextLength, int sepId) {
    return new BertTextEncoder(cfg, w, prefix, contextLength, sepId);
  }

  /**
   * Loads a Hugging Face BERT directory ({@code config.json}, {@code model.safetensors}).
   *
   * @param dir the directory
   * @param prefix weight-name prefix ({@code ""} for {@code BertModel}, {@code "bert."} for heads)
   * @param contextLength token positions per text
   * @param sepId the id of {@code [SEP]} (padding starts after the first one)
   * @return the encoder
   * @throws IOException naming every missing, unexpected or mis-shaped tensor, or unreadable files
   */
  public static BertTextEncoder load(Path dir, String prefix, int contextLength, int sepId)
      throws IOException {
    JsonNode cfg = new ObjectMapper().readTree(dir.resolve("config.json").toFile());
    try (SafetensorsFile f = SafetensorsFile.open(dir.resolve("model.safetensors"))) {
      WeightSet w = new WeightSet(f);
      BertTextEncoder enc = new BertTextEncoder(cfg, w, prefix, contextLength, sepId);
      w.finish(List.of(prefix + "embeddings.", prefix + "encoder."));
      return enc;
    }
  }

  /**
   * The last hidden state of every position.
   *
   * @param tokenIds one row of {@link #contextLength()} ids per text
   * @return {@code [batch, length, hidden]}
   */
  public INDArray lastHiddenState(int[][] tokenIds) {
    return sd.output(inputs(tokenIds), HIDDEN).get(HIDDEN);
  }

  private Map<String, INDArray> inputs(int[][] tokenIds) {
    if (closed) {
      throw new IllegalStateException("encoder is closed");
    }
    int b = tokenIds.length;
    int[] flat = new int[b * length];
    float[] mask = new float[b * heads * length];
    for (int r = 0; r < b; r++) {
      if (tokenIds[r].length != length) {
        throw new IllegalArgumentException(
            "text " + r + " has " + tokenIds[r].length + " ids, expected " + length);
      }
      boolean padding = false;
      for (int i = 0; i < length; i++) {
        int id = tokenIds[r][i];
        if (id < 0 || id >= vocab) {
          throw new IllegalArgumentException("text " + r + ": token id " + id + " out of range");
        }
        flat[r * length + i] = id;
        for (int h = 0; h < heads; h++) {
          mask[(r * heads + h) * length + i] = padding ? -1e30f : 0f;
        }
        padding |= id == sepId;
      }
    }
    Map<String, INDArray> in =
        Map.of(
            IDS, Nd4j.createFromArray(flat).reshape(b, length),
            MASK, Nd4j.create(mask, new long[] {(long) b * heads, 1, length}, 'c'));
    return in;
  }

  /**
   * The hidden states of the last {@code n} layers (Hugging Face's {@code hidden_states[-n:]},
   * where index 0 is the embedding output), oldest first.
   *
   * @param tokenIds one row of {@link #contextLength()} ids per text
   * @param n how many, 1 to layers + 1
   * @return n arrays {@code [batch, length, hidden]}
   */
  public INDArray[] lastHiddenStates(int[][] tokenIds, int n) {
    if (n < 1 || n > layers + 1) {
      throw new IllegalArgumentException("n must be in [1, " + (layers + 1) + "], got " + n);
    }
    Map<String, INDArray> in = inputs(tokenIds);
    String[] names = new String[n];
    for (int i = 0; i < n; i++) {
      names[i] = "hidden_" + (layers + 1 - n + i);
    }
    Map<String, INDArray> out = sd.output(in, names);
    INDArray[] result = new INDArray[n];
    for (int i = 0; i < n; i++) {
      result[i] = out.get(names[i]);
    }
    return result;
  }

  @Override
  public INDArray encode(int[][] tokenIds) {
    return lastHiddenState(tokenIds)
        .get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.all())
        .dup();
  }

  @Override
  public int embeddingDim() {
    return hidden;
  }

  @Override
  public int contextLength() {
    return length;
  }

  @Override
  public void close() {
    closed = true;
  }
}
