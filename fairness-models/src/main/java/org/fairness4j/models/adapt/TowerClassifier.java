package org.fairness4j.models.adapt;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairness4j.models.nn.GradientGraphs;
import org.fairness4j.models.nn.GraphAdaptation;
import org.fairness4j.models.nn.TrainableTower;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An image tower of any family ({@link TrainableTowers}: open_clip timm ViT and modified ResNet,
 * MedCLIP's ResNet-50 and Swin) with a classification head, trained end to end with LoRA or full
 * fine-tuning in one SameDiff graph. The Hugging Face CLIP tower keeps {@link EncoderClassifier}.
 * BatchNorm layers of the tower train on batch statistics and predict on running statistics, as
 * PyTorch's {@code train()} and {@code eval()}.
 */
final class TowerClassifier implements TrainableClassifier {
  private final SameDiff sd = SameDiff.create();
  private final TrainableTower tower;
  private final HeadGraph head;
  private final LoraAdapter lora;
  private final Map<String, INDArray> params = new LinkedHashMap<>();
  private final Map<String, String> paramVars = new LinkedHashMap<>();
  private final double encoderLrScale;
  private final int classes;
  private boolean gradients;
  private Map<String, INDArray> dropPathMasks;

  /**
   * Builds the classifier.
   *
   * @param builder the family's tower
   * @param imageSize input height and width
   * @param adaptation a {@link LoraAdapter} or a full fine-tuning adaptation
   * @param lora the adapter, or null for full fine-tuning
   * @param encoderLrScale learning-rate multiplier of encoder weights (full fine-tuning)
   * @param kind the head
   * @param hidden the head's hidden width
   * @param classes classes
   * @param headWeights the head's weights ({@code head.*}), or null for a seeded new head
   * @param embeddingDim the tower's output width
   * @param seed the new head's seed
   * @throws IOException if the weights cannot be read
   */
  TowerClassifier(
      org.fairness4j.models.spi.TrainingTowerFactory builder,
      int imageSize,
      GraphAdaptation adaptation,
      LoraAdapter lora,
      double encoderLrScale,
      ClassifierHead.Kind kind,
      int hidden,
      int classes,
      Map<String, INDArray> headWeights,
      int embeddingDim,
      long seed)
      throws IOException {
    this.lora = lora;
    this.encoderLrScale = encoderLrScale;
    this.classes = classes;
    SDVariable pixels = sd.placeHolder("pixels", DataType.FLOAT, -1, 3, imageSize, imageSize);
    SDVariable labels = sd.placeHolder("labels", DataType.FLOAT, -1, classes);
    this.tower = builder.build(sd, adaptation, pixels);
    tower
        .trainable()
        .forEach(
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
    Map<String, INDArray> hw = headWeights;
    if (hw == null) {
      hw = new LinkedHashMap<>();
      for (Map.Entry<String, INDArray> e :
          ClassifierHead.create(kind, embeddingDim, hidden, classes, seed)
              .parameters()
              .entrySet()) {
        hw.put("head." + e.getKey(), e.getValue());
      }
    }
    sd.identity("image_embeds", tower.eval());
    // the evaluation forward of a BatchNorm tower is a second path sharing the head's variables
    this.head = new HeadGraph(sd, "head.", tower.train(), tower.eval(), kind, hidden, hw);
    params.putAll(head.params);
    paramVars.putAll(head.paramVars);
    sd.identity("eval_logits", head.eval);
    sd.nn().softmax("probabilities", head.eval, 1);
    HeadGraph.crossEntropy(sd, head.train, labels, "loss");
    sd.setLossVariables("loss");
  }

  @Override
  public Map<String, INDArray> parameters() {
    return params;
  }

  @Override
  public Map<String, INDArray> buffers() {
    Map<String, INDArray> b = new LinkedHashMap<>(head.buffers);
    for (TrainableTower.BatchNormStatistics s : tower.statistics()) {
      b.put(s.name() + ".running_mean", s.runningMean());
      b.put(s.name() + ".running_var", s.runningVar());
    }
    return b;
  }

  @Override
  public int classes() {
    return classes;
  }

  @Override
  public double learningRateScale(String parameter) {
    return parameter.startsWith("head.") || lora != null ? 1.0 : encoderLrScale;
  }

  /**
   * Returns the encoder's trained weights and BatchNorm running statistics by checkpoint name (full
   * fine-tuning; empty with LoRA): the live arrays.
   *
   * @return name to tensor
   */
  Map<String, INDArray> encoderWeights() {
    Map<String, INDArray> m = new LinkedHashMap<>();
    params.forEach(
        (k, v) -> {
          if (!k.startsWith("head.") && !k.contains(".lora_")) {
            m.put(k, v);
          }
        });
    if (lora == null) {
      for (TrainableTower.BatchNormStatistics s : tower.statistics()) {
        m.put(s.name() + ".running_mean", s.runningMean());
        m.put(s.name() + ".running_var", s.runningVar());
      }
    }
    return m;
  }

  /**
   * Returns the head's parameters and buffers ({@code head.*}).
   *
   * @return name to tensor
   */
  Map<String, INDArray> headWeights() {
    Map<String, INDArray> m = new LinkedHashMap<>(head.params);
    m.putAll(head.buffers);
    return m;
  }

  private Map<String, INDArray> placeholders(
      INDArray pixels, INDArray labels, long seed, boolean training) {
    Map<String, INDArray> ph = new LinkedHashMap<>();
    ph.put("pixels", pixels.castTo(DataType.FLOAT));
    if (labels != null) {
      ph.put("labels", labels.castTo(DataType.FLOAT));
    }
    ph.putAll(
        dropPathMasks != null && training
            ? dropPathMasks
            : tower.dropPathMasks(pixels.size(0), seed, training));
    if (lora != null && !lora.dropoutInputs().isEmpty()) {
      if (tower.loraRows() < 0) {
        throw new IllegalStateException("LoRA dropout needs a tower with one token count");
      }
      ph.putAll(lora.dropoutMasks(pixels.size(0) * tower.loraRows(), seed, training));
    }
    return ph;
  }

  /**
   * A training step with given stochastic depth masks (for parity with PyTorch's draws).
   *
   * @param input images
   * @param labels one-hot labels
   * @param masks placeholder name to mask [batch, 1, 1]
   * @return loss and gradients
   */
  Step trainStep(INDArray input, INDArray labels, Map<String, INDArray> masks) {
    this.dropPathMasks = masks;
    try {
      return trainStep(input, labels, 0);
    } finally {
      this.dropPathMasks = null;
    }
  }

  @Override
  public Step trainStep(INDArray input, INDArray labels, long seed) {
    if (!gradients) {
      GradientGraphs.create(sd);
      gradients = true;
    }
    List<String> outputs = new ArrayList<>(List.of("loss"));
    outputs.addAll(head.statisticsOutputs());
    outputs.addAll(tower.statisticsOutputs());
    OutAndGrad r =
        sd.calculateGradientsAndOutputs(
            placeholders(input, labels, seed, true), outputs, paramVars.values());
    Map<String, INDArray> grads = new LinkedHashMap<>();
    paramVars.forEach((k, v) -> grads.put(k, r.getGradients().get(v)));
    head.updateRunningStatistics(r.getOutputs(), input.size(0));
    tower.updateRunningStatistics(r.getOutputs());
    return new Step(r.getOutputs().get("loss").getDouble(0), grads);
  }

  @Override
  public INDArray probabilities(INDArray input) {
    return sd.output(placeholders(input, null, 0, false), "probabilities").get("probabilities");
  }

  @Override
  public INDArray[] logitsAndProbabilities(INDArray input) {
    Map<String, INDArray> o =
        sd.output(placeholders(input, null, 0, false), "eval_logits", "probabilities");
    return new INDArray[] {o.get("eval_logits"), o.get("probabilities")};
  }

  /**
   * Returns the embeddings the head sees in evaluation mode.
   *
   * @param pixels preprocessed images
   * @return embeddings [batch, dim]
   */
  INDArray embeddings(INDArray pixels) {
    return sd.output(placeholders(pixels, null, 0, false), "image_embeds").get("image_embeds");
  }
}
