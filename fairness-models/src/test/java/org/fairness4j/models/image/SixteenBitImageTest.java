package org.fairness4j.models.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.fairness4j.models.TestFixtures;
import org.junit.jupiter.api.Test;

/**
 * 12-bit data stored unscaled in a 16-bit PNG (tools/make_png16_fixture.py, Pillow 12.3.0) never
 * silently reads as near-black: with an sBIT chunk it is scaled from its 12 significant bits,
 * without one it is refused naming the file. (Pillow's convert("RGB") clips both at 255, 94% of the
 * pixels white, as the script prints; neither reading is what the pixels mean.)
 */
class SixteenBitImageTest {
  private static Path fixture(String name) {
    return TestFixtures.path("/preprocess16/" + name);
  }

  @Test
  void twelveBitDataWithAnSbitChunkIsScaledFromItsSignificantBits() throws IOException {
    ImagePreprocessor.Rgb8 img = ImagePreprocessor.read(fixture("gray12_sbit_64x48.png"));
    int max = 0;
    for (int i = 0; i < 64 * 48; i++) {
      int raw = (i * 37) % 4096;
      int want = (int) Math.round(raw * 255.0 / 4095.0);
      for (int c = 0; c < 3; c++) {
        assertEquals(want, img.channels()[c][i], "pixel " + i + " channel " + c);
      }
      max = Math.max(max, img.channels()[0][i]);
    }
    assertEquals(255, max, "the full 8-bit range is used");
  }

  @Test
  void twelveBitDataWithoutSbitIsRefusedNamingTheFile() {
    Path file = fixture("gray12_64x48.png");
    IOException e = assertThrows(IOException.class, () -> ImagePreprocessor.read(file));
    assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("12-bit"), e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
  }
}
