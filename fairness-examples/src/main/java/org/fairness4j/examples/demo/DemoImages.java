package org.fairness4j.examples.demo;

import java.util.Random;

/**
 * Synthetic 32×32 "chest X-rays": a lung-field background and one finding-specific pattern, with
 * group-dependent difficulty built in (the pattern is fainter for patients aged 60 and over, and
 * fainter still for women). Entirely made up: nothing here resembles real radiology beyond the file
 * format.
 */
final class DemoImages {
  static final int SIZE = 32;

  private DemoImages() {}

  /** Pattern strength: 1 for young men, less for older patients and for women. */
  static double strength(int age, String sex) {
    return (age >= 60 ? 0.4 : 1.0) * (sex.equals("F") ? 0.7 : 1.0);
  }

  /**
   * Draws one image.
   *
   * @param cls class index in {@code NihProtocol.CLASSES}, or -1 for no finding
   * @param strength pattern strength
   * @param rng the generator
   * @return 8-bit gray pixels, row-major
   */
  static int[] draw(int cls, double strength, Random rng) {
    double[] img = new double[SIZE * SIZE];
    double cx = SIZE / 2.0 + rng.nextGaussian();
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        // Two darker lung fields left and right of a brighter mediastinum.
        double dx = Math.abs(x - cx) / (SIZE / 2.0);
        double lung =
            Math.exp(-Math.pow((dx - 0.5) / 0.25, 2)) * Math.exp(-Math.pow((y - 15) / 11.0, 2));
        img[y * SIZE + x] = 150 - 70 * lung + rng.nextGaussian() * 18;
      }
    }
    double a = 85 * strength;
    int ox = rng.nextInt(5) - 2;
    int oy = rng.nextInt(5) - 2;
    switch (cls) {
      case 0 -> band(img, 22 + oy, 3, a); // Atelectasis: a horizontal band low in the lungs
      case 1 -> blob(img, 16 + ox, 20 + oy, 7, a); // Cardiomegaly: a large central blob
      case 2 -> blob(img, 9 + ox, 10 + oy, 4, a); // Consolidation: a patch high on the left
      case 3 -> stripes(img, a * 0.8); // Edema: diffuse vertical stripes
      case 4 -> corners(img, a); // Effusion: bright lower corners
      case 5 -> blob(img, 24 + ox, 8 + oy, 5, -a); // Pneumothorax: a dark patch high on the right
      default -> {}
    }
    int[] out = new int[img.length];
    for (int i = 0; i < img.length; i++) {
      out[i] = (int) Math.max(0, Math.min(255, Math.round(img[i])));
    }
    return out;
  }

  private static void blob(double[] img, int cx, int cy, double r, double a) {
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        double d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
        img[y * SIZE + x] += a * Math.exp(-d2 / (2 * r * r));
      }
    }
  }

  private static void band(double[] img, int cy, double w, double a) {
    for (int y = 0; y < SIZE; y++) {
      double f = Math.exp(-Math.pow((y - cy) / w, 2));
      for (int x = 3; x < SIZE - 3; x++) {
        img[y * SIZE + x] += a * f;
      }
    }
  }

  private static void stripes(double[] img, double a) {
    for (int y = 4; y < SIZE - 4; y++) {
      for (int x = 0; x < SIZE; x++) {
        img[y * SIZE + x] += (x % 4 < 2 ? a : -a) * 0.5;
      }
    }
  }

  private static void corners(double[] img, double a) {
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        double l = Math.exp(-((x - 2) * (x - 2) + (y - 29) * (y - 29)) / 40.0);
        double r = Math.exp(-((x - 29) * (x - 29) + (y - 29) * (y - 29)) / 40.0);
        img[y * SIZE + x] += a * (l + r);
      }
    }
  }
}
