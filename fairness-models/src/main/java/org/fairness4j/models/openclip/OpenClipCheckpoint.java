package org.fairness4j.models.openclip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.fairness4j.models.bert.BertTextEncoder;
import org.fairness4j.models.image.ImagePreprocessor;
import org.fairness4j.models.nn.WeightSet;
import org.fairness4j.models.text.WordPieceTokenizer;
import org.fairness4j.models.weights.SafetensorsFile;
import org.fairness4j.models.weights.WeightFormatException;

/**
 * An open_clip model with a timm ViT image tower and a Hugging Face BERT text tower — BiomedCLIP's
 * layout — loaded from the directory {@code tools/export_open_clip.py} writes: {@code
 * open_clip_config.json}, {@code open_clip_model.safetensors}, {@code vision_config.json}, {@code
 * text_config.json}, {@code vocab.txt} and {@code tokenizer_config.json}. Missing, unexpected and
 * mis-shaped tensors are listed in one {@link WeightFormatException}.
 *
 * <pre>{@code
 * try (OpenClipCheckpoint m = OpenClipCheckpoint.load(Path.of("biomedclip"))) {
 *   INDArray img = m.imageEncoder().encode(m.preprocessor().batch(files));
 *   INDArray txt = m.textEncoder().encode(new int[][] {m.tokenizer().encode("chest x-ray")});
 * }
 * }</pre>
 */
public final class OpenClipCheckpoint implements org.fairness4j.models.VisionLanguageCheckpoint {
  /** The weight file's name. */
  public static final String WEIGHTS = "open_clip_model.safetensors";

  private final OpenClipImageEncoder image;
  private final OpenClipTextEncoder text;
  private final WordPieceTokenizer tokenizer;
  private final ImagePreprocessor preprocessor;
  private final double logitScale;
  private final Path weights;

  private OpenClipCheckpoint(
      Path weights,
      OpenClipImageEncoder image,
      OpenClipTextEncoder text,
      WordPieceTokenizer tokenizer,
      ImagePreprocessor preprocessor,
      double logitScale) {
    this.weights = weights;
    this.image = image;
    this.text = text;
    this.tokenizer = tokenizer;
    this.preprocessor = preprocessor;
    this.logitScale = logitScale;
  }

  /**
   * Whether a directory holds an open_clip export.
   *
   * @param dir a directory
   * @return true if it has {@code open_clip_config.json}
   */
  public static boolean isOpenClip(Path dir) {
    return Files.isRegularFile(dir.resolve("open_clip_config.json"));
  }

  private static JsonNode json(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString(), null, "written by tools/export_open_clip.py");
    }
    try {
      return new ObjectMapper().readTree(file.toFile());
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new WeightFormatException(file, "not valid JSON: " + e.getOriginalMessage());
    }
  }

  /**
   * Loads the model.
   *
   * @param dir the exported directory
   * @return the model
   * @throws IOException if a file is missing or unreadable, or the weights do not fit (every
   *     problem listed)
   */
  public static OpenClipCheckpoint load(Path dir) throws IOException {
    Path cfgFile = dir.resolve("open_clip_config.json");
    JsonNode cfg = json(cfgFile).path("model_cfg");
    int embedDim = cfg.path("embed_dim").asInt(-1);
    JsonNode vc = cfg.path("vision_cfg");
    JsonNode tc = cfg.path("text_cfg");
    if (embedDim <= 0 || !vc.has("timm_model_name") || !tc.has("hf_model_name")) {
      throw new WeightFormatException(
          cfgFile,
          "expected model_cfg with embed_dim, vision_cfg.timm_model_name and"
              + " text_cfg.hf_model_name (a timm image tower and a Hugging Face text tower)");
    }
    String pool = vc.path("timm_pool").asText("");
    String vproj = vc.path("timm_proj").asText("linear");
    String pooler = tc.path("hf_pooler_type").asText("");
    if (!pool.isEmpty() || !vproj.equals("linear")) {
      throw new WeightFormatException(
          cfgFile, "unsupported timm_pool '" + pool + "' / timm_proj '" + vproj + "'");
    }
    if (!pooler.equals("cls_last_hidden_state_pooler")) {
      throw new WeightFormatException(cfgFile, "unsupported hf_pooler_type '" + pooler + "'");
    }
    Path visionFile = dir.resolve("vision_config.json");
    TimmVitConfig v = TimmVitConfig.of(json(visionFile), visionFile);
    JsonNode bertCfg = json(dir.resolve("text_config.json"));
    int context = tc.path("context_length").asInt(77);
    WordPieceTokenizer tok = WordPieceTokenizer.fromDirectory(dir, context);
    try (SafetensorsFile f = SafetensorsFile.open(dir.resolve(WEIGHTS))) {
      WeightSet w = new WeightSet(f, OpenClipImageEncoder.splitQkv(f, v));
      OpenClipImageEncoder.takeFused(w, v);
      OpenClipImageEncoder image = new OpenClipImageEncoder(v, embedDim, w);
      BertTextEncoder bert =
          BertTextEncoder.of(
              bertCfg, w, OpenClipTextEncoder.PREFIX + "transformer.", context, tok.sepId());
      OpenClipTextEncoder text =
          new OpenClipTextEncoder(bert, tc.path("hf_proj_type").asText("mlp"), embedDim, w);
      double scale = Math.exp(w.take("logit_scale").getDouble(0));
      w.finish(
          List.of(
              OpenClipImageEncoder.PREFIX,
              OpenClipTextEncoder.PREFIX + "proj",
              OpenClipTextEncoder.PREFIX + "transformer.embeddings.",
              OpenClipTextEncoder.PREFIX + "transformer.encoder.",
              "logit_scale"));
      ImagePreprocessor clip = ImagePreprocessor.clip();
      JsonNode pre = json(cfgFile).path("preprocess_cfg");
      ImagePreprocessor p =
          new ImagePreprocessor(
              v.imageSize(),
              v.imageSize(),
              floats(pre.path("mean"), clip.mean()),
              floats(pre.path("std"), clip.std()),
              ImagePreprocessor.CropRounding.ROUND_HALF_EVEN);
      return new OpenClipCheckpoint(dir.resolve(WEIGHTS), image, text, tok, p, scale);
    }
  }

  private static float[] floats(JsonNode n, float[] fallback) {
    if (!n.isArray() || n.size() != 3) {
      return fallback;
    }
    return new float[] {
      (float) n.get(0).asDouble(), (float) n.get(1).asDouble(), (float) n.get(2).asDouble()
    };
  }

  /**
   * Returns the image encoder (features before L2 normalisation).
   *
   * @return the encoder
   */
  @Override
  public OpenClipImageEncoder imageEncoder() {
    return image;
  }

  /**
   * Returns the text encoder (features before L2 normalisation).
   *
   * @return the encoder
   */
  @Override
  public OpenClipTextEncoder textEncoder() {
    return text;
  }

  /**
   * Returns the WordPiece tokenizer, casing from {@code tokenizer_config.json}.
   *
   * @return the tokenizer
   */
  @Override
  public WordPieceTokenizer tokenizer() {
    return tokenizer;
  }

  /**
   * Returns open_clip's preprocessing: resize the shorter side to the image size (bicubic), center
   * crop with torchvision's rounding, the config's mean and std (OpenAI CLIP's by default).
   *
   * @return the preprocessor
   */
  @Override
  public ImagePreprocessor preprocessor() {
    return preprocessor;
  }

  /**
   * Returns exp(logit_scale).
   *
   * @return the scale of the cosine similarities
   */
  @Override
  public double logitScale() {
    return logitScale;
  }

  @Override
  public Path weightsFile() {
    return weights;
  }

  @Override
  public void close() {
    image.close();
    text.close();
  }
}
