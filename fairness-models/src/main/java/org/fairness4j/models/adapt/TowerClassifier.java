package org.fairness4j.models.adapt;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairness4j.models.nn.GraphAdaptation;
import org.fairness4j.models.nn.TrainableTower;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An image tower of any family ({@link TrainableTowers}: open_clip timm ViT and modified ResNet,
 * MedCLIP's ResNet-50 and Swin) with a classification head, trained end to end with LoRA or full
 * fine-tuning in one SameDiff graph. The Hugging Face CLIP tower keeps {@link EncoderClassifier}.
 * BatchNorm layers of the tower train on batch statistics and predict on running statistics, as
 * PyTorch's {@code train()} and {@code eval()}.
 */
final class TowerClassifier extends GraphClassifier {
  private final TrainableTower tower;
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
    super(lora, encoderLrScale, classes);
    SDVariable pixels = sd.placeHolder("pixels", DataType.FLOAT, -1, 3, imageSize, imageSize);
    SDVariable labels = sd.placeHolder("labels", DataType.FLOAT, -1, classes);
    this.tower = builder.build(sd, adaptation, pixels);
    addEncoderParameters(tower.trainable());
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
    attachHead(new HeadGraph(sd, "head.", tower.train(), tower.eval(), kind, hidden, hw));
    sd.identity("eval_logits", head.eval);
    sd.nn().softmax("probabilities", head.eval, 1);
    HeadGraph.crossEntropy(sd, head.train, labels, "loss");
    sd.setLossVariables("loss");
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

  /**
   * Returns the encoder's trained weights and BatchNorm running statistics by checkpoint name (full
   * fine-tuning; empty with LoRA): the live arrays.
   *
   * @return name to tensor
   */
  Map<String, INDArray> encoderWeights() {
    Map<String, INDArray> m = encoderParameters();
    if (lora == null) {
      for (TrainableTower.BatchNormStatistics s : tower.statistics()) {
        m.put(s.name() + ".running_mean", s.runningMean());
        m.put(s.name() + ".running_var", s.runningVar());
      }
    }
    return m;
  }

  @Override
  Map<String, INDArray> placeholders(
      INDArray pixels, INDArray labels, long seed, boolean training) {
    Map<String, INDArray> ph = inputs(pixels, labels);
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
  List<String> encoderStatisticsOutputs() {
    return tower.statisticsOutputs();
  }

  @Override
  void updateEncoderStatistics(Map<String, INDArray> outputs) {
    tower.updateRunningStatistics(outputs);
  }

  @Override
  String logitsName() {
    return "eval_logits";
  }
}
