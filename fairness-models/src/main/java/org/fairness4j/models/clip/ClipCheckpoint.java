package org.fairness4j.models.clip;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fairness4j.models.nn.WeightSet;
import org.fairness4j.models.weights.SafetensorsFile;
import org.fairness4j.models.weights.WeightFormatException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A CLIP model loaded from a Hugging Face model directory ({@code config.json} and {@code
 * model.safetensors} of a {@code CLIPModel}, e.g. {@code openai/clip-vit-base-patch16}) into native
 * SameDiff encoders.
 */
public final class ClipCheckpoint implements org.fairness4j.models.VisionLanguageCheckpoint {
  private final Path dir;
  private final ClipConfig config;
  private final ClipImageEncoder image;
  private final ClipTextEncoder text;
  private final double logitScale;

  private ClipCheckpoint(
      Path dir,
      ClipConfig config,
      ClipImageEncoder image,
      ClipTextEncoder text,
      double logitScale) {
    this.dir = dir;
    this.config = config;
    this.image = image;
    this.text = text;
    this.logitScale = logitScale;
  }

  /**
   * Loads a model directory.
   *
   * @param dir a directory with {@code config.json} and {@code model.safetensors}
   * @return the model
   * @throws WeightFormatException naming every missing, unexpected or mis-shaped tensor
   * @throws IOException if a file is missing or unreadable
   */
  public static ClipCheckpoint load(Path dir) throws IOException {
    return load(dir, java.util.Map.of());
  }

  /**
   * Loads a model directory with some weights replaced (fine-tuned, or merged with a LoRA adapter).
   *
   * @param dir a directory with {@code config.json} and {@code model.safetensors}
   * @param overrides checkpoint name to replacement weight
   * @return the model
   * @throws WeightFormatException naming every missing, unexpected or mis-shaped tensor
   * @throws IOException if a file is missing or unreadable
   */
  public static ClipCheckpoint load(Path dir, java.util.Map<String, INDArray> overrides)
      throws IOException {
    Path configFile = dir.resolve("config.json");
    Path weightsFile = dir.resolve("model.safetensors");
    if (Files.isRegularFile(configFile)) {
      org.fairness4j.models.weights.PickleCheckpoints.requireSafetensors(dir, weightsFile);
    }
    for (Path p : List.of(configFile, weightsFile)) {
      if (!Files.isRegularFile(p)) {
        throw new java.nio.file.NoSuchFileException(
            p.toString(), null, "CLIP model directory needs it");
      }
    }
    ClipConfig config = ClipConfig.read(configFile);
    try (SafetensorsFile f = SafetensorsFile.open(weightsFile)) {
      WeightSet w = new WeightSet(f, overrides);
      ClipImageEncoder image = new ClipImageEncoder(config, w);
      ClipTextEncoder text = new ClipTextEncoder(config, w);
      INDArray scale = w.take("logit_scale");
      w.finish(
          List.of(
              "vision_model.",
              "text_model.",
              "visual_projection.",
              "text_projection.",
              "logit_scale"));
      return new ClipCheckpoint(dir, config, image, text, Math.exp(scale.getDouble(0)));
    }
  }

  /**
   * Loads a model directory with a LoRA adapter merged into its weights (W + (α/r)·B·A), e.g. one
   * read by {@link org.fairness4j.models.adapt.PeftAdapters#read}.
   *
   * @param dir a directory with {@code config.json} and {@code model.safetensors}
   * @param adapter the adapter
   * @return the model
   * @throws WeightFormatException if an adapted weight is missing or does not fit
   * @throws IOException if a file is missing or unreadable
   */
  public static ClipCheckpoint load(Path dir, org.fairness4j.models.adapt.LoraAdapter adapter)
      throws IOException {
    Path weightsFile = dir.resolve("model.safetensors");
    if (!Files.isRegularFile(weightsFile)) {
      throw new java.nio.file.NoSuchFileException(
          weightsFile.toString(), null, "CLIP model directory needs it");
    }
    return load(dir, adapter.mergeInto(weightsFile, (f, n) -> n));
  }

  /**
   * Returns the model's shapes.
   *
   * @return the config
   */
  public ClipConfig config() {
    return config;
  }

  /**
   * Returns the image encoder.
   *
   * @return the encoder, owned by this checkpoint
   */
  public ClipImageEncoder imageEncoder() {
    return image;
  }

  /**
   * Returns the text encoder.
   *
   * @return the encoder, owned by this checkpoint
   */
  public ClipTextEncoder textEncoder() {
    return text;
  }

  /**
   * Loads the BPE tokenizer of the directory ({@code vocab.json} + {@code merges.txt} or {@code
   * tokenizer.json}) at the text tower's context length.
   *
   * @return the tokenizer
   * @throws IOException if its files are missing or malformed
   */
  @Override
  public org.fairness4j.models.text.ClipBpeTokenizer tokenizer() throws IOException {
    return org.fairness4j.models.text.ClipBpeTokenizer.load(dir, config.text().positions());
  }

  /**
   * Returns the preprocessing of {@code preprocessor_config.json}, or CLIP's at the model's size.
   *
   * @return the preprocessor
   * @throws IOException if the configuration is unreadable
   */
  @Override
  public org.fairness4j.models.image.ImagePreprocessor preprocessor() throws IOException {
    return org.fairness4j.models.image.ImagePreprocessor.forModel(dir, config.vision().positions());
  }

  @Override
  public Path weightsFile() {
    return dir.resolve("model.safetensors");
  }

  /**
   * Returns exp(logit_scale), the factor on cosine similarities in zero-shot logits.
   *
   * @return the scale
   */
  @Override
  public double logitScale() {
    return logitScale;
  }

  @Override
  public void close() {
    image.close();
    text.close();
  }
}
