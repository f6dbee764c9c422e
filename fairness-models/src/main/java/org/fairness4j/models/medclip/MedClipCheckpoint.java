package org.fairness4j.models.medclip;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.fairness4j.models.ImageEncoder;
import org.fairness4j.models.LoadedCheckpoint;
import org.fairness4j.models.bert.BertTextEncoder;
import org.fairness4j.models.image.ImagePreprocessor;
import org.fairness4j.models.nn.BertTextTower;
import org.fairness4j.models.nn.ProjectedImageEncoder;
import org.fairness4j.models.nn.WeightSet;
import org.fairness4j.models.resnet.ResNetImageEncoder;
import org.fairness4j.models.swin.SwinConfig;
import org.fairness4j.models.swin.SwinImageEncoder;
import org.fairness4j.models.text.WordPieceTokenizer;
import org.fairness4j.models.weights.ExportConfig;
import org.fairness4j.models.weights.SafetensorsFile;
import org.fairness4j.models.weights.WeightFormatException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * MedCLIP (Wang et al., EMNLP 2022) with its ResNet-50 or its ViT (Swin-Tiny) image tower, loaded
 * from the directory {@code tools/export_medclip.py} writes ({@code medclip_config.json}, {@code
 * model.safetensors} with MedCLIP's own tensor names, {@code text_config.json}, {@code vocab.txt},
 * {@code tokenizer_config.json}, and {@code vision_config.json} for Swin). As in MedCLIP's code:
 * image = the ResNet's pooled features through {@code fc}, or Swin's {@code pooler_output} through
 * {@code projection_head} (no biases); text = BERT's pooler output (tanh of a dense layer on [CLS])
 * through {@code projection_head}; the logit scale is clamped to [0, 4.6052] before exp; the
 * preprocessing uses MedCLIP's single-channel mean and std on all three channels ({@link
 * ImagePreprocessor#medClip()}) at the model's image size.
 */
public final class MedClipCheckpoint extends LoadedCheckpoint<WordPieceTokenizer> {
  static final String CONFIG = "medclip_config.json";
  private static final String VISION = "vision_model.model.";
  private static final String TEXT = "text_model.";

  private final Path dir;

  private MedClipCheckpoint(
      Path dir,
      int imageSize,
      ImageEncoder image,
      TextTower text,
      WordPieceTokenizer tokenizer,
      double logitScale) {
    super(
        dir.resolve("model.safetensors"),
        image,
        text,
        tokenizer,
        preprocessing(imageSize),
        logitScale);
    this.dir = dir;
  }

  /** MedCLIP's single-channel mean and std on all three channels, at the model's image size. */
  private static ImagePreprocessor preprocessing(int imageSize) {
    ImagePreprocessor m = ImagePreprocessor.medClip();
    return new ImagePreprocessor(imageSize, imageSize, m.mean(), m.std(), m.cropRounding());
  }

  /**
   * Whether a directory holds a MedCLIP export.
   *
   * @param dir a directory
   * @return true if it has {@code medclip_config.json}
   */
  public static boolean isMedClip(Path dir) {
    return Files.isRegularFile(dir.resolve(CONFIG));
  }

  private static JsonNode json(Path file) throws IOException {
    return ExportConfig.read(file, "tools/export_medclip.py");
  }

  /**
   * Whether a MedCLIP export's image tower is the Swin Transformer (LoRA on its window attention's
   * query, key and value) rather than the ResNet-50 (full fine-tuning only).
   *
   * @param dir the exported directory
   * @return true for Swin
   * @throws IOException if the configuration cannot be read
   */
  public static boolean hasSwin(Path dir) throws IOException {
    return json(dir.resolve(CONFIG)).path("vision").asText().equals("swin");
  }

  /**
   * Builds the image tower (backbone and its projection, without bias, as MedCLIP's {@code
   * vision_model} returns {@code img_embeds}) into a graph for training: ResNet-50 with BatchNorm
   * in training mode (the authors' {@code model.train()}), or Swin with the weights the adaptation
   * names trainable and LoRA on its linear layers.
   *
   * @param dir the exported directory
   * @param sd the graph
   * @param adaptation trainable weights and LoRA terms
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
    Path cfgFile = dir.resolve(CONFIG);
    JsonNode cfg = json(cfgFile);
    String vision = cfg.path("vision").asText();
    int embed = cfg.path("embed_dim").asInt(512);
    try (SafetensorsFile f = SafetensorsFile.open(dir.resolve("model.safetensors"))) {
      WeightSet w = new WeightSet(f);
      org.fairness4j.models.nn.TrainableTower trunk;
      String projName;
      long features;
      if (vision.equals("swin")) {
        Path vf = dir.resolve("vision_config.json");
        JsonNode vjson = json(vf);
        SwinConfig swin = SwinConfig.of(vjson, vf);
        // transformers' SwinConfig default; MedCLIP's checkpoint sets 0.1
        double dropPath = vjson.path("drop_path_rate").asDouble(0.1);
        trunk = SwinImageEncoder.training(swin, f, w, VISION, sd, adaptation, pixels, dropPath);
        projName = "vision_model.projection_head.weight";
        features = swin.features();
      } else if (vision.equals("resnet50")) {
        trunk = ResNetImageEncoder.training(sd, f, w, VISION, adaptation, pixels);
        projName = VISION + "fc.weight";
        features = f.contains(projName) ? f.shape(projName)[1] : 2048;
      } else {
        throw new WeightFormatException(
            cfgFile, "vision '" + vision + "' is not supported (resnet50 or swin)");
      }
      org.fairness4j.models.nn.TrainableTower tower =
          org.fairness4j.models.nn.TrainableTower.project(
              sd, trunk, projName, embed, features, w, adaptation);
      w.requireFinite();
      return tower;
    }
  }

  /**
   * Loads the model.
   *
   * @param dir the exported directory
   * @return the model
   * @throws IOException if a file is missing or unreadable, the variant is not supported, or the
   *     weights do not fit (every problem listed)
   */
  public static MedClipCheckpoint load(Path dir) throws IOException {
    return load(dir, Map.of());
  }

  /**
   * Loads the model with a LoRA adapter merged into its Swin tower (W + ΔW). Adapter tensors may
   * use the checkpoint's transformers 4.x names ({@code attention.self.query}, as this project
   * writes them) or the 5.x module names peft sees on a transformers 5 model ({@code
   * attention.q_proj}, ... {@code mlp.fc2}); they are merged into the checkpoint's own names.
   *
   * @param dir the exported directory
   * @param adapter the adapter ({@code PeftAdapters.read} or {@code LoraAdapter.load})
   * @return the model
   * @throws WeightFormatException if an adapted weight is missing or does not fit
   * @throws IOException if a file is missing or unreadable
   */
  public static MedClipCheckpoint load(Path dir, org.fairness4j.models.adapt.LoraAdapter adapter)
      throws IOException {
    return load(
        dir,
        adapter.mergeInto(dir.resolve("model.safetensors"), MedClipCheckpoint::checkpointName));
  }

  /** A Swin weight's name as the checkpoint spells it (transformers 4.x or 5.x). */
  private static String checkpointName(SafetensorsFile f, String name) {
    if (f.contains(name)) {
      return name;
    }
    String[][] pairs = {
      {".attention.q_proj.", ".attention.self.query."},
      {".attention.k_proj.", ".attention.self.key."},
      {".attention.v_proj.", ".attention.self.value."},
      {".attention.o_proj.", ".attention.output.dense."},
      {".mlp.fc1.", ".intermediate.dense."},
      {".mlp.fc2.", ".output.dense."}
    };
    for (String[] p : pairs) {
      for (int i = 0; i < 2; i++) {
        String other = name.replace(p[i], p[1 - i]);
        if (!other.equals(name) && f.contains(other)) {
          return other;
        }
      }
    }
    return name;
  }

  private static MedClipCheckpoint load(Path dir, Map<String, INDArray> overrides)
      throws IOException {
    Path cfgFile = dir.resolve(CONFIG);
    JsonNode cfg = json(cfgFile);
    String vision = cfg.path("vision").asText();
    if (!vision.equals("resnet50") && !vision.equals("swin")) {
      throw new WeightFormatException(
          cfgFile, "vision '" + vision + "' is not supported (resnet50 or swin)");
    }
    int size = cfg.path("image_size").asInt(224);
    int context = cfg.path("context_length").asInt(77);
    int embed = cfg.path("embed_dim").asInt(512);
    WordPieceTokenizer tok = WordPieceTokenizer.fromDirectory(dir, context);
    JsonNode bertCfg = json(dir.resolve("text_config.json"));
    Path weights = dir.resolve("model.safetensors");
    SwinConfig swin = null;
    if (vision.equals("swin")) {
      Path vf = dir.resolve("vision_config.json");
      swin = SwinConfig.of(json(vf), vf);
      if (swin.imageSize() != size) {
        throw new WeightFormatException(
            vf, "image_size " + swin.imageSize() + " differs from " + CONFIG + "'s " + size);
      }
    }
    ImageEncoder trunk = swin == null ? ResNetImageEncoder.load(weights, VISION, size) : null;
    try (SafetensorsFile f = SafetensorsFile.open(weights)) {
      WeightSet w = new WeightSet(f, overrides);
      List<String> prefixes = new ArrayList<>(List.of(TEXT, "logit_scale"));
      String projName;
      if (swin == null) {
        projName = VISION + "fc.weight";
        prefixes.add(VISION + "fc.");
      } else {
        trunk = new SwinImageEncoder(swin, f, w, VISION);
        projName = "vision_model.projection_head.weight";
        prefixes.addAll(SwinImageEncoder.prefixes(VISION));
        prefixes.add("vision_model.projection_head.");
      }
      INDArray fc = w.take(projName, embed, trunk.embeddingDim());
      BertTextEncoder bert = BertTextEncoder.of(bertCfg, w, TEXT + "model.", context, tok.sepId());
      long d = bert.embeddingDim();
      INDArray poolW = w.take(TEXT + "model.pooler.dense.weight", d, d);
      INDArray poolB = w.take(TEXT + "model.pooler.dense.bias", d);
      INDArray projW = w.take(TEXT + "projection_head.weight", embed, d);
      INDArray projB = w.take(TEXT + "projection_head.bias", embed);
      double scale = w.take("logit_scale").getDouble(0);
      w.finish(prefixes);
      return new MedClipCheckpoint(
          dir,
          size,
          new ProjectedImageEncoder(
              trunk, UnaryOperator.identity(), fc.transpose().dup('c'), null, size),
          new TextTower(bert, poolW.transpose().dup('c'), poolB, projW.transpose().dup('c'), projB),
          tok,
          Math.exp(Math.min(4.6052, Math.max(0, scale))));
    }
  }

  @Override
  public String toString() {
    return "MedClipCheckpoint[" + dir + "]";
  }

  /** BERT's pooler output (tanh(W h_cls + b)) through the projection head. */
  private static final class TextTower extends BertTextTower {
    private final INDArray poolT;
    private final INDArray poolB;
    private final INDArray projT;
    private final INDArray projB;

    TextTower(
        BertTextEncoder bert, INDArray poolT, INDArray poolB, INDArray projT, INDArray projB) {
      super(bert, (int) projT.size(1));
      this.poolT = poolT;
      this.poolB = poolB;
      this.projT = projT;
      this.projB = projB;
    }

    @Override
    public INDArray encode(int[][] tokenIds) {
      INDArray cls = bert().encode(tokenIds).castTo(DataType.FLOAT);
      INDArray pooled = Transforms.tanh(cls.mmul(poolT).addiRowVector(poolB), false);
      return pooled.mmul(projT).addiRowVector(projB);
    }
  }
}
