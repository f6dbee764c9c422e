package org.fairness4j.models.adapt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairness4j.models.nn.GradientGraphs;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What {@link EncoderClassifier} and {@link TowerClassifier} share: an image encoder and a {@link
 * HeadGraph} in one SameDiff graph with placeholders {@code pixels} and {@code labels} and outputs
 * {@code image_embeds}, {@code probabilities} and {@code loss}; the trainable parameters (encoder,
 * LoRA adapter, head, in that order), the training step and the predictions. Subclasses build the
 * graph in their constructors and name its placeholders' values.
 */
abstract class GraphClassifier implements TrainableClassifier {
  final SameDiff sd = SameDiff.create();
  final LoraAdapter lora;
  final Map<String, INDArray> params = new LinkedHashMap<>();
  final Map<String, String> paramVars = new LinkedHashMap<>();
  HeadGraph head;
  private final double encoderLrScale;
  private final int classes;
  private boolean gradients;

  GraphClassifier(LoraAdapter lora, double encoderLrScale, int classes) {
    this.lora = lora;
    this.encoderLrScale = encoderLrScale;
    this.classes = classes;
  }

  /** Registers the encoder's trainable weights, then the adapter's A and B (if any). */
  final void addEncoderParameters(Map<String, SDVariable> trainable) {
    trainable.forEach(
        (k, v) -> {
          params.put(k, v.getArr());
          paramVars.put(k, v.name());
        });
    if (lora != null) {
      lora.variables()
          .forEach(
              (k, v) -> {
                params.put(k, sd.getArrForVarName(v));
                paramVars.put(k, v);
              });
    }
  }

  /** Sets the head and registers its parameters. */
  final void attachHead(HeadGraph h) {
    this.head = h;
    params.putAll(h.params);
    paramVars.putAll(h.paramVars);
  }

  /** The placeholders' values for a batch (labels null when predicting). */
  /**
   * The graph's inputs as float: {@code pixels}, and {@code labels} when given; a mutable map for
   * {@link #placeholders} to add its masks to.
   */
  static Map<String, INDArray> inputs(INDArray pixels, INDArray labels) {
    Map<String, INDArray> ph = new LinkedHashMap<>();
    ph.put("pixels", pixels.castTo(DataType.FLOAT));
    if (labels != null) {
      ph.put("labels", labels.castTo(DataType.FLOAT));
    }
    return ph;
  }

  abstract Map<String, INDArray> placeholders(
      INDArray pixels, INDArray labels, long seed, boolean training);

  /** The graph output holding the evaluation logits. */
  abstract String logitsName();

  /** Outputs of the encoder's batch statistics that a training step must compute (none). */
  List<String> encoderStatisticsOutputs() {
    return List.of();
  }

  /** Updates the encoder's running statistics from a training step's outputs (nothing). */
  void updateEncoderStatistics(Map<String, INDArray> outputs) {}

  @Override
  public final Map<String, INDArray> parameters() {
    return params;
  }

  @Override
  public final int classes() {
    return classes;
  }

  @Override
  public final double learningRateScale(String parameter) {
    return ParameterNames.learningRateScale(parameter, lora != null, encoderLrScale);
  }

  /** The trainable encoder weights (full fine-tuning; empty with LoRA): the live arrays. */
  final Map<String, INDArray> encoderParameters() {
    return ParameterNames.encoderWeights(params);
  }

  /**
   * Returns the head's parameters and buffers (names {@code head.*}).
   *
   * @return name to tensor
   */
  public final Map<String, INDArray> headWeights() {
    Map<String, INDArray> m = new LinkedHashMap<>(head.params);
    m.putAll(head.buffers);
    return m;
  }

  @Override
  public Step trainStep(INDArray input, INDArray labels, long seed) {
    if (!gradients) {
      GradientGraphs.create(sd);
      gradients = true;
    }
    List<String> outputs = new ArrayList<>(List.of("loss"));
    outputs.addAll(head.statisticsOutputs());
    outputs.addAll(encoderStatisticsOutputs());
    OutAndGrad r =
        sd.calculateGradientsAndOutputs(
            placeholders(input, labels, seed, true), outputs, paramVars.values());
    Map<String, INDArray> grads = new LinkedHashMap<>();
    paramVars.forEach((k, v) -> grads.put(k, r.getGradients().get(v)));
    head.updateRunningStatistics(r.getOutputs(), input.size(0));
    updateEncoderStatistics(r.getOutputs());
    return new Step(r.getOutputs().get("loss").getDouble(0), grads);
  }

  @Override
  public final INDArray probabilities(INDArray input) {
    return sd.output(placeholders(input, null, 0, false), "probabilities").get("probabilities");
  }

  @Override
  public final INDArray[] logitsAndProbabilities(INDArray input) {
    String logits = logitsName();
    Map<String, INDArray> o =
        sd.output(placeholders(input, null, 0, false), logits, "probabilities");
    return new INDArray[] {o.get(logits), o.get("probabilities")};
  }

  /**
   * Returns the image embeddings the head sees (evaluation mode).
   *
   * @param pixels preprocessed images
   * @return embeddings [batch, dim]
   */
  public final INDArray embeddings(INDArray pixels) {
    return sd.output(placeholders(pixels, null, 0, false), "image_embeds").get("image_embeds");
  }
}
