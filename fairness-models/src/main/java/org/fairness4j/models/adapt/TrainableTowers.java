package org.fairness4j.models.adapt;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fairness4j.models.clip.ClipFamily;
import org.fairness4j.models.nn.GraphAdaptation;
import org.fairness4j.models.spi.TrainingTowerFactory;
import org.fairness4j.models.spi.VisionLanguageFamilies;
import org.fairness4j.models.spi.VisionLanguageFamily;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The image towers other than Hugging Face CLIP's, made trainable: the {@link VisionLanguageFamily}
 * of a model directory (its training tower, whether LoRA applies and with which targets), and a
 * {@link TowerClassifier} for LoRA or full fine-tuning. The built-in families:
 *
 * <table>
 *   <caption>Families</caption>
 *   <tr><th>family</th><th>full fine-tuning</th><th>LoRA targets (peft module names)</th></tr>
 *   <tr><td>open_clip timm ViT (BiomedCLIP)</td><td>yes</td><td>{@code attn.qkv} (QKV_FUSED),
 *       {@code attn.proj}, {@code mlp.fc1}, {@code mlp.fc2}</td></tr>
 *   <tr><td>open_clip modified ResNet (CLIP RN50...)</td><td>yes, BatchNorm in training
 *       mode</td><td>none</td></tr>
 *   <tr><td>MedCLIP Swin-T</td><td>yes</td><td>{@code attention.self.query}, {@code key},
 *       {@code value} (QKV_FUSED means these three), {@code attention.output.dense}, {@code
 *       intermediate.dense}, {@code output.dense}</td></tr>
 *   <tr><td>MedCLIP ResNet-50</td><td>yes, BatchNorm in training mode</td><td>none</td></tr>
 *   <tr><td>GLoRIA ResNet-50</td><td>yes, BatchNorm in training mode</td><td>none</td></tr>
 * </table>
 */
final class TrainableTowers {
  private TrainableTowers() {}

  /**
   * The family of a model directory ({@link VisionLanguageFamilies#select}, the one place that
   * decides it).
   *
   * @param dir a model directory
   * @return the family
   */
  static VisionLanguageFamily family(Path dir) {
    return VisionLanguageFamilies.select(dir);
  }

  /**
   * Whether a directory trains through this class: every family but Hugging Face CLIP, which {@link
   * EncoderClassifier} trains (a family without a training tower is refused by {@link #refusal}).
   *
   * @param dir a model directory
   * @return false for Hugging Face CLIP only
   */
  static boolean handles(Path dir) {
    return !(family(dir) instanceof ClipFamily);
  }

  /**
   * Why a family cannot be trained with a strategy, in one line, or null if it can.
   *
   * @param dir a model directory
   * @param strategy LoRA or full fine-tuning
   * @param lora the LoRA configuration
   * @return the reason, or null
   * @throws IOException if the configuration cannot be read
   */
  static String refusal(Path dir, AdaptationStrategy strategy, LoraConfig lora) throws IOException {
    VisionLanguageFamily f = family(dir);
    if (f instanceof ClipFamily) {
      return null;
    }
    if (f.trainingTower(dir).isEmpty()) {
      return dir
          + ": model family "
          + f.name()
          + " has no training tower; use a frozen-encoder strategy";
    }
    return strategy == AdaptationStrategy.LORA ? f.loraRefusal(dir, lora) : null;
  }

  /**
   * The LoRA configuration a family trains ({@link VisionLanguageFamily#loraConfig}): on Swin,
   * whose query, key and value are separate modules, the fused target means those three.
   *
   * @param dir a model directory
   * @param lora the requested configuration
   * @return the configuration to build
   * @throws IOException if the configuration cannot be read
   */
  static LoraConfig forFamily(Path dir, LoraConfig lora) throws IOException {
    return family(dir).loraConfig(dir, lora);
  }

  /**
   * The family's tower builder.
   *
   * @param dir a model directory whose family has a training tower
   * @return the builder
   * @throws IllegalArgumentException if the family has none
   */
  static TrainingTowerFactory builder(Path dir) {
    VisionLanguageFamily f = family(dir);
    return f.trainingTower(dir)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    dir + ": model family " + f.name() + " has no training tower"));
  }

  /**
   * Every tower weight trainable: everything the builders take except BatchNorm's running
   * statistics (buffers) and the relative position indices.
   */
  static final GraphAdaptation ALL =
      new GraphAdaptation() {
        @Override
        public boolean trainable(String name) {
          return !name.endsWith(".running_mean")
              && !name.endsWith(".running_var")
              && !name.endsWith("relative_position_index");
        }
      };

  /**
   * Trains LoRA or full fine-tuning on a tower of this class's families and predicts the test
   * split; writes {@code head.safetensors} and the adapter ({@code adapter.safetensors} and the
   * peft directory {@code adapter/}) or {@code encoder.safetensors} (weights and BatchNorm running
   * statistics by checkpoint name) under {@code out}.
   */
  static org.fairness4j.core.prediction.ProbabilityTable run(
      AdaptationStrategy strategy,
      Path dir,
      org.fairness4j.core.table.ClassLabels classes,
      AdaptationRunner.Split train,
      AdaptationRunner.Split validation,
      AdaptationRunner.Split test,
      Path out,
      AdaptationTrainer trainer,
      Settings s)
      throws IOException {
    String refusal = refusal(dir, strategy, s.lora());
    if (refusal != null) {
      throw new IllegalArgumentException(refusal);
    }
    org.fairness4j.models.image.ImagePreprocessor pre;
    int size;
    int dim;
    try (org.fairness4j.models.VisionLanguageCheckpoint m =
        org.fairness4j.models.VisionLanguageCheckpoint.load(dir)) {
      pre = m.preprocessor();
      size = m.imageEncoder().imageSize();
      dim = m.imageEncoder().embeddingDim();
    }
    boolean lora = strategy == AdaptationStrategy.LORA;
    LoraAdapter adapter = lora ? LoraAdapter.create(forFamily(dir, s.lora()), s.seed()) : null;
    TowerClassifier model =
        new TowerClassifier(
            builder(dir),
            size,
            lora ? adapter : ALL,
            adapter,
            s.encoderLrScale(),
            s.head(),
            s.hidden(),
            classes.size(),
            null,
            dim,
            s.seed());
    AdaptationData tr =
        new ImageFolderData(train.images(), train.labels(), pre, s.augmentation(), true);
    AdaptationData va =
        validation == null
            ? null
            : new ImageFolderData(validation.images(), validation.labels(), pre, null, true);
    trainer.train(model, tr, va);
    Map<String, String> meta = s.meta();
    org.fairness4j.models.weights.SafetensorsWriter.write(
        out.resolve("head.safetensors"), model.headWeights(), meta);
    if (lora) {
      Map<String, INDArray> tensors = new LinkedHashMap<>(model.parameters());
      tensors.keySet().removeIf(n -> n.startsWith("head."));
      LoraAdapter trained = LoraAdapter.of(adapter.config(), tensors);
      trained.save(out.resolve("adapter.safetensors"));
      PeftAdapters.write(trained, out.resolve("adapter"), dir.toAbsolutePath().toString());
    } else {
      org.fairness4j.models.weights.SafetensorsWriter.write(
          out.resolve("encoder.safetensors"), model.encoderWeights(), meta);
    }
    return ClassifierPredictor.predict(
        model,
        new ImageFolderData(test.images(), test.labels(), pre, null, false),
        test.ids(),
        classes);
  }

  /**
   * The runner's settings a tower run needs.
   *
   * @param lora LoRA configuration
   * @param seed head and adapter seed
   * @param encoderLrScale encoder learning-rate multiplier (full fine-tuning)
   * @param head the head
   * @param hidden the head's hidden width
   * @param augmentation training augmentation, or null
   * @param meta metadata of the written files
   */
  record Settings(
      LoraConfig lora,
      long seed,
      double encoderLrScale,
      ClassifierHead.Kind head,
      int hidden,
      org.fairness4j.models.image.ImageAugmentation augmentation,
      Map<String, String> meta) {}
}
