package org.fairness4j.models.adapt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fairness4j.models.clip.ClipCheckpoint;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class FullFineTuningTest {
  @Test
  void everyVisionWeightTrainsAtItsOwnRateAndTheTaskIsLearned() throws IOException {
    EncoderClassifier m =
        EncoderClassifier.fullFineTuning(
            LoraAdapterTest.CLIP, 0.5, ClassifierHead.Kind.MLP, 16, 2, 1);
    assertTrue(m.encoderWeights().containsKey("vision_model.embeddings.patch_embedding.weight"));
    assertTrue(m.encoderWeights().containsKey("visual_projection.weight"));
    assertEquals(0.5, m.learningRateScale("vision_model.encoder.layers.0.mlp.fc1.weight"));
    assertEquals(1.0, m.learningRateScale("head.fc1.weight"));
    Map<String, INDArray> before = new LinkedHashMap<>();
    m.encoderWeights().forEach((k, v) -> before.put(k, v.dup()));
    AdaptationData val = LoraAdapterTest.halves(2, 64);
    AdaptationTrainer.builder()
        .epochs(6)
        .batchSize(16)
        .seed(3)
        .constantRate(2e-3)
        .build()
        .train(m, LoraAdapterTest.halves(1, 160), val);
    long changed =
        m.encoderWeights().entrySet().stream()
            .filter(e -> !e.getValue().equals(before.get(e.getKey())))
            .count();
    assertEquals(before.size(), changed, "every encoder weight moved");
    double acc = TrainingLoop.evaluate(m, val)[1];
    assertTrue(acc > 0.9, "accuracy " + acc);
    // The fine-tuned weights load back into an inference encoder that gives the same embeddings.
    try (ClipCheckpoint tuned = ClipCheckpoint.load(LoraAdapterTest.CLIP, m.encoderWeights())) {
      INDArray x = val.inputs(new int[] {0, 1, 2}, false, 0);
      double diff = tuned.imageEncoder().encode(x).sub(m.embeddings(x)).amaxNumber().doubleValue();
      assertTrue(diff < 1e-5, "max |diff| " + diff);
    }
  }
}
