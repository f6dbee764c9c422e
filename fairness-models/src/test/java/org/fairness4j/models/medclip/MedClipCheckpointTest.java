package org.fairness4j.models.medclip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fairness4j.models.TestFixtures;
import org.fairness4j.models.VisionLanguageCheckpoint;
import org.fairness4j.models.weights.SafetensorsFile;
import org.fairness4j.models.weights.WeightFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MedCLIP's ResNet variant equals the forward pass of MedCLIP's code on a tiny random model of its
 * layout (tools/make_medclip_fixture.py: torch 2.13.0+cpu, transformers 5.18.0), cased tokenizer
 * and clamped logit scale included.
 */
class MedClipCheckpointTest {
  @TempDir Path tmp;

  static Path dir() {
    return TestFixtures.path("/medclip-tiny/medclip_config.json").getParent();
  }

  /** Largest differences {image, text} of a MedCLIP directory against its reference file. */
  static double[] parity(Path dir) throws IOException {
    return org.fairness4j.models.FeatureParity.of(dir);
  }

  @Test
  void imageAndTextFeaturesEqualMedClipsForwardPass() throws IOException {
    double[] d = parity(dir());
    assertTrue(d[0] < 1e-5, "image features differ by " + d[0]);
    assertTrue(d[1] < 1e-5, "text features differ by " + d[1]);
    try (SafetensorsFile ref = SafetensorsFile.open(dir().resolve("reference.safetensors"));
        VisionLanguageCheckpoint m = VisionLanguageCheckpoint.load(dir())) {
      assertTrue(m instanceof MedClipCheckpoint);
      // logit_scale 4.9 is clamped to 4.6052 as in MedCLIP's compute_logits
      assertEquals(ref.floats("logit_scale")[0], m.logitScale(), 1e-3);
      assertEquals(Math.exp(4.6052), m.logitScale(), 1e-9);
      assertFalse(((MedClipCheckpoint) m).tokenizer().lowercase());
      assertEquals(64, m.preprocessor().crop());
    }
  }

  /**
   * MedCLIP-ViT: a tiny Swin (112 px, window 7: shifted windows at 28×28 and 14×14, one window at
   * 7×7) with transformers 4.x tensor names, equal to Hugging Face's SwinModel pooler output
   * through the projection.
   */
  @Test
  void theSwinVariantEqualsSwinModelWithMedClipsProjection() throws IOException {
    Path vit = TestFixtures.path("/medclip-vit-tiny/medclip_config.json").getParent();
    double[] d = parity(vit);
    assertTrue(d[0] < 1e-5, "image features differ by " + d[0]);
    assertTrue(d[1] < 1e-5, "text features differ by " + d[1]);
    try (VisionLanguageCheckpoint m = VisionLanguageCheckpoint.load(vit)) {
      assertEquals(112, m.imageEncoder().imageSize());
      assertEquals(Math.exp(3.2), m.logitScale(), 1e-5);
    }
  }

  @Test
  void anUnknownVisionTowerIsRefusedByName() throws IOException {
    Files.writeString(
        tmp.resolve("medclip_config.json"),
        Files.readString(dir().resolve("medclip_config.json")).replace("resnet50", "vit-huge"));
    WeightFormatException e =
        assertThrows(WeightFormatException.class, () -> MedClipCheckpoint.load(tmp));
    assertTrue(e.getMessage().contains("medclip_config.json"), e.getMessage());
    assertTrue(e.getMessage().contains("vit-huge"), e.getMessage());
  }
}
