package org.fairness4j.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.EnumSet;
import java.util.Map;
import java.util.TreeSet;
import org.fairness4j.models.adapt.ClassifierHead;
import org.fairness4j.models.adapt.LoraAdapter;
import org.fairness4j.models.adapt.LoraConfig;
import org.fairness4j.models.adapt.TrainableClassifier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gradient checkpointing recomputes each block in the backward pass with the same seeded dropout
 * masks: the gradients equal those without it, with less activation memory held.
 */
class EagerVitCheckpointingTest {
  private static EagerVitClassifier model(boolean full) throws IOException {
    ClassifierHead head = ClassifierHead.create(ClassifierHead.Kind.MLP, 16, 8, 2, 5);
    Map<String, INDArray> hw = new java.util.LinkedHashMap<>();
    head.parameters().forEach((k, v) -> hw.put("head." + k, v));
    if (full) {
      return EagerVitClassifier.fullFineTuning(
          EagerVitClassifierParityTest.CLIP, 0.1, ClassifierHead.Kind.MLP, 8, 2, hw);
    }
    LoraConfig cfg =
        new LoraConfig(
            4,
            8,
            0.3,
            EnumSet.of(LoraConfig.Target.QKV_FUSED, LoraConfig.Target.FC2),
            new TreeSet<>());
    LoraAdapter adapter = LoraAdapter.create(cfg, 9);
    // B non-zero, so that every adapter gradient is non-zero
    adapter
        .visionTensors(2, 32, 64)
        .values()
        .forEach(ab -> ab[1].assign(Nd4j.rand(DataType.FLOAT, ab[1].shape()).subi(0.5)));
    return EagerVitClassifier.lora(
        EagerVitClassifierParityTest.CLIP, adapter, ClassifierHead.Kind.MLP, 8, 2, hw);
  }

  private static void sameGradients(boolean full) throws IOException {
    Nd4j.getRandom().setSeed(3);
    INDArray pixels = Nd4j.rand(DataType.FLOAT, 3, 3, 32, 32);
    INDArray labels = Nd4j.create(new float[] {1, 0, 0, 1, 1, 0}, new long[] {3, 2}, 'c');
    Nd4j.getRandom().setSeed(4);
    EagerVitClassifier plain = model(full);
    Nd4j.getRandom().setSeed(4);
    EagerVitClassifier checkpointed = model(full).checkpointing(true);
    TrainableClassifier.Step a = plain.trainStep(pixels, labels, 77);
    TrainableClassifier.Step b = checkpointed.trainStep(pixels, labels, 77);
    assertEquals(a.loss(), b.loss(), 0.0);
    assertEquals(a.gradients().keySet(), b.gradients().keySet());
    for (String k : a.gradients().keySet()) {
      INDArray ga = a.gradients().get(k);
      assertTrue(ga.amaxNumber().doubleValue() > 0, k + " has a gradient");
      assertEquals(ga, b.gradients().get(k), k);
    }
    assertTrue(
        checkpointed.activationBytes() < plain.activationBytes() / 2,
        checkpointed.activationBytes() + " vs " + plain.activationBytes());
  }

  @Test
  void loraWithDropoutGetsTheSameGradients() throws IOException {
    sameGradients(false);
  }

  @Test
  void fullFineTuningGetsTheSameGradients() throws IOException {
    sameGradients(true);
  }
}
