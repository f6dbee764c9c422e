package org.fairness4j.models.openclip;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fairness4j.models.ImageEncoder;
import org.fairness4j.models.TextEncoder;
import org.fairness4j.models.bert.BertTextEncoder;
import org.fairness4j.models.clip.ClipConfig;
import org.fairness4j.models.clip.ClipTextEncoder;
import org.fairness4j.models.image.ImagePreprocessor;
import org.fairness4j.models.nn.WeightSet;
import org.fairness4j.models.text.ClipBpeTokenizer;
import org.fairness4j.models.text.PromptTokenizer;
import org.fairness4j.models.text.WordPieceTokenizer;
import org.fairness4j.models.weights.ExportConfig;
import org.fairness4j.models.weights.SafetensorsFile;
import org.fairness4j.models.weights.WeightFormatException;

/**
 * An open_clip model — a timm ViT image tower with a Hugging Face BERT text tower (BiomedCLIP's
 * layout), or CLIP's modified ResNet with CLIP's text transformer (RN50, RN50x4, ... with OpenAI's
 * weights) — loaded from a directory as open_clip publishes it on the Hugging Face hub ({@code
 * open_clip_config.json}, {@code open_clip_model.safetensors}; the shapes read as {@code HubLayout}
 * describes) or as {@code tools/export_open_clip.py} writes it (with {@code vision_config.json} and
 * {@code text_config.json}), plus the tokenizer files ({@code vocab.txt} or a WordPiece {@code
 * tokenizer.json}, and {@code tokenizer_config.json}; or {@code vocab.json} and {@code
 * merges.txt}). Pickle-only weights ({@code open_clip_pytorch_model.bin}) are refused with the
 * conversion to run. Missing, unexpected and mis-shaped tensors are listed in one {@link
 * WeightFormatException}.
 *
 * <p>The encoders return features before L2 normalisation; the tokenizer is WordPiece for a BERT
 * text tower (casing from {@code tokenizer_config.json}) and CLIP's BPE for CLIP's text
 * transformer; the preprocessing is open_clip's for the config's {@code preprocess_cfg} ({@link
 * ImagePreprocessor#forOpenClip}); the logit scale is exp(logit_scale).
 *
 * <pre>{@code
 * try (OpenClipCheckpoint m = OpenClipCheckpoint.load(Path.of("biomedclip"))) {
 *   INDArray img = m.imageEncoder().encode(m.preprocessor().batch(files));
 *   INDArray txt = m.textEncoder().encode(new int[][] {m.tokenizer().encode("chest x-ray")});
 * }
 * }</pre>
 */
public final class OpenClipCheckpoint
    extends org.fairness4j.models.LoadedCheckpoint<PromptTokenizer> {
  /** The weight file's name. */
  public static final String WEIGHTS = "open_clip_model.safetensors";

  private OpenClipCheckpoint(
      Path weights,
      ImageEncoder image,
      TextEncoder text,
      PromptTokenizer tokenizer,
      ImagePreprocessor preprocessor,
      double logitScale) {
    super(weights, image, text, tokenizer, preprocessor, logitScale);
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
    return ExportConfig.read(file, "tools/export_open_clip.py");
  }

  /** The weight file, checked to be safetensors (not a pickle). */
  private static Path weights(Path dir) throws IOException {
    Path weightsFile = dir.resolve(WEIGHTS);
    org.fairness4j.models.weights.PickleCheckpoints.requireSafetensors(dir, weightsFile);
    return weightsFile;
  }

  /** The export's {@code vision_config.json}, or else the open_clip configuration. */
  private static Path visionFile(Path dir, Path cfgFile) {
    Path exported = dir.resolve("vision_config.json");
    return Files.isRegularFile(exported) ? exported : cfgFile;
  }

  /** The image tower's settings: as exported, or read off the hub checkpoint's tensors. */
  private static JsonNode visionConfig(
      Path visionFile, Path cfgFile, JsonNode modelCfg, SafetensorsFile f) throws IOException {
    return visionFile.equals(cfgFile)
        ? HubLayout.visionConfig(modelCfg, f, cfgFile)
        : json(visionFile);
  }

  /**
   * Whether the image tower of an open_clip directory is a timm ViT (whose fused {@code attn.qkv}
   * LoRA adapts) rather than a modified ResNet (no LoRA: see {@link #trainingTower}).
   *
   * @param dir the exported directory
   * @return true for a timm ViT
   * @throws IOException if the configuration cannot be read
   */
  public static boolean hasTimmVit(Path dir) throws IOException {
    Path cfgFile = dir.resolve("open_clip_config.json");
    Path visionFile = dir.resolve("vision_config.json");
    if (Files.isRegularFile(visionFile)) {
      return json(visionFile).path("architecture").asText().equals("timm_vit");
    }
    try (SafetensorsFile f = SafetensorsFile.open(dir.resolve(WEIGHTS))) {
      return HubLayout.visionConfig(json(cfgFile).path("model_cfg"), f, cfgFile)
          .path("architecture")
          .asText()
          .equals("timm_vit");
    }
  }

  /**
   * Builds the image tower of an open_clip directory into a graph for training (LoRA or full
   * fine-tuning): the timm ViT with its fused qkv projections (LoRA's {@code attn.qkv}, {@code
   * attn.proj}, {@code mlp.fc1}, {@code mlp.fc2} as peft names them on the open_clip model), or the
   * modified ResNet with BatchNorm in training mode (full fine-tuning only).
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
    Path cfgFile = dir.resolve("open_clip_config.json");
    JsonNode cfg = json(cfgFile).path("model_cfg");
    int embedDim = cfg.path("embed_dim").asInt(-1);
    if (embedDim <= 0) {
      throw new WeightFormatException(cfgFile, "expected model_cfg.embed_dim");
    }
    try (SafetensorsFile f = SafetensorsFile.open(weights(dir))) {
      Path visionFile = visionFile(dir, cfgFile);
      JsonNode vjson = visionConfig(visionFile, cfgFile, cfg, f);
      WeightSet w = new WeightSet(f);
      org.fairness4j.models.nn.TrainableTower tower =
          vjson.path("architecture").asText().equals("timm_vit")
              ? OpenClipImageEncoder.training(
                  sd, TimmVitConfig.of(vjson, visionFile), embedDim, w, adaptation, pixels)
              : ModifiedResNetEncoder.training(vjson, visionFile, w, sd, adaptation, pixels);
      w.requireFinite();
      return tower;
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
    return load(dir, Map.of());
  }

  /**
   * Loads the model with a LoRA adapter merged into its weights (W + scaling·B·A), e.g. one peft
   * saved on the open_clip model ({@link org.fairness4j.models.adapt.PeftAdapters#read}).
   *
   * @param dir the model directory
   * @param adapter the adapter
   * @return the model
   * @throws WeightFormatException if an adapted weight is missing or does not fit
   * @throws IOException if a file is missing or unreadable
   */
  public static OpenClipCheckpoint load(Path dir, org.fairness4j.models.adapt.LoraAdapter adapter)
      throws IOException {
    return load(dir, adapter.mergeInto(weights(dir), (f, n) -> n));
  }

  private static OpenClipCheckpoint load(
      Path dir, Map<String, org.nd4j.linalg.api.ndarray.INDArray> overrides) throws IOException {
    Path cfgFile = dir.resolve("open_clip_config.json");
    JsonNode cfg = json(cfgFile).path("model_cfg");
    int embedDim = cfg.path("embed_dim").asInt(-1);
    JsonNode tc = cfg.path("text_cfg");
    if (embedDim <= 0) {
      throw new WeightFormatException(cfgFile, "expected model_cfg.embed_dim");
    }
    Path exportedVision = dir.resolve("vision_config.json");
    if (Files.isRegularFile(exportedVision)
        && json(exportedVision).path("architecture").asText().equals("timm_vit")) {
      TimmVitConfig.of(json(exportedVision), exportedVision); // named before the weights are read
    }
    Path weightsFile = weights(dir);
    try (SafetensorsFile f = SafetensorsFile.open(weightsFile)) {
      Path visionFile = visionFile(dir, cfgFile);
      JsonNode vjson = visionConfig(visionFile, cfgFile, cfg, f);
      String vision = vjson.path("architecture").asText();
      if (vision.equals("timm_vit")) {
        JsonNode vc = cfg.path("vision_cfg");
        // open_clip's CLIPVisionCfg defaults: timm_pool "avg", timm_proj "linear"
        String pool = vc.path("timm_pool").asText("avg");
        String vproj = vc.path("timm_proj").asText("linear");
        if (!pool.isEmpty() || !vproj.equals("linear")) {
          throw new WeightFormatException(
              cfgFile,
              "unsupported timm_pool '"
                  + pool
                  + "' / timm_proj '"
                  + vproj
                  + "' (only \"\" / linear, BiomedCLIP's class-token pooling; an absent timm_pool"
                  + " is open_clip's 'avg')");
        }
      } else if (!vision.equals("modified_resnet")) {
        throw new WeightFormatException(
            visionFile, "unsupported image tower '" + vision + "' (timm_vit or modified_resnet)");
      }
      TimmVitConfig v = vision.equals("timm_vit") ? TimmVitConfig.of(vjson, visionFile) : null;
      Path textFile = dir.resolve("text_config.json");
      JsonNode tjson =
          Files.isRegularFile(textFile) ? json(textFile) : HubLayout.textConfig(cfg, f, cfgFile);
      if (!Files.isRegularFile(textFile)) {
        textFile = cfgFile;
      }
      boolean clipText = tjson.path("architecture").asText().equals("clip_text");
      if (!clipText
          && !tc.path("hf_pooler_type").asText("").equals("cls_last_hidden_state_pooler")) {
        throw new WeightFormatException(
            cfgFile, "unsupported hf_pooler_type '" + tc.path("hf_pooler_type").asText() + "'");
      }
      int context = tc.path("context_length").asInt(77);
      Map<String, org.nd4j.linalg.api.ndarray.INDArray> replaced =
          new java.util.HashMap<>(overrides);
      if (v != null) {
        replaced.putAll(OpenClipImageEncoder.splitQkv(f, v, overrides));
      }
      WeightSet w = new WeightSet(f, replaced);
      List<String> prefixes = new ArrayList<>(List.of(OpenClipImageEncoder.PREFIX, "logit_scale"));
      ImageEncoder image;
      int imageSize;
      if (v != null) {
        OpenClipImageEncoder.takeFused(w, v);
        image = new OpenClipImageEncoder(v, embedDim, w);
        imageSize = v.imageSize();
      } else {
        image = new ModifiedResNetEncoder(vjson, visionFile, w);
        imageSize = image.imageSize();
      }
      TextEncoder text;
      PromptTokenizer tok;
      if (clipText) {
        ClipConfig.Tower t = ClipTextNames.tower(tjson, textFile);
        WeightSet hf = new WeightSet(f, ClipTextNames.convert(f, w, t, embedDim));
        text = ClipTextEncoder.of(ClipTextNames.textOnly(t, embedDim), hf);
        hf.finish(List.of());
        tok = ClipBpeTokenizer.load(dir, t.positions());
        prefixes.addAll(
            List.of(
                "token_embedding.",
                "positional_embedding",
                "transformer.",
                "ln_final.",
                "text_projection"));
      } else {
        if (!Files.isRegularFile(dir.resolve("vocab.txt"))
            && !Files.isRegularFile(dir.resolve("tokenizer.json"))) {
          throw new java.nio.file.NoSuchFileException(
              dir.resolve("vocab.txt").toString(),
              null,
              "download vocab.txt (and tokenizer_config.json) from the tokenizer's hub repository "
                  + tc.path("hf_tokenizer_name").asText(tc.path("hf_model_name").asText()));
        }
        WordPieceTokenizer wp = WordPieceTokenizer.fromDirectory(dir, context);
        BertTextEncoder bert =
            BertTextEncoder.of(
                tjson, w, OpenClipTextEncoder.PREFIX + "transformer.", context, wp.sepId());
        text = new OpenClipTextEncoder(bert, tc.path("hf_proj_type").asText("mlp"), embedDim, w);
        tok = wp;
        prefixes.addAll(
            List.of(
                OpenClipTextEncoder.PREFIX + "proj",
                OpenClipTextEncoder.PREFIX + "transformer.embeddings.",
                OpenClipTextEncoder.PREFIX + "transformer.encoder."));
      }
      double scale = Math.exp(w.take("logit_scale").getDouble(0));
      w.finish(prefixes);
      ImagePreprocessor p =
          ImagePreprocessor.forOpenClip(json(cfgFile).path("preprocess_cfg"), imageSize, cfgFile);
      return new OpenClipCheckpoint(weightsFile, image, text, tok, p, scale);
    }
  }
}
