package org.fairness4j.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fairness4j.models.adapt.ClassifierHead;
import org.fairness4j.models.adapt.EncoderClassifier;
import org.fairness4j.models.adapt.LoraAdapter;
import org.fairness4j.models.adapt.LoraConfig;
import org.fairness4j.models.adapt.TrainableClassifier;
import org.fairness4j.models.nn.CpuBlas;
import org.fairness4j.models.weights.SafetensorsFile;
import org.fairness4j.models.weights.SafetensorsWriter;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One LoRA step and one full fine-tuning step of the SameDiff graph ({@link EncoderClassifier})
 * give the gradients of the eager CPU trainer, on the first batch of the PyTorch fixtures. On the
 * CPU backend the eager gradients are computed here (and, with {@code
 * -Dfairness4j.training.reference=FILE}, written to FILE); on another backend (CUDA, where the
 * eager path does not run) they are read from FILE, written by a CPU run: {@code
 * tools/gpu-check.sh} does both.
 */
class TrainingPathsAgreeTest {
  private static final String REFERENCE = "fairness4j.training.reference";

  private static TrainableClassifier build(
      boolean eager, boolean lora, EagerVitClassifierParityTest.Fixture fx) throws IOException {
    Map<String, INDArray> head = fx.initWith("head.");
    if (lora) {
      LoraAdapter a = LoraAdapter.of(LoraConfig.authors(), fx.initWith("vision_model."));
      return eager
          ? EagerVitClassifier.lora(
              EagerVitClassifierParityTest.CLIP, a, ClassifierHead.Kind.LINEAR, 0, 2, head)
          : EncoderClassifier.lora(
              EagerVitClassifierParityTest.CLIP, a, ClassifierHead.Kind.LINEAR, 0, 2, head);
    }
    return eager
        ? EagerVitClassifier.fullFineTuning(
            EagerVitClassifierParityTest.CLIP, 0.5, ClassifierHead.Kind.MLP, 8, 2, head)
        : EncoderClassifier.fullFineTuning(
            EagerVitClassifierParityTest.CLIP, 0.5, ClassifierHead.Kind.MLP, 8, 2, head);
  }

  @Test
  void graphStepsGiveTheEagerGradients() throws IOException {
    String file = System.getProperty(REFERENCE);
    boolean cpu = CpuBlas.available();
    assumeTrue(cpu || file != null, "off the CPU backend this check needs " + REFERENCE);
    Map<String, INDArray> eagerGrads = new LinkedHashMap<>();
    Map<String, INDArray> graphGrads = new LinkedHashMap<>();
    for (String c : new String[] {"fused_lora", "full_mlp"}) {
      EagerVitClassifierParityTest.Fixture fx =
          EagerVitClassifierParityTest.open(c + ".safetensors");
      try (SafetensorsFile f = fx.file()) {
        INDArray x = fx.t("pixels/0");
        INDArray y = fx.t("labels/0");
        boolean lora = c.endsWith("lora");
        TrainableClassifier.Step g = build(false, lora, fx).trainStep(x, y, 0);
        g.gradients().forEach((k, v) -> graphGrads.put(c + "/" + k, v.dup()));
        graphGrads.put(c + "/loss", Nd4j.scalar((float) g.loss()).reshape(1));
        if (cpu) {
          TrainableClassifier.Step e = build(true, lora, fx).trainStep(x, y, 0);
          e.gradients().forEach((k, v) -> eagerGrads.put(c + "/" + k, v.dup()));
          eagerGrads.put(c + "/loss", Nd4j.scalar((float) e.loss()).reshape(1));
        }
      }
    }
    if (cpu && file != null) {
      SafetensorsWriter.write(Path.of(file), eagerGrads, Map.of("format", "eager-grads/1"));
    }
    if (!cpu) {
      try (SafetensorsFile f = SafetensorsFile.open(Path.of(file))) {
        for (String n : f.names()) {
          eagerGrads.put(n, Nd4j.create(f.floats(n), f.shape(n), 'c'));
        }
      }
    }
    assertEquals(eagerGrads.keySet(), graphGrads.keySet());
    // the largest gradient of each case sets the noise floor of its structurally zero tensors
    Map<String, Double> scale = new LinkedHashMap<>();
    eagerGrads.forEach(
        (k, v) ->
            scale.merge(k.substring(0, k.indexOf('/')), v.amaxNumber().doubleValue(), Math::max));
    double tol = cpu ? 1e-4 : 1e-3;
    for (Map.Entry<String, INDArray> e : eagerGrads.entrySet()) {
      INDArray ref = e.getValue();
      INDArray ours = graphGrads.get(e.getKey());
      double floor = 1e-6 * scale.get(e.getKey().substring(0, e.getKey().indexOf('/')));
      if (ref.amaxNumber().doubleValue() < floor) {
        assertTrue(ours.amaxNumber().doubleValue() < 10 * floor, e.getKey() + " should be ~0");
        continue;
      }
      double rel =
          ref.sub(ours.reshape(ref.shape())).norm2Number().doubleValue()
              / ref.norm2Number().doubleValue();
      assertTrue(rel < tol, e.getKey() + ": graph vs eager relative error " + rel);
    }
  }
}
