package org.fairness4j.models;

import java.nio.file.Path;
import java.util.Objects;
import org.fairness4j.models.image.ImagePreprocessor;
import org.fairness4j.models.text.PromptTokenizer;

/**
 * A {@link VisionLanguageCheckpoint} whose parts are all built when it is loaded: the common state
 * and accessors of the exported-format loaders (open_clip, MedCLIP, GLoRIA). Closing it closes both
 * encoders.
 *
 * @param <T> the tokenizer's type
 */
public abstract class LoadedCheckpoint<T extends PromptTokenizer>
    implements VisionLanguageCheckpoint {
  private final Path weights;
  private final ImageEncoder image;
  private final TextEncoder text;
  private final T tokenizer;
  private final ImagePreprocessor preprocessor;
  private final double logitScale;

  /**
   * Creates the checkpoint from its parts.
   *
   * @param weights the weight file
   * @param image the image encoder
   * @param text the text encoder
   * @param tokenizer the tokenizer
   * @param preprocessor the image preprocessing
   * @param logitScale the factor on cosine similarities
   */
  protected LoadedCheckpoint(
      Path weights,
      ImageEncoder image,
      TextEncoder text,
      T tokenizer,
      ImagePreprocessor preprocessor,
      double logitScale) {
    this.weights = Objects.requireNonNull(weights);
    this.image = Objects.requireNonNull(image);
    this.text = Objects.requireNonNull(text);
    this.tokenizer = Objects.requireNonNull(tokenizer);
    this.preprocessor = Objects.requireNonNull(preprocessor);
    this.logitScale = logitScale;
  }

  @Override
  public final ImageEncoder imageEncoder() {
    return image;
  }

  @Override
  public final TextEncoder textEncoder() {
    return text;
  }

  @Override
  public final T tokenizer() {
    return tokenizer;
  }

  @Override
  public final ImagePreprocessor preprocessor() {
    return preprocessor;
  }

  @Override
  public final double logitScale() {
    return logitScale;
  }

  @Override
  public final Path weightsFile() {
    return weights;
  }

  @Override
  public final void close() {
    image.close();
    text.close();
  }
}
