package org.fairness4j.models.openclip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fairness4j.models.TestFixtures;
import org.fairness4j.models.VisionLanguageCheckpoint;
import org.fairness4j.models.weights.SafetensorsFile;
import org.fairness4j.models.weights.WeightFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An open_clip directory as published on the hub (open_clip_config.json +
 * open_clip_model.safetensors + tokenizer files, written by open_clip's save_for_hf; BiomedCLIP's
 * family: timm ViT + BERT) loads with no export step and gives open_clip's features
 * (tools/make_open_clip_hub_fixture.py, open_clip 3.3.0, timm 1.0.29); a pickle-only directory is
 * refused in one line saying how to convert it.
 */
class OpenClipHubLayoutTest {
  @TempDir Path dir;

  private static Path hub() {
    return TestFixtures.path("/openclip-hub-tiny/open_clip_config.json").getParent();
  }

  private static double maxDiff(INDArray a, INDArray b) {
    return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"eager", "graph"})
  void aHubDirectoryGivesOpenClipsFeatures(String inference) throws IOException {
    String before =
        System.getProperty(org.fairness4j.models.nn.EagerPreLnBlocks.INFERENCE_PROPERTY);
    System.setProperty(org.fairness4j.models.nn.EagerPreLnBlocks.INFERENCE_PROPERTY, inference);
    try {
      hubParity();
    } finally {
      if (before == null) {
        System.clearProperty(org.fairness4j.models.nn.EagerPreLnBlocks.INFERENCE_PROPERTY);
      } else {
        System.setProperty(org.fairness4j.models.nn.EagerPreLnBlocks.INFERENCE_PROPERTY, before);
      }
    }
  }

  private static void hubParity() throws IOException {
    Path hub = hub();
    assertFalse(Files.exists(hub.resolve("vision_config.json")));
    assertFalse(Files.exists(hub.resolve("text_config.json")));
    try (VisionLanguageCheckpoint m = VisionLanguageCheckpoint.load(hub);
        SafetensorsFile ref = SafetensorsFile.open(hub.resolve("reference.safetensors"))) {
      assertTrue(m instanceof OpenClipCheckpoint);
      INDArray pixels = Nd4j.create(ref.floats("pixel_values"), ref.shape("pixel_values"), 'c');
      INDArray want = Nd4j.create(ref.floats("image_features"), ref.shape("image_features"), 'c');
      double image = maxDiff(want, m.imageEncoder().encode(pixels));
      assertTrue(image < 1e-5, "image: max |diff| " + image);
      String[] prompts =
          new ObjectMapper().readValue(ref.metadata().get("prompts"), String[].class);
      int[] flat = ref.ints("input_ids");
      int len = (int) ref.shape("input_ids")[1];
      int[][] ids = new int[prompts.length][];
      for (int i = 0; i < prompts.length; i++) {
        ids[i] = m.tokenizer().encode(prompts[i]);
        assertArrayEquals(
            java.util.Arrays.copyOfRange(flat, i * len, (i + 1) * len), ids[i], prompts[i]);
      }
      INDArray wantText = Nd4j.create(ref.floats("text_features"), ref.shape("text_features"), 'c');
      double text = maxDiff(wantText, m.textEncoder().encode(ids));
      assertTrue(text < 1e-5, "text: max |diff| " + text);
      assertEquals(Math.exp(ref.floats("logit_scale")[0]), m.logitScale(), 1e-5);
      assertEquals(160, m.preprocessor().crop());
    }
  }

  @Test
  void aPickleOnlyDirectoryIsRefusedWithTheConversion() throws IOException {
    Files.copy(hub().resolve("open_clip_config.json"), dir.resolve("open_clip_config.json"));
    Files.write(dir.resolve("open_clip_pytorch_model.bin"), new byte[] {(byte) 0x80, 2});
    WeightFormatException e =
        assertThrows(WeightFormatException.class, () -> VisionLanguageCheckpoint.load(dir));
    assertTrue(
        e.getMessage().startsWith(dir.resolve("open_clip_pytorch_model.bin") + ": a pickle"),
        e.getMessage());
    assertTrue(e.getMessage().contains("save_file("), e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
  }

  /**
   * CLIP's ModifiedResNet and text transformer (open_clip's RN50 layout) read from {@code
   * model_cfg} alone give the exported fixture's features (tools/make_openclip_rn_fixture.py).
   */
  @Test
  void aModifiedResNetHubDirectoryNeedsNoShapeFiles() throws IOException {
    Path src = TestFixtures.path("/openclip-rn-tiny/open_clip_config.json").getParent();
    try (var files = Files.list(src)) {
      for (Path f : files.toList()) {
        String n = f.getFileName().toString();
        if (!n.equals("vision_config.json") && !n.equals("text_config.json")) {
          Files.copy(f, dir.resolve(n));
        }
      }
    }
    double[] d = OpenClipCheckpointTest.parity(dir);
    assertTrue(d[0] < 1e-5, "image features differ by " + d[0]);
    assertTrue(d[1] < 1e-5, "text features differ by " + d[1]);
  }

  /**
   * open_clip's CLIPVisionCfg defaults timm_pool to "avg" (timm's average over the patch tokens and
   * fc_norm; open_clip 3.3.0 model.py), so a config without timm_pool is not BiomedCLIP's token
   * pooling: it is refused in one line rather than encoded with the class token (which gave
   * features 2.7 away from open_clip's on a vit_tiny model written by save_for_hf).
   */
  @Test
  void aMissingTimmPoolIsOpenClipsAverageAndRefused() throws IOException {
    try (var files = Files.list(hub())) {
      for (Path f : files.toList()) {
        Files.copy(f, dir.resolve(f.getFileName()));
      }
    }
    ObjectMapper m = new ObjectMapper();
    var cfg =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            m.readTree(hub().resolve("open_clip_config.json").toFile());
    ((com.fasterxml.jackson.databind.node.ObjectNode) cfg.path("model_cfg").path("vision_cfg"))
        .remove("timm_pool");
    Files.writeString(dir.resolve("open_clip_config.json"), m.writeValueAsString(cfg));
    WeightFormatException e =
        assertThrows(WeightFormatException.class, () -> VisionLanguageCheckpoint.load(dir));
    assertTrue(e.getMessage().contains("timm_pool 'avg'"), e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
  }

  /**
   * A ModifiedResNet model written by open_clip's own save_for_hf keeps the batch norms' int64
   * {@code num_batches_tracked} buffers in open_clip_model.safetensors; they are buffers, not
   * weights, and the directory loads and gives open_clip's features (other sizes than
   * openclip-rn-tiny; tools/make_openclip_rn_hub_fixture.py, open_clip 3.3.0).
   */
  @Test
  void aModifiedResNetSavedByOpenClipLoadsWithItsBatchNormCounters() throws IOException {
    Path rn = TestFixtures.path("/openclip-rn-hub/open_clip_config.json").getParent();
    try (SafetensorsFile f = SafetensorsFile.open(rn.resolve("open_clip_model.safetensors"))) {
      assertTrue(f.contains("visual.bn1.num_batches_tracked"));
    }
    double[] d = OpenClipCheckpointTest.parity(rn);
    assertTrue(d[0] < 1e-5, "image features differ by " + d[0]);
    assertTrue(d[1] < 1e-5, "text features differ by " + d[1]);
  }
}
