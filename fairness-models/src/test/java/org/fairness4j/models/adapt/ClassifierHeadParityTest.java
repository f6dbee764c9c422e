package org.fairness4j.models.adapt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fairness4j.models.TestFixtures;
import org.fairness4j.models.weights.SafetensorsFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One training step of each head equals PyTorch's: loss, gradients, weights after clipping and an
 * AdamW step, BatchNorm running statistics, evaluation probabilities (tools/make_head_fixture.py).
 */
class ClassifierHeadParityTest {
  private static final double TOL = 2e-6;

  private static INDArray tensor(SafetensorsFile f, String name) {
    return Nd4j.create(f.floats(name), f.shape(name), 'c');
  }

  @ParameterizedTest
  @EnumSource(ClassifierHead.Kind.class)
  void oneAdamWStepMatchesPyTorch(ClassifierHead.Kind kind) throws IOException {
    String file = "/adapt/head_" + kind.name().toLowerCase(java.util.Locale.ROOT) + ".safetensors";
    try (SafetensorsFile f = SafetensorsFile.open(TestFixtures.path(file))) {
      Map<String, INDArray> init = new LinkedHashMap<>();
      for (String n : f.names()) {
        if (n.startsWith("init/")) {
          init.put(n.substring(5), tensor(f, n));
        }
      }
      ClassifierHead head = ClassifierHead.of(kind, 16, 32, 3, init);
      TrainableClassifier.Step step = head.trainStep(tensor(f, "input"), tensor(f, "labels"), 0);
      assertEquals(f.floats("loss")[0], step.loss(), TOL, "loss");
      for (Map.Entry<String, INDArray> g : step.gradients().entrySet()) {
        assertClose(tensor(f, "grad/" + g.getKey()), g.getValue(), "grad " + g.getKey());
      }
      AdamW.clipGlobalNorm(step.gradients(), 0.5);
      double lr = 1e-2;
      new AdamW(AdamW.Settings.DEFAULTS).step(head.parameters(), step.gradients(), lr, null);
      for (Map.Entry<String, INDArray> p : head.parameters().entrySet()) {
        INDArray expected = tensor(f, "after/" + p.getKey());
        if (tensor(f, "grad/" + p.getKey()).amaxNumber().doubleValue() < 1e-6) {
          // A bias before BatchNorm has a zero gradient up to rounding (~1e-9, comparable to
          // AdamW's eps), so its first step is rounding noise of size up to lr in both
          // frameworks: check only that bound.
          INDArray before = init.get(p.getKey());
          assertTrue(p.getValue().sub(before).amaxNumber().doubleValue() <= lr * 1.01);
          assertTrue(expected.sub(before).amaxNumber().doubleValue() <= lr * 1.01);
          // Take PyTorch's value so that the evaluation check below compares the same weights.
          p.getValue().assign(expected);
          continue;
        }
        assertClose(expected, p.getValue(), "weight " + p.getKey());
      }
      for (Map.Entry<String, INDArray> b : head.buffers().entrySet()) {
        assertClose(tensor(f, "after/" + b.getKey()), b.getValue(), "buffer " + b.getKey());
      }
      assertClose(
          tensor(f, "eval_probabilities"),
          head.probabilities(tensor(f, "input")),
          "evaluation probabilities");
    }
  }

  private static void assertClose(INDArray expected, INDArray actual, String what) {
    assertArrayEquals(expected.shape(), actual.shape(), what);
    double diff = expected.castTo(actual.dataType()).sub(actual).amaxNumber().doubleValue();
    assertTrue(diff < TOL, what + ": max |diff| " + diff);
  }
}
