package org.fairness4j.models.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.fairness4j.models.TestFixtures;
import org.fairness4j.models.weights.SafetensorsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Preprocessing equals Hugging Face's CLIPImageProcessorPil (transformers 5.18.0, Pillow 12.3.0) on
 * the images of {@code preprocess/}, written by {@code tools/make_preprocess_fixture.py}.
 */
class ImagePreprocessorTest {
  @TempDir Path dir;

  static Path fixture(String name) {
    return TestFixtures.path("/preprocess/" + name);
  }

  private static double maxDiff(String name) throws IOException {
    try (SafetensorsFile ref = SafetensorsFile.open(fixture("reference.safetensors"))) {
      float[] want = ref.floats(name);
      float[] got = ImagePreprocessor.clip().apply(ImagePreprocessor.read(fixture(name)));
      assertEquals(want.length, got.length);
      double max = 0;
      for (int i = 0; i < want.length; i++) {
        max = Math.max(max, Math.abs(want[i] - got[i]));
      }
      return max;
    }
  }

  @Test
  void grayscaleDownscaleEqualsPillow() throws IOException {
    assertTrue(maxDiff("gray_300x250.png") < 1e-5);
  }

  @Test
  void rgbWithOddCropMarginEqualsPillow() throws IOException {
    assertTrue(maxDiff("rgb_181x260.png") < 1e-5);
  }

  @Test
  void rgbaUpscaleDropsAlphaAndEqualsPillow() throws IOException {
    assertTrue(maxDiff("rgba_97x64.png") < 1e-5);
  }

  @Test
  void jpegDecodersMayDifferByOneLevel() throws IOException {
    // ImageIO's and libjpeg's IDCTs can round differently: allow a few 8-bit levels.
    assertTrue(maxDiff("gray_120x120.jpg") < 4.0 / 255 / 0.26);
  }

  /**
   * A 16-bit grayscale PNG written by Pillow (tools/make_png16_fixture.py) is read as its high
   * byte, value >> 8, on all three channels. (Pillow's convert("RGB"), which Hugging Face's
   * processors call, clips 16-bit values at 255 instead: docs/models.md.)
   */
  @Test
  void sixteenBitGrayscaleKeepsTheHighByte() throws IOException {
    ImagePreprocessor.Rgb8 img =
        ImagePreprocessor.read(
            org.fairness4j.models.TestFixtures.path("/preprocess16/gray16_64x48.png"));
    assertEquals(64, img.width());
    assertEquals(48, img.height());
    for (int i = 0; i < 64 * 48; i++) {
      int want = ((i * 21) % 65536) >> 8;
      for (int c = 0; c < 3; c++) {
        assertEquals(want, img.channels()[c][i], "pixel " + i + " channel " + c);
      }
    }
  }

  @Test
  void unreadableAndMissingImagesAreNamed() throws IOException {
    Path bad = dir.resolve("broken.png");
    Files.writeString(bad, "not an image");
    IOException e = assertThrows(IOException.class, () -> ImagePreprocessor.read(bad));
    assertTrue(e.getMessage().startsWith(bad.toString()), e.getMessage());
    assertThrows(NoSuchFileException.class, () -> ImagePreprocessor.read(dir.resolve("none.png")));
  }
}
