package org.fairness4j.models.zeroshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.prediction.ProbabilityTable;
import org.fairness4j.core.table.PredictionTable;
import org.fairness4j.models.TestFixtures;
import org.fairness4j.models.clip.ClipCheckpoint;
import org.fairness4j.models.text.PromptTokenizer;
import org.fairness4j.models.weights.SafetensorsFile;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Zero-shot probabilities equal the softmax of PyTorch's {@code logits_per_image} for the tiny CLIP
 * fixture (tools/make_clip_fixture.py), each of its three texts standing for one class.
 */
class ZeroShotClassifierTest {
  private static Path fixture(String name) {
    return TestFixtures.path("/clip-tiny/" + name);
  }

  @Test
  void probabilitiesEqualPyTorchAndFeedTheFairnessEngine() throws IOException {
    try (ClipCheckpoint clip = ClipCheckpoint.load(fixture("config.json").getParent());
        SafetensorsFile ref = SafetensorsFile.open(fixture("reference.safetensors"))) {
      int[] flat = ref.ints("input_ids");
      int len = (int) ref.shape("input_ids")[1];
      Map<String, int[]> idsOf = new LinkedHashMap<>();
      for (int r = 0; r < 3; r++) {
        idsOf.put("text" + r, java.util.Arrays.copyOfRange(flat, r * len, (r + 1) * len));
      }
      PromptTokenizer lookup =
          new PromptTokenizer() {
            @Override
            public int[] encode(String text) {
              return idsOf.get(text);
            }

            @Override
            public int contextLength() {
              return len;
            }
          };
      Map<String, List<String>> prompts = new LinkedHashMap<>();
      idsOf.keySet().forEach(t -> prompts.put("class-" + t, List.of(t)));
      ZeroShotClassifier zs =
          new ZeroShotClassifier(
              clip.imageEncoder(), clip.textEncoder(), lookup, clip.logitScale(), prompts);
      INDArray pixels = Nd4j.create(ref.floats("pixel_values"), ref.shape("pixel_values"), 'c');
      INDArray probs = zs.probabilities(pixels);
      INDArray want =
          Transforms.softmax(
              Nd4j.create(ref.floats("logits_per_image"), ref.shape("logits_per_image"), 'c'),
              true);
      double max = probs.sub(want).amaxNumber().doubleValue();
      assertTrue(max < 1e-5, "max |difference| " + max);
      // the logits are PyTorch's logits_per_image themselves (scaled cosine similarities)
      INDArray logits = zs.logitsOfEmbeddings(clip.imageEncoder().encode(pixels));
      INDArray wantLogits =
          Nd4j.create(ref.floats("logits_per_image"), ref.shape("logits_per_image"), 'c');
      double maxLogit = logits.sub(wantLogits).amaxNumber().doubleValue();
      assertTrue(maxLogit < 1e-3, "max |logit difference| " + maxLogit);

      ProbabilityTable predicted =
          zs.predictions(
              clip.imageEncoder().encode(pixels), List.of("a.png", "b.png"), new int[] {0, 2});
      assertEquals(
          probs.getFloat(1, 2), (float) predicted.probability(1, 2), 1e-6f, "the same softmax");
      assertEquals(logits.getFloat(0, 1), (float) predicted.logit(0, 1), 1e-5f, "the same logits");
      PredictionTable table = predicted.evaluationTable().categorical("sex", "F", "M").build();
      assertEquals(List.of("class-text0", "class-text1", "class-text2"), table.classes().asList());
      GroupReport report =
          FairnessEvaluator.builder().build().evaluate(table, FeatureSet.of("sex"));
      assertEquals(2, report.n());
      assertTrue(
          report
              .perClass()
              .get("class-text0")
              .overall()
              .has(org.fairness4j.core.metrics.Metric.ROC_AUC));
    }
  }

  @Test
  void templatesFillTheClassName() {
    Map<String, List<String>> p =
        ZeroShotClassifier.prompts(
            List.of("edema", "effusion"), List.of("a chest x-ray showing {}.", "{} is present"));
    assertEquals(List.of("a chest x-ray showing edema.", "edema is present"), p.get("edema"));
    assertEquals(2, p.get("effusion").size());
  }
}
