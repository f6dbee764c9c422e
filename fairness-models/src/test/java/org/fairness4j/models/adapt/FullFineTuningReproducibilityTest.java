package org.fairness4j.models.adapt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairness4j.models.nn.CpuBlas;
import org.fairness4j.models.train.EagerVitClassifier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Full fine-tuning on the eager CPU path is bit-reproducible: two optimizer steps, repeated in one
 * JVM from the same seed, end with bit-identical weights. Before {@code CpuBlas} summed one-row
 * products itself, the repetitions split between two results, with MKL and with OpenBLAS, that
 * differed from the second step on: a bias gradient ({@code ones·dY}) summed with kernels chosen by
 * memory alignment. Six repetitions caught that with probability about 0.95; {@code CpuBlasTest}
 * checks the product itself at every alignment (docs/reproducibility.md).
 */
class FullFineTuningReproducibilityTest {
  private static final int REPETITIONS = 6;

  @Test
  void twoStepsFromTheSameSeedGiveBitIdenticalWeights() throws IOException {
    assumeTrue(CpuBlas.available(), "the eager trainer runs on ND4J's CPU backend only");
    AdaptationData data = LoraAdapterTest.halves(1, 32);
    List<Map<String, byte[]>> runs = new ArrayList<>();
    for (int r = 0; r < REPETITIONS; r++) {
      Map<String, INDArray> head = new LinkedHashMap<>();
      ClassifierHead.create(ClassifierHead.Kind.MLP, 16, 16, 2, 7)
          .parameters()
          .forEach((k, v) -> head.put("head." + k, v));
      EagerVitClassifier m =
          EagerVitClassifier.fullFineTuning(
              LoraAdapterTest.CLIP, 0.5, ClassifierHead.Kind.MLP, 16, 2, head);
      Map<String, byte[]> before = bits(m.parameters());
      AdaptationTrainer.Result result =
          AdaptationTrainer.builder()
              .epochs(1)
              .batchSize(16)
              .seed(3)
              .constantRate(1e-2)
              .build()
              .train(m, data, null);
      assertEquals(1, result.log().size());
      Map<String, byte[]> after = bits(m.parameters());
      String bias = "vision_model.encoder.layers.0.mlp.fc1.bias";
      assertFalse(Arrays.equals(before.get(bias), after.get(bias)), "the steps moved " + bias);
      runs.add(after);
    }
    for (int r = 1; r < REPETITIONS; r++) {
      for (String name : runs.get(0).keySet()) {
        assertArrayEquals(
            runs.get(0).get(name),
            runs.get(r).get(name),
            "repetition " + r + " differs from the first in " + name);
      }
    }
  }

  private static Map<String, byte[]> bits(Map<String, INDArray> params) {
    Map<String, byte[]> out = new LinkedHashMap<>();
    params.forEach(
        (k, v) -> {
          float[] x = v.dup('c').data().asFloat();
          ByteBuffer b = ByteBuffer.allocate(4 * x.length);
          for (float f : x) {
            b.putFloat(f);
          }
          out.put(k, b.array());
        });
    return out;
  }
}
