package org.fairness4j.models.openclip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.fairness4j.models.TestFixtures;
import org.fairness4j.models.nn.BaseImageEncoder;
import org.fairness4j.models.nn.EagerPreLnBlocks;
import org.fairness4j.models.weights.SafetensorsFile;
import org.fairness4j.models.weights.SafetensorsWriter;
import org.fairness4j.models.weights.WeightFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The BiomedCLIP-layout open_clip model (timm ViT + BERT with [CLS] pooler and MLP projection)
 * equals open_clip's {@code encode_image} / {@code encode_text} on the same random weights
 * (tools/make_biomedclip_fixture.py: torch 2.13.0+cpu, open_clip_torch 3.3.0, timm 1.0.29,
 * transformers 5.18.0).
 */
class OpenClipCheckpointTest {
  @TempDir Path tmp;

  static Path dir() {
    return TestFixtures.path("/biomedclip-tiny/open_clip_config.json").getParent();
  }

  /**
   * Loads a model directory and compares its image and text features with {@code
   * reference.safetensors} beside it; returns the largest differences {image, text}.
   */
  static double[] parity(Path dir) throws IOException {
    try (SafetensorsFile ref = SafetensorsFile.open(dir.resolve("reference.safetensors"));
        OpenClipCheckpoint m = OpenClipCheckpoint.load(dir)) {
      assertEquals(ref.floats("logit_scale")[0], m.logitScale(), 1e-4);
      return org.fairness4j.models.FeatureParity.of(m, dir.resolve("reference.safetensors"));
    }
  }

  @Test
  void imageAndTextFeaturesEqualOpenClip() throws IOException {
    double[] d = parity(dir());
    assertTrue(d[0] < 1e-5, "image features differ by " + d[0]);
    assertTrue(d[1] < 1e-5, "text features differ by " + d[1]);
    try (OpenClipCheckpoint m = OpenClipCheckpoint.load(dir())) {
      assertEquals(24, m.imageEncoder().embeddingDim());
      assertEquals(16, m.textEncoder().contextLength());
      assertEquals(32, m.preprocessor().crop());
      assertTrue(((org.fairness4j.models.text.WordPieceTokenizer) m.tokenizer()).lowercase());
    }
  }

  /**
   * The timm ViT image tower and the CLIP text transformer (of the RN50 layout) equal open_clip
   * both eagerly and as SameDiff graphs.
   */
  @ParameterizedTest
  @ValueSource(strings = {"eager", "graph"})
  void bothInferenceFormsEqualOpenClip(String inference) throws IOException {
    String before = System.getProperty(EagerPreLnBlocks.INFERENCE_PROPERTY);
    System.setProperty(EagerPreLnBlocks.INFERENCE_PROPERTY, inference);
    try {
      try (OpenClipCheckpoint m = OpenClipCheckpoint.load(dir())) {
        assertEquals(
            inference.equals("eager") && EagerPreLnBlocks.supported(),
            ((BaseImageEncoder) m.imageEncoder()).isEager());
      }
      double[] vit = parity(dir());
      assertTrue(vit[0] < 1e-5, inference + " timm ViT features differ by " + vit[0]);
      double[] rn =
          parity(TestFixtures.path("/openclip-rn-tiny/open_clip_config.json").getParent());
      assertTrue(rn[1] < 1e-5, inference + " CLIP text features differ by " + rn[1]);
    } finally {
      if (before == null) {
        System.clearProperty(EagerPreLnBlocks.INFERENCE_PROPERTY);
      } else {
        System.setProperty(EagerPreLnBlocks.INFERENCE_PROPERTY, before);
      }
    }
  }

  /**
   * CLIP's modified ResNet with CLIP's text transformer (the RN50:openai layout, tiny, random)
   * equals open_clip 3.3.0's encode_image / encode_text (tools/make_openclip_rn_fixture.py).
   */
  @Test
  void modifiedResNetClipEqualsOpenClip() throws IOException {
    Path rn = TestFixtures.path("/openclip-rn-tiny/open_clip_config.json").getParent();
    double[] d = parity(rn);
    assertTrue(d[0] < 1e-5, "image features differ by " + d[0]);
    assertTrue(d[1] < 1e-5, "text features differ by " + d[1]);
    try (OpenClipCheckpoint m = OpenClipCheckpoint.load(rn)) {
      assertTrue(m.tokenizer() instanceof org.fairness4j.models.text.ClipBpeTokenizer);
      assertEquals(64, m.imageEncoder().imageSize());
      assertEquals(16, m.textEncoder().contextLength());
    }
  }

  @Test
  void missingAndMisShapedTensorsAreListedByName() throws IOException {
    for (String f :
        new String[] {
          "open_clip_config.json",
          "vision_config.json",
          "text_config.json",
          "vocab.txt",
          "tokenizer_config.json"
        }) {
      Files.copy(dir().resolve(f), tmp.resolve(f));
    }
    Map<String, INDArray> tensors = new java.util.LinkedHashMap<>();
    try (SafetensorsFile f = SafetensorsFile.open(dir().resolve(OpenClipCheckpoint.WEIGHTS))) {
      for (String n : f.names()) {
        if (n.equals("visual.head.proj.weight")) {
          continue;
        }
        long[] shape = f.shape(n);
        INDArray a =
            shape.length == 0 ? Nd4j.scalar(f.floats(n)[0]) : Nd4j.create(f.floats(n), shape, 'c');
        if (n.equals("visual.trunk.blocks.1.attn.qkv.weight")) {
          a = Nd4j.zeros(95, 32);
        }
        tensors.put(n, a);
      }
    }
    SafetensorsWriter.write(tmp.resolve(OpenClipCheckpoint.WEIGHTS), tensors, Map.of());
    WeightFormatException e =
        assertThrows(WeightFormatException.class, () -> OpenClipCheckpoint.load(tmp));
    String msg = e.getMessage();
    assertTrue(msg.contains(OpenClipCheckpoint.WEIGHTS), msg);
    assertTrue(msg.contains("visual.head.proj.weight"), msg);
    assertTrue(msg.contains("visual.trunk.blocks.1.attn.qkv.weight is [95, 32]"), msg);
  }

  @Test
  void anUnsupportedVisionTowerIsNamed() throws IOException {
    Files.writeString(
        tmp.resolve("open_clip_config.json"),
        Files.readString(dir().resolve("open_clip_config.json")));
    Files.writeString(
        tmp.resolve("vision_config.json"),
        Files.readString(dir().resolve("vision_config.json")).replace("\"token\"", "\"avg\""));
    WeightFormatException e =
        assertThrows(WeightFormatException.class, () -> OpenClipCheckpoint.load(tmp));
    assertTrue(e.getMessage().contains("vision_config.json"), e.getMessage());
    assertTrue(e.getMessage().contains("token pooling"), e.getMessage());
  }
}
