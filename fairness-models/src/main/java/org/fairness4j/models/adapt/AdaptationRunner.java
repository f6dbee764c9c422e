package org.fairness4j.models.adapt;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fairness4j.core.prediction.ProbabilityTable;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.models.embed.ProgressListener;
import org.fairness4j.models.image.ImageAugmentation;
import org.fairness4j.models.image.ImagePreprocessor;
import org.fairness4j.models.weights.SafetensorsWriter;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs one adaptation strategy on a CLIP model: embeds the images (cached) and trains a head for
 * the frozen strategies, or trains LoRA / the whole encoder with a head on the images; then
 * predicts the test split. Writes the trained weights, the training log and the checkpoint under an
 * output directory; with {@code resume}, an interrupted run continues from its checkpoint.
 */
public final class AdaptationRunner {
  /**
   * Labelled images of one split.
   *
   * @param images image files
   * @param labels class index per image
   * @param ids id per image (e.g. the file name)
   */
  public record Split(List<Path> images, int[] labels, List<String> ids) {
    /**
     * Checks sizes and copies.
     *
     * @param images images
     * @param labels labels
     * @param ids ids
     */
    public Split {
      images = List.copyOf(images);
      labels = labels.clone();
      ids = List.copyOf(ids);
      if (images.size() != labels.length || ids.size() != labels.length) {
        throw new IllegalArgumentException("images, labels and ids differ in number");
      }
    }
  }

  private final AdaptationTrainer trainer;
  private final int hidden;
  private final ClassifierHead.Kind encoderHead;
  private final LoraConfig lora;
  private final double encoderLrScale;
  private final ImageAugmentation augmentation;
  private final int embedBatch;
  private final Path cacheDir;
  private final long seed;
  private final EncoderTrainingPath encoderPath;
  private final boolean checkpointing;

  private AdaptationRunner(Builder b) {
    this.trainer = b.trainer;
    this.hidden = b.hidden;
    this.encoderHead = b.encoderHead;
    this.lora = b.lora;
    this.encoderLrScale = b.encoderLrScale;
    this.augmentation = b.augmentation;
    this.embedBatch = b.embedBatch;
    this.cacheDir = b.cacheDir;
    this.seed = b.seed;
    this.encoderPath = b.encoderPath;
    this.checkpointing = b.checkpointing;
  }

  /**
   * Returns a builder.
   *
   * @param trainer the trainer (epochs, optimizer, schedule, early stopping); each run trains with
   *     it writing checkpoints into {@code <out>/checkpoint} and telling the request's listener
   * @return a builder
   */
  public static Builder builder(AdaptationTrainer trainer) {
    return new Builder(trainer);
  }

  /**
   * Returns a builder.
   *
   * @param trainer the trainer's builder, built now
   * @return a builder
   * @deprecated use {@link #builder(AdaptationTrainer)} with {@code trainer.build()}; the runner no
   *     longer keeps (and changes) the builder
   */
  @Deprecated(forRemoval = true)
  public static Builder builder(AdaptationTrainer.Builder trainer) {
    return new Builder(trainer.build());
  }

  /**
   * Trains with a strategy and predicts the test split.
   *
   * @param strategy the strategy
   * @param clipDir the model directory
   * @param classes class labels (index order)
   * @param train training split
   * @param validation validation split, or null
   * @param test the split to predict
   * @param out where weights, log and checkpoint go
   * @param resume whether to continue from a checkpoint in {@code out}
   * @param listener training progress
   * @param embedding embedding progress (frozen strategies), or null
   * @return the test predictions
   * @throws IOException if an image, the model or a checkpoint cannot be read or written
   * @deprecated use {@link #run(AdaptationRequest)} with the same arguments
   */
  @Deprecated(forRemoval = true)
  public ProbabilityTable run(
      AdaptationStrategy strategy,
      Path clipDir,
      ClassLabels classes,
      Split train,
      Split validation,
      Split test,
      Path out,
      boolean resume,
      AdaptationListener listener,
      ProgressListener embedding)
      throws IOException {
    return run(
        new AdaptationRequest(
            strategy, clipDir, classes, train, validation, test, out, resume, listener, embedding));
  }

  /**
   * Trains with the request's strategy and predicts its test split; writes the trained weights, the
   * log and the checkpoint under its output directory.
   *
   * @param request the run
   * @return the test predictions
   * @throws IOException if an image, the model or a checkpoint cannot be read or written
   */
  public ProbabilityTable run(AdaptationRequest request) throws IOException {
    AdaptationStrategy strategy = request.strategy();
    Path clipDir = request.modelDir();
    ClassLabels classes = request.classes();
    Split train = request.train();
    Split validation = request.validation();
    Split test = request.test();
    Path out = request.out();
    AdaptationTrainer t =
        trainer
            .withCheckpoints(out.resolve("checkpoint"), request.resume())
            .withListener(request.listener());
    int k = classes.size();
    if (strategy.frozenEncoder()) {
      return FrozenEncoderRun.run(request, t, hidden, seed, embedBatch, cacheDir, meta(strategy));
    }
    if (TrainableTowers.handles(clipDir)) {
      return TrainableTowers.run(
          strategy,
          clipDir,
          classes,
          train,
          validation,
          test,
          out,
          t,
          new TrainableTowers.Settings(
              lora, seed, encoderLrScale, encoderHead, hidden, augmentation, meta(strategy)));
    }
    ImagePreprocessor pre = ImagePreprocessor.forModel(clipDir, imageSize(clipDir));
    if (strategy == AdaptationStrategy.LORA && !lora.blocks().isEmpty()) {
      int layers =
          org.fairness4j.models.clip.ClipConfig.read(clipDir.resolve("config.json"))
              .vision()
              .layers();
      if (lora.blocks().last() >= layers) {
        throw new IllegalArgumentException(
            "LoRA block "
                + lora.blocks().last()
                + " does not exist: the image encoder has "
                + layers
                + " blocks (0.."
                + (layers - 1)
                + ")");
      }
    }
    EncoderModel encoder =
        EncoderModel.create(
            encoderPath,
            clipDir,
            strategy == AdaptationStrategy.LORA ? LoraAdapter.create(lora, seed) : null,
            encoderLrScale,
            encoderHead,
            hidden,
            k,
            seed,
            checkpointing);
    TrainableClassifier model = encoder.classifier();
    AdaptationData tr =
        new ImageFolderData(train.images(), train.labels(), pre, augmentation, true);
    AdaptationData va =
        validation == null
            ? null
            : new ImageFolderData(validation.images(), validation.labels(), pre, null, true);
    t.train(model, tr, va);
    SafetensorsWriter.write(
        out.resolve("head.safetensors"), encoder.headWeights().get(), meta(strategy));
    if (strategy == AdaptationStrategy.LORA) {
      Map<String, INDArray> adapter = new LinkedHashMap<>(model.parameters());
      adapter.keySet().removeIf(n -> n.startsWith("head."));
      LoraAdapter trained = LoraAdapter.of(lora, adapter);
      trained.save(out.resolve("adapter.safetensors"));
      PeftAdapters.write(trained, out.resolve("adapter"), clipDir.toAbsolutePath().toString());
    } else {
      SafetensorsWriter.write(
          out.resolve("encoder.safetensors"), encoder.encoderWeights().get(), meta(strategy));
    }
    return ClassifierPredictor.predict(
        model,
        new ImageFolderData(test.images(), test.labels(), pre, null, false),
        test.ids(),
        classes);
  }

  /**
   * Why a model directory's encoder cannot be trained with a strategy, in one line naming the
   * directory, or null if it can (always null for the frozen-encoder strategies): a model family
   * without a training tower is not trainable; LoRA needs attention projections, which the ResNet
   * towers lack ({@link org.fairness4j.models.spi.VisionLanguageFamily#loraRefusal}).
   *
   * @param dir a model directory
   * @param strategy the strategy
   * @param lora the LoRA configuration
   * @return the reason, or null
   * @throws IOException if the model's configuration cannot be read
   */
  public static String encoderRefusal(Path dir, AdaptationStrategy strategy, LoraConfig lora)
      throws IOException {
    return strategy.frozenEncoder() ? null : TrainableTowers.refusal(dir, strategy, lora);
  }

  private static int imageSize(Path clipDir) throws IOException {
    return org.fairness4j.models.clip.ClipConfig.read(clipDir.resolve("config.json"))
        .vision()
        .positions();
  }

  private Map<String, String> meta(AdaptationStrategy s) {
    Map<String, String> m = new LinkedHashMap<>(); // fixed order: byte-identical files per run
    m.put("strategy", s.key());
    m.put("hidden", Integer.toString(hidden));
    m.put("seed", Long.toString(seed));
    return m;
  }

  /** Configures an {@link AdaptationRunner}. */
  public static final class Builder {
    private final AdaptationTrainer trainer;
    private int hidden = 1024;
    private ClassifierHead.Kind encoderHead = ClassifierHead.Kind.LINEAR;
    private LoraConfig lora = LoraConfig.authors();
    private double encoderLrScale = 1.0;
    private ImageAugmentation augmentation;
    private int embedBatch = 16;
    private Path cacheDir;
    private long seed;
    private EncoderTrainingPath encoderPath = EncoderTrainingPath.defaultPath();
    private boolean checkpointing;

    private Builder(AdaptationTrainer trainer) {
      this.trainer = Objects.requireNonNull(trainer);
    }

    /**
     * Sets the hidden width of the two-layer heads (default 1024, as the study).
     *
     * @param hidden the width
     * @return this builder
     */
    public Builder hidden(int hidden) {
      this.hidden = hidden;
      return this;
    }

    /**
     * Sets the head trained with LoRA and full fine-tuning (default a single linear layer).
     *
     * @param kind the head
     * @return this builder
     */
    public Builder encoderHead(ClassifierHead.Kind kind) {
      this.encoderHead = Objects.requireNonNull(kind);
      return this;
    }

    /**
     * Sets the LoRA configuration (default {@link LoraConfig#authors()}).
     *
     * @param config the configuration
     * @return this builder
     */
    public Builder lora(LoraConfig config) {
      this.lora = Objects.requireNonNull(config);
      return this;
    }

    /**
     * Sets the learning-rate multiplier of encoder weights in full fine-tuning (default 1).
     *
     * @param scale the multiplier
     * @return this builder
     */
    public Builder encoderLrScale(double scale) {
      this.encoderLrScale = scale;
      return this;
    }

    /**
     * Sets training augmentation for the image strategies (default none).
     *
     * @param augmentation the augmentation, or null
     * @return this builder
     */
    public Builder augmentation(ImageAugmentation augmentation) {
      this.augmentation = augmentation;
      return this;
    }

    /**
     * Sets the embedding batch size and cache directory for the frozen strategies.
     *
     * @param batch images per forward pass
     * @param cacheDir cache directory, or null
     * @return this builder
     */
    public Builder embedding(int batch, Path cacheDir) {
      this.embedBatch = batch;
      this.cacheDir = cacheDir;
      return this;
    }

    /**
     * Sets the seed of the head and adapter initialisation.
     *
     * @param seed the seed
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Sets how LoRA and full fine-tuning train the encoder (default {@link
     * EncoderTrainingPath#defaultPath()}: eager on ND4J's CPU backend, the graph elsewhere).
     *
     * @param path eager or graph
     * @return this builder
     */
    public Builder encoderPath(EncoderTrainingPath path) {
      this.encoderPath = Objects.requireNonNull(path);
      return this;
    }

    /**
     * Turns on gradient checkpointing for the eager path (keeps only each block's input during the
     * forward pass and recomputes the block during backward: less memory, about one more forward
     * pass of time).
     *
     * @param on whether to checkpoint
     * @return this builder
     */
    public Builder gradientCheckpointing(boolean on) {
      this.checkpointing = on;
      return this;
    }

    /**
     * Builds the runner.
     *
     * @return the runner
     */
    public AdaptationRunner build() {
      return new AdaptationRunner(this);
    }
  }
}
