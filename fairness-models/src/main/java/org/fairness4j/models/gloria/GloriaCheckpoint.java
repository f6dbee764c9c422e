package org.fairness4j.models.gloria;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fairness4j.models.ImageEncoder;
import org.fairness4j.models.LoadedCheckpoint;
import org.fairness4j.models.bert.BertTextEncoder;
import org.fairness4j.models.image.ImagePreprocessor;
import org.fairness4j.models.nn.BertTextTower;
import org.fairness4j.models.nn.ProjectedImageEncoder;
import org.fairness4j.models.nn.WeightSet;
import org.fairness4j.models.resnet.ResNetImageEncoder;
import org.fairness4j.models.text.WordPieceTokenizer;
import org.fairness4j.models.weights.ExportConfig;
import org.fairness4j.models.weights.SafetensorsFile;
import org.fairness4j.models.weights.WeightFormatException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * GLoRIA (Huang et al., ICCV 2021), ResNet-50 variant, its <em>global</em> branch, loaded from the
 * directory {@code tools/export_gloria.py} writes. As GLoRIA's code defines it: image = {@code
 * global_embedder} of the ResNet's pooled features, the input first upsampled bilinearly (corners
 * aligned) to 299×299; sentence = the last {@code last_n_layers} hidden states of BERT, word pieces
 * merged into words up to and including {@code [SEP]}, zero-padded to the text length, averaged
 * over positions and summed (or averaged) over the layers — which equals the sum of the hidden
 * states up to {@code [SEP]} divided by the text length. The logit scale is GLoRIA's {@code temp3}.
 * GLoRIA's local (word–region attention) similarity is not implemented, so zero-shot uses the
 * global similarity only. Preprocessing differs from GLoRIA's in the resampling filter (bicubic
 * here; OpenCV's area filter and zero padding to a square there).
 */
public final class GloriaCheckpoint extends LoadedCheckpoint<WordPieceTokenizer> {
  static final String CONFIG = "gloria_config.json";
  private static final String IMAGE = "img_encoder.";
  private static final String TEXT = "text_encoder.model.";

  private GloriaCheckpoint(
      Path weights,
      ImageEncoder image,
      TextTower text,
      WordPieceTokenizer tokenizer,
      ImagePreprocessor preprocessor,
      double logitScale) {
    super(weights, image, text, tokenizer, preprocessor, logitScale);
  }

  /**
   * Whether a directory holds a GLoRIA export.
   *
   * @param dir a directory
   * @return true if it has {@code gloria_config.json}
   */
  public static boolean isGloria(Path dir) {
    return Files.isRegularFile(dir.resolve(CONFIG));
  }

  private static JsonNode json(Path file) throws IOException {
    return ExportConfig.read(file, "tools/export_gloria.py");
  }

  /**
   * Builds GLoRIA's image tower into a graph for full fine-tuning: the bilinear upsampling with
   * aligned corners (two products with constant interpolation matrices), the ResNet-50 with
   * BatchNorm in training mode on the training forward (PyTorch's {@code train()}) and running
   * statistics on the evaluation forward, global average pooling and the global embedder (with
   * bias). LoRA does not apply: the tower has no attention projections.
   *
   * @param dir the exported directory
   * @param sd the graph
   * @param adaptation which weights train
   * @param pixels input [batch, 3, size, size]
   * @return the tower
   * @throws IOException if a file is missing or unreadable, or the weights do not fit
   */
  public static org.fairness4j.models.nn.TrainableTower trainingTower(
      Path dir,
      org.nd4j.autodiff.samediff.SameDiff sd,
      org.fairness4j.models.nn.GraphAdaptation adaptation,
      org.nd4j.autodiff.samediff.SDVariable pixels)
      throws IOException {
    JsonNode cfg = json(dir.resolve(CONFIG));
    int size = cfg.path("image_size").asInt(224);
    int up = cfg.path("upsample").asInt(299);
    int embed = cfg.path("embed_dim").asInt(768);
    INDArray interpT = bilinearAlignCorners(size, up).transpose().dup('c');
    org.nd4j.autodiff.samediff.SDVariable t = sd.constant("gloria_upsample_T", interpT);
    // along the width, then along the height, as the inference tower does
    org.nd4j.autodiff.samediff.SDVariable x =
        sd.reshape(sd.mmul(sd.reshape(pixels, -1, size), t), -1, size, up);
    x = sd.reshape(sd.mmul(sd.reshape(sd.permute(x, 0, 2, 1), -1, size), t), -1, up, up);
    x = sd.reshape(sd.permute(x, 0, 2, 1), -1, 3, up, up);
    try (SafetensorsFile f = SafetensorsFile.open(dir.resolve("model.safetensors"))) {
      WeightSet w = new WeightSet(f);
      org.fairness4j.models.nn.TrainableTower trunk =
          ResNetImageEncoder.training(sd, f, w, IMAGE + "model.", adaptation, x);
      String g = IMAGE + "global_embedder.";
      long features = f.contains(g + "weight") ? f.shape(g + "weight")[1] : 2048;
      org.fairness4j.models.nn.TrainableTower projected =
          org.fairness4j.models.nn.TrainableTower.project(
              sd, trunk, g + "weight", embed, features, w, adaptation);
      org.nd4j.autodiff.samediff.SDVariable bias =
          adaptation.trainable(g + "bias")
              ? sd.var("gloria_global_embedder_bias", w.take(g + "bias", embed))
              : sd.constant("gloria_global_embedder_bias", w.take(g + "bias", embed));
      java.util.Map<String, org.nd4j.autodiff.samediff.SDVariable> trainable =
          new java.util.LinkedHashMap<>(projected.trainable());
      if (adaptation.trainable(g + "bias")) {
        trainable.put(g + "bias", bias);
      }
      org.nd4j.autodiff.samediff.SDVariable train = projected.train().add(bias);
      org.nd4j.autodiff.samediff.SDVariable eval =
          projected.eval() == projected.train() ? train : projected.eval().add(bias);
      w.requireFinite();
      return new org.fairness4j.models.nn.TrainableTower(
          train, eval, trainable, projected.statistics(), -1);
    }
  }

  /**
   * Loads the model.
   *
   * @param dir the exported directory
   * @return the model
   * @throws IOException if a file is missing or unreadable, a setting is not supported, or the
   *     weights do not fit (every problem listed)
   */
  public static GloriaCheckpoint load(Path dir) throws IOException {
    Path cfgFile = dir.resolve(CONFIG);
    JsonNode cfg = json(cfgFile);
    String aggregate = cfg.path("aggregate").asText("sum");
    if (!cfg.path("vision").asText("resnet_50").equals("resnet_50")
        || !(aggregate.equals("sum") || aggregate.equals("mean"))) {
      throw new WeightFormatException(
          cfgFile, "only the ResNet-50 GLoRIA with sum or mean aggregation is supported: " + cfg);
    }
    int size = cfg.path("image_size").asInt(224);
    int resize = cfg.path("resize").asInt(size);
    int upsample = cfg.path("upsample").asInt(299);
    int words = cfg.path("word_num").asInt(97);
    int layers = cfg.path("last_n_layers").asInt(4);
    int embed = cfg.path("embed_dim").asInt(768);
    WordPieceTokenizer tok = WordPieceTokenizer.fromDirectory(dir, words);
    JsonNode bertCfg = json(dir.resolve("text_config.json"));
    Path weights = dir.resolve("model.safetensors");
    ResNetImageEncoder resnet = ResNetImageEncoder.load(weights, IMAGE + "model.", upsample);
    try (SafetensorsFile f = SafetensorsFile.open(weights)) {
      WeightSet w = new WeightSet(f);
      INDArray g = w.take(IMAGE + "global_embedder.weight", embed, resnet.embeddingDim());
      INDArray gb = w.take(IMAGE + "global_embedder.bias", embed);
      BertTextEncoder bert = BertTextEncoder.of(bertCfg, w, TEXT, words, tok.sepId());
      if (bert.embeddingDim() != embed) {
        throw new WeightFormatException(
            cfgFile, "embed_dim " + embed + " differs from BERT's width " + bert.embeddingDim());
      }
      w.finish(List.of(IMAGE + "global_embedder.", TEXT + "embeddings.", TEXT + "encoder."));
      ImagePreprocessor p =
          new ImagePreprocessor(
              resize,
              size,
              ExportConfig.rgb(cfg.path("mean"), new float[] {0.5f, 0.5f, 0.5f}),
              ExportConfig.rgb(cfg.path("std"), new float[] {0.5f, 0.5f, 0.5f}),
              ImagePreprocessor.CropRounding.ROUND_HALF_EVEN);
      return new GloriaCheckpoint(
          weights,
          new ProjectedImageEncoder(
              resnet, upsampling(size, upsample), g.transpose().dup('c'), gb, size),
          new TextTower(
              bert,
              layers,
              aggregate.equals("mean"),
              cfg.path("agg_tokens").asBoolean(true),
              tok.sepId()),
          tok,
          p,
          cfg.path("temp3").asDouble(10.0));
    }
  }

  /**
   * The matrix of 1-D bilinear interpolation with aligned corners from {@code in} to {@code out}
   * samples ({@code [out, in]}), as PyTorch's {@code Upsample(mode="bilinear", align_corners=True)}
   * along one axis.
   */
  static INDArray bilinearAlignCorners(int in, int out) {
    float[] m = new float[out * in];
    double scale = out > 1 ? (double) (in - 1) / (out - 1) : 0;
    for (int i = 0; i < out; i++) {
      double src = i * scale;
      int lo = (int) Math.floor(src);
      int hi = Math.min(lo + 1, in - 1);
      double frac = src - lo;
      m[i * in + lo] += (float) (1 - frac);
      m[i * in + hi] += (float) frac;
    }
    return Nd4j.create(m, new long[] {out, in}, 'c');
  }

  /**
   * Bilinear upsampling with aligned corners of float pixels [batch, 3, size, size] to [batch, 3,
   * up, up]: along the width, then along the height (each a matrix product with the 1-D weights).
   */
  private static java.util.function.UnaryOperator<INDArray> upsampling(int size, int up) {
    INDArray interpT = bilinearAlignCorners(size, up).transpose().dup('c');
    return pixels -> {
      long b = pixels.size(0);
      INDArray x = pixels.dup('c').reshape('c', b * 3 * size, size);
      INDArray w = x.mmul(interpT).reshape('c', b * 3, size, up);
      INDArray h = w.permute(0, 2, 1).dup('c').reshape('c', b * 3 * up, size).mmul(interpT);
      INDArray upsampled = h.reshape('c', b * 3, up, up).permute(0, 2, 1).dup('c');
      return upsampled.reshape('c', b, 3, up, up);
    };
  }

  /** GLoRIA's sentence embedding from the last hidden states. */
  private static final class TextTower extends BertTextTower {
    private final int layers;
    private final boolean meanOverLayers;
    private final boolean aggTokens;
    private final int sep;

    TextTower(
        BertTextEncoder bert, int layers, boolean meanOverLayers, boolean aggTokens, int sep) {
      super(bert, bert.embeddingDim());
      this.layers = layers;
      this.meanOverLayers = meanOverLayers;
      this.aggTokens = aggTokens;
      this.sep = sep;
    }

    @Override
    public INDArray encode(int[][] tokenIds) {
      INDArray[] hs = bert().lastHiddenStates(tokenIds, layers);
      int len = contextLength();
      INDArray out = Nd4j.zeros(DataType.FLOAT, tokenIds.length, embeddingDim());
      for (int r = 0; r < tokenIds.length; r++) {
        int end = len;
        if (aggTokens) {
          // merged word pieces are sums, so the average over padded positions is the sum of the
          // tokens up to and including [SEP] divided by the text length
          for (int t = 0; t < len; t++) {
            if (tokenIds[r][t] == sep) {
              end = t + 1;
              break;
            }
          }
        }
        INDArray row = out.getRow(r);
        for (INDArray h : hs) {
          row.addi(
              h.get(NDArrayIndex.point(r), NDArrayIndex.interval(0, end), NDArrayIndex.all())
                  .sum(0)
                  .castTo(DataType.FLOAT));
        }
      }
      out.divi(len);
      if (meanOverLayers) {
        out.divi(layers);
      }
      return out;
    }
  }
}
