package org.fairness4j.models.adapt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.fairness4j.models.TestFixtures;
import org.fairness4j.models.clip.ClipCheckpoint;
import org.fairness4j.models.weights.SafetensorsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The hand-written LoRA layer on the tiny random CLIP of tools/make_clip_fixture.py. */
class LoraAdapterTest {
  static final Path CLIP = TestFixtures.path("/clip-tiny");

  @TempDir Path dir;

  /**
   * Images [n, 3, 32, 32] of noise around +0.5 (class 1) or −0.5 (class 0). (A left/right task is
   * not learnable from this random tiny CLIP: its near-uniform attention pools patches
   * symmetrically.)
   */
  static AdaptationData halves(long seed, int n) {
    Random rng = new Random(seed);
    float[] px = new float[n * 3 * 32 * 32];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = rng.nextInt(2);
      for (int c = 0; c < 3; c++) {
        for (int r = 0; r < 32; r++) {
          for (int col = 0; col < 32; col++) {
            px[((i * 3 + c) * 32 + r) * 32 + col] =
                (float) ((y[i] == 1 ? 0.5 : -0.5) + rng.nextGaussian());
          }
        }
      }
    }
    return AdaptationData.ofArrays(Nd4j.create(px, new long[] {n, 3, 32, 32}, 'c'), y);
  }

  private static INDArray pixels(int n) {
    return halves(9, n).inputs(new int[] {0, 1, 2, 3}, false, 0);
  }

  /**
   * The frozen encoder's inference graph folds LayerNorm gains, the attention scale and
   * quick-GELU's factors into its products (TransformerOps.clipBlocks), the training graph does
   * not: the same function, rounded differently (measured 2.4e-6 on this fixture).
   */
  private static final double FOLDING_ROUNDING = 1e-5;

  @Test
  void withBZeroTheAdaptedEncoderEqualsTheFrozenOne() throws IOException {
    LoraAdapter lora = LoraAdapter.create(LoraConfig.authors(), 3);
    EncoderClassifier m = EncoderClassifier.lora(CLIP, lora, ClassifierHead.Kind.LINEAR, 0, 2, 1);
    try (ClipCheckpoint frozen = ClipCheckpoint.load(CLIP)) {
      INDArray x = pixels(4);
      assertEquals(
          0.0,
          frozen.imageEncoder().encode(x).sub(m.embeddings(x)).amaxNumber().doubleValue(),
          FOLDING_ROUNDING);
    }
    assertTrue(
        lora.tensors()
                .get("vision_model.encoder.layers.0.self_attn.qkv.lora_A.weight")
                .amaxNumber()
                .doubleValue()
            > 0,
        "A is random");
  }

  @Test
  void trainableParameterCountIsTheClosedForm() throws IOException {
    // ViT-B/16, the authors' preset: 12 blocks x r 16 x (768 + 3*768).
    assertEquals(589_824, LoraConfig.authors().parameterCount(12, 768, 3072));
    LoraConfig qv =
        new LoraConfig(
            4,
            8,
            0,
            Set.of(LoraConfig.Target.Q, LoraConfig.Target.V, LoraConfig.Target.FC1),
            new TreeSet<>(Set.of(1)));
    LoraAdapter lora = LoraAdapter.create(qv, 1);
    EncoderClassifier.lora(CLIP, lora, ClassifierHead.Kind.LINEAR, 0, 2, 1);
    long counted = lora.tensors().values().stream().mapToLong(INDArray::length).sum();
    assertEquals(qv.parameterCount(2, 32, 64), counted);
    assertEquals(4 * (32 + 32) * 2 + 4 * (32 + 64), counted, "only block 1");
    assertTrue(lora.tensors().keySet().stream().allMatch(k -> k.contains(".layers.1.")));
  }

  @Test
  void trainingChangesOnlyAAndBAndTheHeadAndLearnsTheTask() throws IOException {
    LoraAdapter lora =
        LoraAdapter.create(
            new LoraConfig(
                4,
                8,
                0.1,
                Set.of(LoraConfig.Target.QKV_FUSED, LoraConfig.Target.FC2),
                new TreeSet<>()),
            5);
    EncoderClassifier m = EncoderClassifier.lora(CLIP, lora, ClassifierHead.Kind.LINEAR, 0, 2, 1);
    Map<String, INDArray> before = new LinkedHashMap<>();
    m.parameters().forEach((k, v) -> before.put(k, v.dup()));
    AdaptationData val = halves(2, 64);
    AdaptationTrainer.builder()
        .epochs(8)
        .batchSize(16)
        .seed(3)
        .constantRate(3e-3)
        .build()
        .train(m, halves(1, 160), val);
    for (Map.Entry<String, INDArray> e : m.parameters().entrySet()) {
      if (!e.getKey().startsWith("head.")) {
        assertNotEquals(before.get(e.getKey()), e.getValue(), e.getKey() + " trained");
      }
    }
    assertTrue(
        m.parameters().keySet().stream()
            .allMatch(k -> k.startsWith("head.") || k.contains(".lora_")),
        "only adapter and head parameters: " + m.parameters().keySet());
    double acc = TrainingLoop.evaluate(m, val)[1];
    assertTrue(acc > 0.9, "accuracy " + acc);
    // The frozen weights are untouched: with B set back to zero the encoder is the original.
    lora.tensors()
        .forEach(
            (k, v) -> {
              if (k.endsWith("lora_B.weight")) {
                v.assign(0);
              }
            });
    try (ClipCheckpoint frozen = ClipCheckpoint.load(CLIP)) {
      INDArray x = pixels(4);
      assertEquals(
          0.0,
          frozen.imageEncoder().encode(x).sub(m.embeddings(x)).amaxNumber().doubleValue(),
          FOLDING_ROUNDING);
    }
  }

  @Test
  void mergingIntoAFileEqualsMergeAndListsEveryWeightThatDoesNotFit() throws IOException {
    LoraAdapter lora = LoraAdapter.create(LoraConfig.authors(), 7);
    EncoderClassifier.lora(CLIP, lora, ClassifierHead.Kind.LINEAR, 0, 2, 1); // creates A and B
    lora.tensors()
        .forEach(
            (k, v) -> {
              if (k.endsWith("lora_B.weight")) {
                v.assign(Nd4j.rand(DataType.FLOAT, v.shape()).subi(0.5));
              }
            });
    Path weights = CLIP.resolve("model.safetensors");
    Map<String, INDArray> viaFile = lora.mergeInto(weights, (f, n) -> n);
    Map<String, INDArray> viaFunction;
    try (SafetensorsFile f = SafetensorsFile.open(weights)) {
      viaFunction = lora.merge(n -> Nd4j.create(f.floats(n), f.shape(n), 'c'));
    }
    assertEquals(3 * 2, viaFile.size(), "q, k, v of both blocks");
    assertEquals(viaFunction.keySet(), viaFile.keySet());
    viaFunction.forEach((k, v) -> assertEquals(v, viaFile.get(k), k));

    java.util.List<String> names = new java.util.ArrayList<>(viaFile.keySet());
    Map<String, INDArray> t = new LinkedHashMap<>();
    t.put(names.get(1), Nd4j.zeros(DataType.FLOAT, 3, 5));
    for (int i = 2; i < names.size(); i++) {
      t.put(names.get(i), viaFile.get(names.get(i)));
    }
    Path bad = dir.resolve("bad.safetensors");
    org.fairness4j.models.weights.SafetensorsWriter.write(bad, t, Map.of());
    org.fairness4j.models.weights.WeightFormatException e =
        assertThrows(
            org.fairness4j.models.weights.WeightFormatException.class,
            () -> lora.mergeInto(bad, (f, n) -> n));
    String m = e.getMessage();
    assertTrue(m.contains("bad.safetensors") && m.contains("does not fit"), m);
    assertTrue(m.contains(names.get(0) + " (missing)"), m);
    assertTrue(
        m.contains(
            names.get(1)
                + " is [3, 5], the update "
                + java.util.Arrays.toString(viaFile.get(names.get(1)).shape())),
        m);
  }

  @Test
  void savedAdapterLoadsMergesAndUnmerges() throws IOException {
    LoraAdapter lora = LoraAdapter.create(LoraConfig.authors(), 7);
    EncoderClassifier m = EncoderClassifier.lora(CLIP, lora, ClassifierHead.Kind.LINEAR, 0, 2, 1);
    Random rng = new Random(1);
    lora.tensors()
        .forEach(
            (k, v) -> {
              if (k.endsWith("lora_B.weight")) {
                v.assign(
                    Nd4j.rand(DataType.FLOAT, v.shape()).subi(0.5).muli(0.2 + rng.nextDouble()));
              }
            });
    Path file = dir.resolve("adapter.safetensors");
    lora.save(file);
    LoraAdapter back = LoraAdapter.load(file);
    assertEquals(lora.config(), back.config());
    assertEquals(lora.tensors().keySet(), back.tensors().keySet());
    lora.tensors().forEach((k, v) -> assertEquals(v, back.tensors().get(k), k));

    Map<String, INDArray> merged;
    Map<String, INDArray> base = new LinkedHashMap<>();
    try (SafetensorsFile f = SafetensorsFile.open(CLIP.resolve("model.safetensors"))) {
      merged =
          back.merge(
              n -> {
                INDArray a = Nd4j.create(f.floats(n), f.shape(n), 'c');
                base.put(n, a);
                return a;
              });
    }
    assertEquals(3 * 2, merged.size(), "q, k, v of both blocks");
    INDArray x = pixels(4);
    try (ClipCheckpoint mergedModel = ClipCheckpoint.load(CLIP, merged)) {
      double diff =
          mergedModel.imageEncoder().encode(x).sub(m.embeddings(x)).amaxNumber().doubleValue();
      assertTrue(diff < 1e-5, "merged model = adapted graph, max |diff| " + diff);
    }
    back.unmerge(merged)
        .forEach((k, v) -> assertTrue(v.sub(base.get(k)).amaxNumber().doubleValue() < 1e-6, k));
  }

  @Test
  void loraGradientsMatchFiniteDifferences() {
    // y = x Wᵀ + (α/r)·B·A·x in double precision; loss = Σ tanh(y)².
    int n = 5, in = 6, out = 4;
    LoraConfig cfg = new LoraConfig(3, 6, 0, Set.of(LoraConfig.Target.FC1), new TreeSet<>());
    Map<String, INDArray> init = new LinkedHashMap<>();
    init.put(
        "vision_model.encoder.layers.0.mlp.fc1.lora_A.weight",
        Nd4j.rand(DataType.DOUBLE, 3, in).subi(0.5));
    init.put(
        "vision_model.encoder.layers.0.mlp.fc1.lora_B.weight",
        Nd4j.rand(DataType.DOUBLE, out, 3).subi(0.5));
    LoraAdapter lora = LoraAdapter.of(cfg, init);
    SameDiff sd = SameDiff.create();
    SDVariable x = sd.constant("x", Nd4j.rand(DataType.DOUBLE, n, in).subi(0.5));
    SDVariable w = sd.constant("w", Nd4j.rand(DataType.DOUBLE, out, in).subi(0.5));
    SDVariable y =
        sd.mmul(x, w, false, true, false)
            .add(lora.linearDelta(sd, "vision_model.encoder.layers.0.mlp.fc1", x, in, out));
    SDVariable t = sd.math().tanh(y);
    t.mul(t).sum().rename("loss");
    sd.setLossVariables("loss");
    org.fairness4j.models.nn.GradientGraphs.create(sd);
    Map<String, INDArray> grads = sd.calculateGradients(Map.of(), lora.variables().values());
    double eps = 1e-6;
    for (Map.Entry<String, String> e : lora.variables().entrySet()) {
      INDArray p = sd.getArrForVarName(e.getValue());
      INDArray g = grads.get(e.getValue());
      for (int i = 0; i < p.length(); i++) {
        double orig = p.getDouble(i);
        p.putScalar(i, orig + eps);
        double up = sd.output(Map.of(), "loss").get("loss").getDouble(0);
        p.putScalar(i, orig - eps);
        double down = sd.output(Map.of(), "loss").get("loss").getDouble(0);
        p.putScalar(i, orig);
        double numeric = (up - down) / (2 * eps);
        assertEquals(
            numeric,
            g.getDouble(i),
            1e-7 * Math.max(1, Math.abs(numeric)),
            e.getKey() + "[" + i + "]");
      }
    }
  }

  @Test
  void badConfigurationsAreRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new LoraConfig(0, 1, 0, Set.of(LoraConfig.Target.Q), new TreeSet<>()));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new LoraConfig(
                4,
                1,
                0,
                Set.of(LoraConfig.Target.QKV_FUSED, LoraConfig.Target.Q),
                new TreeSet<>()));
    assertThrows(
        IllegalArgumentException.class,
        () -> new LoraConfig(4, 1, 1.0, Set.of(LoraConfig.Target.Q), new TreeSet<>()));
  }
}
