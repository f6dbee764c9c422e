package org.fairness4j.models.clip;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.fairness4j.models.adapt.AdamW;
import org.fairness4j.models.nn.GradientGraphs;
import org.fairness4j.models.nn.GraphAdaptation;
import org.fairness4j.models.nn.WeightSet;
import org.fairness4j.models.weights.SafetensorsWriter;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Pretrains a (small) CLIP from scratch on image–text pairs with the contrastive objective, in
 * SameDiff, and writes it as a Hugging Face CLIP directory that {@link ClipCheckpoint} loads.
 * Weights start as in Hugging Face's CLIP (normal, std 0.02; LayerNorm 1 and 0; biases 0), seeded.
 * The token embedding table stays at its random initialisation (see the code). The loss is the
 * symmetric cross-entropy of the scaled cosine similarities, with soft targets: pairs of the same
 * class count as matches (several texts of a batch may describe the same finding). The logit scale
 * stays at 1/0.07.
 */
public final class ClipPretrainer {
  private static final double SCALE = 1 / 0.07;

  private final ClipConfig config;
  private final SameDiff vision;
  private final SameDiff text;
  private final Map<String, INDArray> params = new LinkedHashMap<>();
  private final Map<String, String> visionVars = new LinkedHashMap<>();
  private final Map<String, String> textVars = new LinkedHashMap<>();
  private final Map<String, INDArray> all;

  /**
   * Builds the model with fresh weights.
   *
   * @param config the shapes
   * @param seed the initialisation seed
   */
  public ClipPretrainer(ClipConfig config, long seed) {
    this.config = config;
    Random rng = new Random(seed);
    WeightSet w =
        WeightSet.generated(
            (name, shape) -> {
              long n = 1;
              for (long d : shape) {
                n *= d;
              }
              float[] v = new float[(int) n];
              boolean norm =
                  name.contains("layer_norm")
                      || name.contains("layrnorm")
                      || name.contains("layernorm");
              for (int i = 0; i < v.length; i++) {
                v[i] =
                    name.endsWith(".bias") ? 0f : norm ? 1f : (float) (rng.nextGaussian() * 0.02);
              }
              return shape.length == 0 ? Nd4j.scalar(v[0]) : Nd4j.create(v, shape, 'c');
            });
    GraphAdaptation train =
        new GraphAdaptation() {
          @Override
          public boolean trainable(String name) {
            // SameDiff 1.0.0-M2.1 differentiates gather() through an Invoke sub-graph that
            // takes minutes per step; the token table stays at its random initialisation.
            return !name.endsWith("token_embedding.weight");
          }
        };
    // Two graphs, one per tower: SameDiff 1.0.0-M2.1's executor slows down badly on one graph
    // holding both trainable towers, so the contrastive loss and its gradient with respect to the
    // normalised embeddings are computed here in Java and fed back to each tower as an upstream
    // gradient (loss_tower = Σ u ⊙ ∂L/∂u, whose parameter gradients are the chain rule's).
    this.vision = SameDiff.create();
    this.text = SameDiff.create();
    ClipConfig.Tower v = config.vision();
    ClipConfig.Tower t = config.text();
    SDVariable pixels =
        vision.placeHolder(
            "pixels", DataType.FLOAT, -1, v.channels(), v.positions(), v.positions());
    SDVariable ids = text.placeHolder("ids", DataType.INT32, -1, t.positions());
    SDVariable eos = text.placeHolder("eos", DataType.FLOAT, -1, t.positions(), 1);
    ClipVisionGraph vg = ClipVisionGraph.build(vision, config, w, train, pixels, null);
    ClipTextGraph tg = ClipTextGraph.build(text, config, w, train, ids, eos, null);
    tower(vision, vg.embeddings(), vg.trainableWeights(), visionVars);
    tower(text, tg.embeddings(), tg.trainableWeights(), textVars);
    w.take("logit_scale");
    this.all = new LinkedHashMap<>(w.generatedTensors());
    all.put("logit_scale", Nd4j.scalar((float) Math.log(SCALE)));
  }

  private void tower(
      SameDiff g, SDVariable emb, Map<String, SDVariable> weights, Map<String, String> vars) {
    SDVariable u =
        emb.div(g.math().sqrt(emb.mul(emb).sum(true, 1).add(1e-12))).rename("normalised");
    SDVariable upstream = g.placeHolder("upstream", DataType.FLOAT, -1, config.projectionDim());
    u.mul(upstream).sum().rename("loss");
    g.setLossVariables("loss");
    weights.forEach(
        (name, v) -> {
          params.put(name, v.getArr());
          vars.put(name, v.name());
        });
  }

  /** Row-wise softmax of a [b, b] matrix. */
  private static INDArray softmaxRows(INDArray s) {
    INDArray e = org.nd4j.linalg.ops.transforms.Transforms.exp(s.subColumnVector(s.max(1)), false);
    return e.divColumnVector(e.sum(1));
  }

  /** Mean over rows of −Σ_j t_ij log softmax(s_i)_j. */
  private static double crossEntropy(INDArray s, INDArray t) {
    INDArray shifted = s.subColumnVector(s.max(1));
    INDArray lse =
        org.nd4j.linalg.ops.transforms.Transforms.log(
            org.nd4j.linalg.ops.transforms.Transforms.exp(shifted, true).sum(1), false);
    return -shifted.subColumnVector(lse).mul(t).sumNumber().doubleValue() / s.rows();
  }

  /**
   * Trains with AdamW on shuffled batches and returns the mean loss of each epoch.
   *
   * @param pixels preprocessed images [n, 3, size, size]
   * @param tokenIds one token-id row per image (its text)
   * @param classes a class per pair (pairs of one class are treated as matches)
   * @param epochs epochs
   * @param batchSize batch size
   * @param lr learning rate
   * @param seed shuffling seed
   * @return the loss per epoch
   */
  public List<Double> train(
      INDArray pixels,
      int[][] tokenIds,
      int[] classes,
      int epochs,
      int batchSize,
      double lr,
      long seed) {
    GradientGraphs.create(vision);
    GradientGraphs.create(text);
    AdamW adam = new AdamW(AdamW.Settings.DEFAULTS.withWeightDecay(0.1));
    Random rng = new Random(seed);
    int n = classes.length;
    List<Double> losses = new ArrayList<>();
    for (int e = 0; e < epochs; e++) {
      int[] order = new int[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      for (int i = n - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        int tmp = order[i];
        order[i] = order[j];
        order[j] = tmp;
      }
      double sum = 0;
      int steps = 0;
      for (int from = 0; from + 2 <= n; from += batchSize) {
        int to = Math.min(n, from + batchSize);
        int b = to - from;
        long[] rows = new long[b];
        int[][] ids = new int[b][];
        float[] target = new float[b * b];
        for (int i = 0; i < b; i++) {
          rows[i] = order[from + i];
          ids[i] = tokenIds[order[from + i]];
        }
        for (int i = 0; i < b; i++) {
          int matches = 0;
          for (int j = 0; j < b; j++) {
            matches += classes[order[from + i]] == classes[order[from + j]] ? 1 : 0;
          }
          for (int j = 0; j < b; j++) {
            target[i * b + j] =
                classes[order[from + i]] == classes[order[from + j]] ? 1f / matches : 0f;
          }
        }
        INDArray[] tokens = ClipTextEncoder.inputs(config, ids);
        INDArray img = pixels.get(NDArrayIndex.indices(rows)).dup('c');
        INDArray tgt = Nd4j.create(target, new long[] {b, b}, 'c');
        INDArray u = vision.output(Map.of("pixels", img), "normalised").get("normalised");
        INDArray v =
            text.output(Map.of("ids", tokens[0], "eos", tokens[1]), "normalised").get("normalised");
        INDArray sim = u.mmul(v.transpose()).muli(SCALE);
        double loss =
            (crossEntropy(sim, tgt)
                    + crossEntropy(sim.transpose().dup('c'), tgt.transpose().dup('c')))
                / 2;
        // dL/dS = ½[(softmax_rows(S) − T) + (softmax_rows(Sᵀ) − Tᵀ)ᵀ] / b
        INDArray ds =
            softmaxRows(sim)
                .subi(tgt)
                .addi(softmaxRows(sim.transpose().dup('c')).subi(tgt.transpose()).transpose())
                .muli(0.5 / b);
        INDArray du = ds.mmul(v).muli(SCALE);
        INDArray dv = ds.transpose().mmul(u).muli(SCALE);
        Map<String, INDArray> grads = new LinkedHashMap<>();
        Map<String, INDArray> gv =
            vision.calculateGradients(Map.of("pixels", img, "upstream", du), visionVars.values());
        visionVars.forEach((k, name) -> grads.put(k, gv.get(name)));
        Map<String, INDArray> gt =
            text.calculateGradients(
                Map.of("ids", tokens[0], "eos", tokens[1], "upstream", dv), textVars.values());
        textVars.forEach((k, name) -> grads.put(k, gt.get(name)));
        AdamW.clipGlobalNorm(grads, 1.0);
        adam.step(params, grads, lr, null);
        sum += loss;
        steps++;
      }
      losses.add(sum / Math.max(1, steps));
    }
    return losses;
  }

  /**
   * Writes the model as a Hugging Face CLIP directory: {@code config.json} and {@code
   * model.safetensors} (tokenizer files are the caller's).
   *
   * @param dir the directory
   * @param bosTokenId the tokenizer's start-of-text id
   * @throws IOException if writing fails
   */
  public void save(Path dir, int bosTokenId) throws IOException {
    Files.createDirectories(dir);
    Map<String, INDArray> out = new LinkedHashMap<>();
    all.forEach((k, v) -> out.put(k, params.getOrDefault(k, v)));
    SafetensorsWriter.write(dir.resolve("model.safetensors"), out, Map.of("format", "pt"));
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    root.putArray("architectures").add("CLIPModel");
    root.put("model_type", "clip");
    root.put("projection_dim", config.projectionDim());
    root.put("logit_scale_init_value", Math.log(SCALE));
    ObjectNode t = root.putObject("text_config");
    ClipConfig.Tower tt = config.text();
    t.put("hidden_size", tt.hiddenSize())
        .put("intermediate_size", tt.intermediateSize())
        .put("num_hidden_layers", tt.layers())
        .put("num_attention_heads", tt.heads())
        .put("hidden_act", "quick_gelu")
        .put("layer_norm_eps", tt.layerNormEps())
        .put("max_position_embeddings", tt.positions())
        .put("vocab_size", tt.vocabOrPatch())
        .put("eos_token_id", tt.eosTokenId())
        .put("bos_token_id", bosTokenId)
        .put("pad_token_id", tt.eosTokenId())
        .put("model_type", "clip_text_model");
    ObjectNode v = root.putObject("vision_config");
    ClipConfig.Tower vt = config.vision();
    v.put("hidden_size", vt.hiddenSize())
        .put("intermediate_size", vt.intermediateSize())
        .put("num_hidden_layers", vt.layers())
        .put("num_attention_heads", vt.heads())
        .put("hidden_act", "quick_gelu")
        .put("layer_norm_eps", vt.layerNormEps())
        .put("image_size", vt.positions())
        .put("patch_size", vt.vocabOrPatch())
        .put("num_channels", vt.channels())
        .put("model_type", "clip_vision_model");
    org.fairness4j.core.io.AtomicFiles.writeText(
        dir.resolve("config.json"),
        w -> w.write(json.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n"));
  }
}
