package org.fairness4j.models.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.fairness4j.models.TestFixtures;
import org.fairness4j.models.weights.SafetensorsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each preprocessing variant a model directory can declare, read from the file the library writes
 * ({@code preprocessor_config.json}, or {@code preprocess_cfg} of {@code open_clip_config.json}),
 * gives the library's own pixel values on images in Pillow's modes L, LA, RGB, RGBA, P and P with
 * transparency, and a small image that is padded (including the legacy CLIPFeatureExtractor JSON
 * published with OpenAI's checkpoints: int size and crop_size): transformers 5.18.0's
 * CLIPImageProcessorPil and open_clip 3.3.0's image_transform, Pillow 12.3.0
 * (tools/make_preprocess_variants_fixture.py).
 */
class PreprocessingParityTest {
  private static final double TOLERANCE = 1e-5;

  @TempDir Path dir;

  static Path root() {
    return TestFixtures.path("/preprocess-variants/reference.safetensors").getParent();
  }

  static List<String> variants() throws IOException {
    try (SafetensorsFile ref = SafetensorsFile.open(root().resolve("reference.safetensors"))) {
      List<String> out = new ArrayList<>();
      new ObjectMapper()
          .readTree(ref.metadata().get("variants"))
          .fieldNames()
          .forEachRemaining(out::add);
      return out;
    }
  }

  static ImagePreprocessor load(Path variant, int size) throws IOException {
    Path oc = variant.resolve("open_clip_config.json");
    if (Files.isRegularFile(oc)) {
      JsonNode cfg = new ObjectMapper().readTree(oc.toFile());
      return ImagePreprocessor.forOpenClip(cfg.path("preprocess_cfg"), size, oc);
    }
    return ImagePreprocessor.forModel(variant, size);
  }

  @ParameterizedTest
  @MethodSource("variants")
  void everyVariantMatchesItsLibrary(String variant) throws IOException {
    try (SafetensorsFile ref = SafetensorsFile.open(root().resolve("reference.safetensors"))) {
      ObjectMapper json = new ObjectMapper();
      int size = json.readTree(ref.metadata().get("variants")).get(variant).asInt();
      ImagePreprocessor pre = load(root().resolve(variant), size);
      assertEquals(size, pre.crop());
      Iterator<JsonNode> images = json.readTree(ref.metadata().get("images")).elements();
      int checked = 0;
      while (images.hasNext()) {
        String image = images.next().asText();
        float[] want = ref.floats(variant + "/" + image);
        float[] got = pre.apply(root().resolve("images").resolve(image));
        assertEquals(want.length, got.length, image);
        double max = 0;
        for (int i = 0; i < want.length; i++) {
          max = Math.max(max, Math.abs(want[i] - got[i]));
        }
        assertTrue(max < TOLERANCE, variant + " " + image + ": max |difference| " + max);
        checked++;
      }
      assertEquals(7, checked);
    }
  }

  @Test
  void configsThatCannotGiveTheModelsSquareInputAreRefusedByField() throws IOException {
    Map<String, String> bad =
        Map.of(
            "{\"crop_size\": {\"height\": 30, \"width\": 30}}", "crop_size",
            "{\"resample\": 9}", "resample",
            "{\"size\": {\"height\": 24, \"width\": 30}, \"do_center_crop\": false}", "size",
            "{\"size\": {\"shortest_edge\": 24}, \"do_center_crop\": false}", "do_center_crop");
    for (Map.Entry<String, String> e : bad.entrySet()) {
      Files.writeString(dir.resolve("preprocessor_config.json"), e.getKey());
      IOException x = assertThrows(IOException.class, () -> ImagePreprocessor.forModel(dir, 24));
      assertTrue(
          x.getMessage().startsWith(dir.resolve("preprocessor_config.json") + ": " + e.getValue()),
          x.getMessage());
    }
    JsonNode oc = new ObjectMapper().readTree("{\"resize_mode\": \"stretch\"}");
    IOException x =
        assertThrows(
            IOException.class,
            () -> ImagePreprocessor.forOpenClip(oc, 24, dir.resolve("open_clip_config.json")));
    assertTrue(x.getMessage().contains("preprocess_cfg.resize_mode"), x.getMessage());
  }
}
