package org.fairness4j.models;

import java.io.IOException;
import java.nio.file.Path;
import org.fairness4j.models.image.ImagePreprocessor;
import org.fairness4j.models.text.PromptTokenizer;

/**
 * A loaded CLIP-like model: an image and a text encoder into one embedding space, the tokenizer and
 * image preprocessing they were trained with, and the logit scale. Zero-shot classification,
 * embedding and the frozen-encoder strategies need nothing more, so they run on any of these.
 * {@link #load} tells the formats apart with the registered model families.
 */
public interface VisionLanguageCheckpoint extends AutoCloseable {
  /**
   * Returns the image encoder.
   *
   * @return the encoder
   */
  ImageEncoder imageEncoder();

  /**
   * Returns the text encoder.
   *
   * @return the encoder
   */
  TextEncoder textEncoder();

  /**
   * Returns the model's tokenizer, padded to the text encoder's context length.
   *
   * @return the tokenizer
   * @throws IOException if the tokenizer files are missing or malformed
   */
  PromptTokenizer tokenizer() throws IOException;

  /**
   * Returns the model's image preprocessing.
   *
   * @return the preprocessor
   * @throws IOException if its configuration is unreadable
   */
  ImagePreprocessor preprocessor() throws IOException;

  /**
   * Returns exp(logit_scale), the scale of the cosine similarities.
   *
   * @return the scale
   */
  double logitScale();

  /**
   * Returns the weight file (its digest keys embedding caches).
   *
   * @return the file
   */
  Path weightsFile();

  @Override
  void close();

  /**
   * Whether the encoder of this model directory can be trained (LoRA, full fine-tuning): every
   * format can (Hugging Face CLIP, open_clip timm ViT and modified ResNet, MedCLIP Swin and
   * ResNet-50, GLoRIA ResNet-50). LoRA needs attention projections, which the ResNet towers lack:
   * {@code AdaptationRunner.encoderRefusal} says so in one line.
   *
   * @param dir a model directory
   * @return true
   * @deprecated every format is trainable; use {@code AdaptationRunner.encoderRefusal} for the
   *     strategy-specific answer
   */
  @Deprecated
  static boolean encoderTrainable(Path dir) {
    return true;
  }

  /**
   * Loads a model directory with the first registered {@link
   * org.fairness4j.models.spi.VisionLanguageFamily family} that accepts it ({@link
   * org.fairness4j.models.spi.VisionLanguageFamilies#select}): an open_clip export ({@code
   * open_clip_config.json}, BiomedCLIP's layout), a MedCLIP export ({@code medclip_config.json}), a
   * GLoRIA export ({@code gloria_config.json}), a family registered on the class path, or else a
   * Hugging Face CLIP directory ({@code config.json}, {@code model.safetensors}; its loader names
   * the files a directory lacks).
   *
   * @param dir the directory
   * @return the model
   * @throws IOException if files are missing or unreadable, or the weights do not fit
   */
  static VisionLanguageCheckpoint load(Path dir) throws IOException {
    return org.fairness4j.models.spi.VisionLanguageFamilies.select(dir).load(dir);
  }
}
