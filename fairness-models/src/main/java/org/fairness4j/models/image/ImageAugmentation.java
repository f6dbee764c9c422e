package org.fairness4j.models.image;

import java.util.Random;

/**
 * Training-time augmentation of a preprocessed image, in the spirit of torchvision's transforms:
 * random vertical and horizontal flips, a random rotation (nearest neighbour, black fill, as {@code
 * RandomRotation}'s defaults) and brightness and contrast jitter ({@code ColorJitter}: a factor
 * uniform in [1 − j, 1 + j], applied in random order, clamped to [0, 1]). It works on the
 * normalised channel-major floats an {@link ImagePreprocessor} produces, undoing and redoing the
 * normalisation around the colour operations. Immutable; randomness comes from the caller's
 * generator, so a seed fixes every choice.
 *
 * @param verticalFlip probability of a vertical flip
 * @param horizontalFlip probability of a horizontal flip
 * @param rotationDegrees maximum absolute rotation angle
 * @param brightness brightness jitter j
 * @param contrast contrast jitter j
 */
public record ImageAugmentation(
    double verticalFlip,
    double horizontalFlip,
    double rotationDegrees,
    double brightness,
    double contrast) {
  /**
   * Validates the parameters.
   *
   * @param verticalFlip probability in [0, 1]
   * @param horizontalFlip probability in [0, 1]
   * @param rotationDegrees non-negative
   * @param brightness in [0, 1)
   * @param contrast in [0, 1)
   */
  public ImageAugmentation {
    if (verticalFlip < 0 || verticalFlip > 1 || horizontalFlip < 0 || horizontalFlip > 1) {
      throw new IllegalArgumentException("flip probabilities must lie in [0, 1]");
    }
    if (rotationDegrees < 0 || brightness < 0 || brightness >= 1 || contrast < 0 || contrast >= 1) {
      throw new IllegalArgumentException("need rotation >= 0 and jitter in [0, 1)");
    }
  }

  /**
   * The authors' training augmentation: flips with probability 0.3, rotation ±15°, brightness and
   * contrast jitter 0.2.
   *
   * @return the preset
   */
  public static ImageAugmentation authors() {
    return new ImageAugmentation(0.3, 0.3, 15, 0.2, 0.2);
  }

  /**
   * Augments one image in place.
   *
   * @param chw normalised pixels [3 × size × size], channel-major
   * @param size the side
   * @param mean the normalisation means
   * @param std the normalisation standard deviations
   * @param rng the generator
   */
  public void apply(float[] chw, int size, float[] mean, float[] std, Random rng) {
    int n = size * size;
    boolean v = rng.nextDouble() < verticalFlip;
    boolean h = rng.nextDouble() < horizontalFlip;
    double angle = rotationDegrees == 0 ? 0 : (rng.nextDouble() * 2 - 1) * rotationDegrees;
    double bf = brightness == 0 ? 1 : 1 - brightness + rng.nextDouble() * 2 * brightness;
    double cf = contrast == 0 ? 1 : 1 - contrast + rng.nextDouble() * 2 * contrast;
    boolean brightnessFirst = rng.nextBoolean();
    // To [0, 1].
    for (int c = 0; c < 3; c++) {
      for (int i = 0; i < n; i++) {
        chw[c * n + i] = chw[c * n + i] * std[c] + mean[c];
      }
    }
    if (v || h || angle != 0) {
      geometry(chw, size, v, h, Math.toRadians(angle));
    }
    if (brightnessFirst) {
      brightness(chw, bf);
      contrast(chw, n, cf);
    } else {
      contrast(chw, n, cf);
      brightness(chw, bf);
    }
    for (int c = 0; c < 3; c++) {
      for (int i = 0; i < n; i++) {
        chw[c * n + i] = (chw[c * n + i] - mean[c]) / std[c];
      }
    }
  }

  private static void geometry(float[] chw, int size, boolean v, boolean h, double theta) {
    int n = size * size;
    float[] src = chw.clone();
    double centre = (size - 1) / 2.0;
    double cos = Math.cos(theta);
    double sin = Math.sin(theta);
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        // Inverse map: output (x, y) takes the input pixel rotated back, then flipped.
        double dx = x - centre;
        double dy = y - centre;
        int sx = (int) Math.round(cos * dx + sin * dy + centre);
        int sy = (int) Math.round(-sin * dx + cos * dy + centre);
        if (h) {
          sx = size - 1 - sx;
        }
        if (v) {
          sy = size - 1 - sy;
        }
        boolean inside = sx >= 0 && sx < size && sy >= 0 && sy < size;
        for (int c = 0; c < 3; c++) {
          chw[c * n + y * size + x] = inside ? src[c * n + sy * size + sx] : 0f;
        }
      }
    }
  }

  private static void brightness(float[] a, double f) {
    for (int i = 0; i < a.length; i++) {
      a[i] = clamp(a[i] * f);
    }
  }

  /** torchvision: blend with the mean of the grayscale image (ITU-R 601-2 luma). */
  private static void contrast(float[] a, int n, double f) {
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += 0.299 * a[i] + 0.587 * a[n + i] + 0.114 * a[2 * n + i];
    }
    double m = sum / n;
    for (int i = 0; i < a.length; i++) {
      a[i] = clamp(f * a[i] + (1 - f) * m);
    }
  }

  private static float clamp(double v) {
    return (float) Math.max(0, Math.min(1, v));
  }
}
