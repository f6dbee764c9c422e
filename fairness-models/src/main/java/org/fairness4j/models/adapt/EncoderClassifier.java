package org.fairness4j.models.adapt;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fairness4j.models.clip.ClipConfig;
import org.fairness4j.models.clip.ClipVisionGraph;
import org.fairness4j.models.nn.GraphAdaptation;
import org.fairness4j.models.nn.WeightSet;
import org.fairness4j.models.weights.SafetensorsFile;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A CLIP image encoder with a classification head, trained end to end: with a {@link LoraAdapter}
 * (only A, B and the head train) or fully fine-tuned (every vision weight trains, optionally at a
 * lower learning rate). Inputs are preprocessed pixels [batch, 3, size, size].
 */
public final class EncoderClassifier extends GraphClassifier {
  private final ClipConfig config;
  private final long tokens;

  private EncoderClassifier(
      Path clipDir,
      GraphAdaptation adaptation,
      LoraAdapter lora,
      double encoderLrScale,
      ClassifierHead.Kind kind,
      int hidden,
      int classes,
      Map<String, INDArray> headWeights)
      throws IOException {
    super(lora, encoderLrScale, classes);
    this.config = ClipConfig.read(clipDir.resolve("config.json"));
    ClipConfig.Tower t = config.vision();
    long g = t.positions() / t.vocabOrPatch();
    this.tokens = g * g + 1;
    SDVariable pixels =
        sd.placeHolder("pixels", DataType.FLOAT, -1, t.channels(), t.positions(), t.positions());
    SDVariable labels = sd.placeHolder("labels", DataType.FLOAT, -1, classes);
    ClipVisionGraph vision;
    try (SafetensorsFile f = SafetensorsFile.open(clipDir.resolve("model.safetensors"))) {
      WeightSet w = new WeightSet(f);
      vision = ClipVisionGraph.build(sd, config, w, adaptation, pixels, "image_embeds");
      w.requireFinite();
    }
    addEncoderParameters(vision.trainableWeights());
    Map<String, INDArray> hw =
        headWeights != null
            ? headWeights
            : prefixed(ClassifierHead.create(kind, config.projectionDim(), hidden, classes, 0));
    attachHead(new HeadGraph(sd, "head.", vision.embeddings(), kind, hidden, hw));
    sd.nn().softmax("probabilities", head.eval, 1);
    HeadGraph.crossEntropy(sd, head.train, labels, "loss");
    sd.setLossVariables("loss");
  }

  private static Map<String, INDArray> prefixed(ClassifierHead h) {
    Map<String, INDArray> m = new LinkedHashMap<>();
    h.parameters().forEach((k, v) -> m.put("head." + k, v));
    return m;
  }

  /**
   * The encoder with a LoRA adapter and a new head (PyTorch initialisation, seeded).
   *
   * @param clipDir a Hugging Face CLIP directory
   * @param adapter the adapter (new or loaded)
   * @param kind the head
   * @param hidden the head's hidden width
   * @param classes classes
   * @param seed the head's seed
   * @return the classifier
   * @throws IOException if the model cannot be read
   */
  public static EncoderClassifier lora(
      Path clipDir,
      LoraAdapter adapter,
      ClassifierHead.Kind kind,
      int hidden,
      int classes,
      long seed)
      throws IOException {
    ClipConfig c = ClipConfig.read(clipDir.resolve("config.json"));
    return new EncoderClassifier(
        clipDir,
        adapter,
        adapter,
        1.0,
        kind,
        hidden,
        classes,
        headWeights(kind, c, hidden, classes, seed));
  }

  /**
   * The encoder with a LoRA adapter and given head weights (names {@code head.fc1.weight}, ...).
   *
   * @param clipDir a Hugging Face CLIP directory
   * @param adapter the adapter
   * @param kind the head
   * @param hidden the head's hidden width
   * @param classes classes
   * @param headWeights the head's weights
   * @return the classifier
   * @throws IOException if the model cannot be read
   */
  public static EncoderClassifier lora(
      Path clipDir,
      LoraAdapter adapter,
      ClassifierHead.Kind kind,
      int hidden,
      int classes,
      Map<String, INDArray> headWeights)
      throws IOException {
    return new EncoderClassifier(
        clipDir, adapter, adapter, 1.0, kind, hidden, classes, headWeights);
  }

  /**
   * The encoder with every vision weight trainable and a new head.
   *
   * @param clipDir a Hugging Face CLIP directory
   * @param encoderLrScale learning-rate multiplier of the encoder's weights (e.g. 0.1)
   * @param kind the head
   * @param hidden the head's hidden width
   * @param classes classes
   * @param seed the head's seed
   * @return the classifier
   * @throws IOException if the model cannot be read
   */
  public static EncoderClassifier fullFineTuning(
      Path clipDir,
      double encoderLrScale,
      ClassifierHead.Kind kind,
      int hidden,
      int classes,
      long seed)
      throws IOException {
    ClipConfig c = ClipConfig.read(clipDir.resolve("config.json"));
    GraphAdaptation all =
        new GraphAdaptation() {
          @Override
          public boolean trainable(String name) {
            return name.startsWith("vision_model.") || name.startsWith("visual_projection.");
          }
        };
    return new EncoderClassifier(
        clipDir,
        all,
        null,
        encoderLrScale,
        kind,
        hidden,
        classes,
        headWeights(kind, c, hidden, classes, seed));
  }

  /**
   * The encoder with every vision weight trainable and given head weights ({@code head.*}).
   *
   * @param clipDir a Hugging Face CLIP directory
   * @param encoderLrScale learning-rate multiplier of the encoder's weights
   * @param kind the head
   * @param hidden the head's hidden width
   * @param classes classes
   * @param headWeights the head's weights
   * @return the classifier
   * @throws IOException if the model cannot be read
   */
  public static EncoderClassifier fullFineTuning(
      Path clipDir,
      double encoderLrScale,
      ClassifierHead.Kind kind,
      int hidden,
      int classes,
      Map<String, INDArray> headWeights)
      throws IOException {
    return new EncoderClassifier(
        clipDir, ALL_VISION, null, encoderLrScale, kind, hidden, classes, headWeights);
  }

  private static final GraphAdaptation ALL_VISION =
      new GraphAdaptation() {
        @Override
        public boolean trainable(String name) {
          return name.startsWith("vision_model.") || name.startsWith("visual_projection.");
        }
      };

  private static Map<String, INDArray> headWeights(
      ClassifierHead.Kind kind, ClipConfig c, int hidden, int classes, long seed) {
    return prefixed(ClassifierHead.create(kind, c.projectionDim(), hidden, classes, seed));
  }

  @Override
  public Map<String, INDArray> buffers() {
    return head.buffers;
  }

  /**
   * Returns the encoder weights that were trained (full fine-tuning), by checkpoint name: the live
   * arrays, to save or to load as overrides into a {@code ClipCheckpoint}.
   *
   * @return name to weight (empty with LoRA)
   */
  public Map<String, INDArray> encoderWeights() {
    return encoderParameters();
  }

  @Override
  Map<String, INDArray> placeholders(
      INDArray pixels, INDArray labels, long seed, boolean training) {
    Map<String, INDArray> ph = inputs(pixels, labels);
    if (lora != null) {
      ph.putAll(lora.dropoutMasks(pixels.size(0) * tokens, seed, training));
    }
    return ph;
  }

  @Override
  String logitsName() {
    return head.eval.name();
  }
}
