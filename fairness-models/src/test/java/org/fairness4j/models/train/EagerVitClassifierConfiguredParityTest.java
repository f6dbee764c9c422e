package org.fairness4j.models.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.fairness4j.models.adapt.ClassifierHead;
import org.fairness4j.models.adapt.LoraAdapter;
import org.fairness4j.models.adapt.LoraConfig;
import org.fairness4j.models.adapt.PeftAdapters;
import org.fairness4j.models.weights.SafetensorsFile;
import org.fairness4j.models.weights.SafetensorsWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The eager trainer against a PyTorch/peft trajectory whose configuration (strategy, LoRA rank,
 * alpha, dropout and targets, learning rate, seed, steps, head, encoder scale) is read from the
 * fixture's metadata, not written here: any fixture that {@code
 * tools/make_eager_training_fixture.py --custom NAME ...} writes on the tiny CLIP can be checked
 * with {@code -Dfairness4j.training.fixture=FILE} (docs/adaptation.md). A LoRA fixture carries
 * peft's own {@code adapter_config.json}; the adapter is read from it and the initial A and B with
 * the project's {@link PeftAdapters#read}, so the peft → {@link LoraConfig} mapping is the one that
 * loads real peft adapters. {@link EagerVitClassifierParityTest} runs the committed peft_lora
 * fixture through the same path.
 */
class EagerVitClassifierConfiguredParityTest {
  /** The system property naming a fixture to check. */
  static final String PROPERTY = "fairness4j.training.fixture";

  @TempDir Path tmp;

  /**
   * The classifier a fixture's metadata describes, with its initial weights (and, for LoRA with
   * dropout, the recorded masks).
   */
  static EagerVitClassifier configured(EagerVitClassifierParityTest.Fixture fx, Path scratch)
      throws IOException {
    Map<String, String> meta = fx.file().metadata();
    String strategy = required(fx, "strategy");
    String head = required(fx, "head");
    ClassifierHead.Kind kind =
        switch (head) {
          case "mlp" -> ClassifierHead.Kind.MLP;
          case "linear" -> ClassifierHead.Kind.LINEAR;
          default -> throw new IllegalArgumentException(fx.name() + ": head " + head);
        };
    int hidden = kind == ClassifierHead.Kind.MLP ? 8 : 0;
    Path clip = EagerVitClassifierParityTest.CLIP;
    switch (strategy) {
      case "full":
        return EagerVitClassifier.fullFineTuning(
            clip, fx.encoderScale(), kind, hidden, 2, fx.initWith("head."));
      case "lora":
        break;
      default:
        throw new IllegalArgumentException(fx.name() + ": strategy " + strategy);
    }
    LoraAdapter adapter = peftAdapter(fx, scratch);
    LoraConfig c = adapter.config();
    assertEquals(Integer.parseInt(required(fx, "rank")), c.rank(), "rank");
    assertEquals(Double.parseDouble(required(fx, "alpha")), c.alpha(), 1e-12, "alpha");
    assertEquals(Double.parseDouble(required(fx, "dropout")), c.dropout(), 1e-12, "dropout");
    String[] targets = required(fx, "targets").split(",");
    assertEquals(targets.length, c.targets().size(), "targets " + meta.get("targets"));
    for (String t : targets) {
      assertTrue(
          adapter.tensors().keySet().stream().anyMatch(n -> n.endsWith("." + t + ".lora_A.weight")),
          "no adapter on " + t);
    }
    EagerVitClassifier m =
        EagerVitClassifier.lora(clip, adapter, kind, hidden, 2, fx.initWith("head."));
    m.masks(
        (layer, slot, module, step, rows, width, p) -> {
          String name = "mask/" + step + "/" + module;
          INDArray mask = fx.t(name);
          assertArrayEquals(new long[] {rows, width}, mask.shape(), name);
          return mask;
        });
    return m;
  }

  /**
   * The fixture's initial adapter as a peft adapter directory (peft's adapter_config.json from the
   * metadata, the initial A and B under peft's names), read back with {@link PeftAdapters#read}.
   */
  private static LoraAdapter peftAdapter(EagerVitClassifierParityTest.Fixture fx, Path dir)
      throws IOException {
    Map<String, INDArray> tensors = new LinkedHashMap<>();
    fx.initWith("vision_model.").forEach((k, v) -> tensors.put("base_model.model." + k, v));
    SafetensorsWriter.write(dir.resolve(PeftAdapters.WEIGHTS), tensors, Map.of("format", "pt"));
    Files.writeString(dir.resolve(PeftAdapters.CONFIG), required(fx, "adapter_config"));
    LoraAdapter read = PeftAdapters.read(dir);
    // the adapter's live arrays are trained: start from the fixture's own copies
    return LoraAdapter.of(read.config(), fx.initWith("vision_model."));
  }

  private static String required(EagerVitClassifierParityTest.Fixture fx, String key) {
    String v = fx.file().metadata().get(key);
    assertTrue(v != null, fx.name() + " has no metadata '" + key + "'");
    return v;
  }

  @Test
  void aConfigurationGivenOnTheCommandLineFollowsPyTorch() throws IOException {
    String file = System.getProperty(PROPERTY);
    assumeTrue(
        file != null && !file.isBlank(),
        "no -D"
            + PROPERTY
            + "=FILE given (a fixture written by tools/make_eager_training_fixture.py --custom)");
    EagerVitClassifierParityTest.Fixture fx = EagerVitClassifierParityTest.open(Path.of(file));
    try (SafetensorsFile f = fx.file()) {
      System.out.printf(Locale.ROOT, "%s: %s%n", file, describe(f.metadata()));
      EagerVitClassifierParityTest.follow(fx, configured(fx, tmp));
    }
  }

  private static String describe(Map<String, String> meta) {
    StringBuilder b = new StringBuilder();
    for (String k :
        new String[] {
          "strategy",
          "rank",
          "alpha",
          "dropout",
          "targets",
          "lr",
          "seed",
          "steps",
          "head",
          "encoder_scale"
        }) {
      if (meta.containsKey(k)) {
        b.append(k).append('=').append(meta.get(k)).append(' ');
      }
    }
    return b.toString().strip();
  }
}
