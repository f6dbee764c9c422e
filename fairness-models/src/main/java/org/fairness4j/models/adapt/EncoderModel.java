package org.fairness4j.models.adapt;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.fairness4j.models.train.EagerVitClassifier;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An encoder with a head, trained by LoRA or full fine-tuning on one {@link EncoderTrainingPath}:
 * the classifier and what a run saves from it afterwards.
 */
record EncoderModel(
    TrainableClassifier classifier,
    Supplier<Map<String, INDArray>> headWeights,
    Supplier<Map<String, INDArray>> encoderWeights) {

  /**
   * Builds the classifier of a strategy that trains the encoder.
   *
   * @param path eager or graph
   * @param lora the adapter (LoRA) or null (full fine-tuning)
   * @param checkpointing gradient checkpointing (eager path only; the graph ignores it)
   */
  static EncoderModel create(
      EncoderTrainingPath path,
      Path clipDir,
      LoraAdapter lora,
      double encoderLrScale,
      ClassifierHead.Kind kind,
      int hidden,
      int classes,
      long seed,
      boolean checkpointing)
      throws IOException {
    if (path == EncoderTrainingPath.EAGER) {
      int projection =
          org.fairness4j.models.clip.ClipConfig.read(clipDir.resolve("config.json"))
              .projectionDim();
      Map<String, INDArray> head = new LinkedHashMap<>();
      ClassifierHead.create(kind, projection, hidden, classes, seed)
          .parameters()
          .forEach((k, v) -> head.put("head." + k, v));
      EagerVitClassifier m =
          lora != null
              ? EagerVitClassifier.lora(clipDir, lora, kind, hidden, classes, head)
              : EagerVitClassifier.fullFineTuning(
                  clipDir, encoderLrScale, kind, hidden, classes, head);
      m.checkpointing(checkpointing);
      return new EncoderModel(m, m::headWeights, m::encoderWeights);
    }
    EncoderClassifier m =
        lora != null
            ? EncoderClassifier.lora(clipDir, lora, kind, hidden, classes, seed)
            : EncoderClassifier.fullFineTuning(
                clipDir, encoderLrScale, kind, hidden, classes, seed);
    return new EncoderModel(m, m::headWeights, m::encoderWeights);
  }
}
