package org.fairness4j.models.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ImageAugmentationTest {
  private static final float[] MEAN = {0.5f, 0.4f, 0.3f};
  private static final float[] STD = {0.2f, 0.25f, 0.3f};

  /** A 4x4 image whose [0,1] value at (c, y, x) is (c + 4y + x) / 40, normalised. */
  private static float[] image() {
    float[] a = new float[3 * 16];
    for (int c = 0; c < 3; c++) {
      for (int i = 0; i < 16; i++) {
        a[c * 16 + i] = ((c + i) / 40f - MEAN[c]) / STD[c];
      }
    }
    return a;
  }

  private static float raw(float[] a, int c, int y, int x) {
    return a[c * 16 + y * 4 + x] * STD[c] + MEAN[c];
  }

  @Test
  void nothingEnabledLeavesTheImageAsItWas() {
    float[] a = image();
    new ImageAugmentation(0, 0, 0, 0, 0).apply(a, 4, MEAN, STD, new Random(1));
    float[] b = image();
    for (int i = 0; i < a.length; i++) {
      assertEquals(b[i], a[i], 1e-5);
    }
  }

  @Test
  void certainFlipsMirrorBothAxes() {
    float[] a = image();
    new ImageAugmentation(1, 1, 0, 0, 0).apply(a, 4, MEAN, STD, new Random(1));
    float[] b = image();
    for (int c = 0; c < 3; c++) {
      for (int y = 0; y < 4; y++) {
        for (int x = 0; x < 4; x++) {
          assertEquals(raw(b, c, 3 - y, 3 - x), raw(a, c, y, x), 1e-6);
        }
      }
    }
  }

  @Test
  void brightnessScalesAndClampsInPixelSpace() {
    float[] a = image();
    // Jitter 0.5 with a generator whose draws are fixed: check against the factor it drew.
    ImageAugmentation aug = new ImageAugmentation(0, 0, 0, 0.5, 0);
    Random rng = new Random(3);
    aug.apply(a, 4, MEAN, STD, rng);
    Random replay = new Random(3);
    replay.nextDouble();
    replay.nextDouble();
    double f = 1 - 0.5 + replay.nextDouble() * 2 * 0.5;
    float[] b = image();
    for (int c = 0; c < 3; c++) {
      for (int i = 0; i < 16; i++) {
        double expected = Math.min(1, raw(b, c, i / 4, i % 4) * f);
        assertEquals(expected, raw(a, c, i / 4, i % 4), 1e-6);
      }
    }
  }

  @Test
  void theSameSeedGivesTheSameImage() {
    float[] a = image();
    float[] b = image();
    ImageAugmentation.authors().apply(a, 4, MEAN, STD, new Random(11));
    ImageAugmentation.authors().apply(b, 4, MEAN, STD, new Random(11));
    assertArrayEquals(a, b);
  }

  @Test
  void parametersAreChecked() {
    assertThrows(IllegalArgumentException.class, () -> new ImageAugmentation(1.5, 0, 0, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new ImageAugmentation(0, 0, -1, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new ImageAugmentation(0, 0, 0, 1, 0));
  }
}
