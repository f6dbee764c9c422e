package org.fairness4j.models.image;

/**
 * Bicubic resampling of 8-bit channels exactly as Pillow does it ({@code Image.resize} with {@code
 * BICUBIC}, which torchvision and Hugging Face use for CLIP): separable passes, horizontal then
 * vertical, with antialiasing support scaled by the reduction factor, coefficients in 22-bit fixed
 * point, rounding and clipping to 8 bits after each pass.
 */
final class PilBicubic {
  private static final int PRECISION_BITS = 32 - 8 - 2;
  private static final double SUPPORT = 2.0;

  private PilBicubic() {}

  private static double filter(double x) {
    double a = -0.5;
    x = Math.abs(x);
    if (x < 1.0) {
      return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
    }
    if (x < 2.0) {
      return (((x - 5) * x + 8) * x - 4) * a;
    }
    return 0.0;
  }

  /** Fixed-point coefficients for one axis: bounds[2*o] = first input, bounds[2*o+1] = count. */
  private record Coefficients(int ksize, int[] bounds, int[] k) {}

  private static Coefficients coefficients(int inSize, int outSize) {
    double scale = (double) inSize / outSize;
    double filterscale = Math.max(scale, 1.0);
    double support = SUPPORT * filterscale;
    int ksize = (int) Math.ceil(support) * 2 + 1;
    int[] bounds = new int[outSize * 2];
    int[] k = new int[outSize * ksize];
    double[] w = new double[ksize];
    for (int xx = 0; xx < outSize; xx++) {
      double center = (xx + 0.5) * scale;
      double ss = 1.0 / filterscale;
      int xmin = Math.max((int) (center - support + 0.5), 0);
      int xmax = Math.min((int) (center + support + 0.5), inSize) - xmin;
      double ww = 0;
      for (int x = 0; x < xmax; x++) {
        w[x] = filter((x + xmin - center + 0.5) * ss);
        ww += w[x];
      }
      for (int x = 0; x < xmax; x++) {
        double v = ww != 0.0 ? w[x] / ww : w[x];
        k[xx * ksize + x] =
            v < 0
                ? (int) (-0.5 + v * (1 << PRECISION_BITS))
                : (int) (0.5 + v * (1 << PRECISION_BITS));
      }
      bounds[xx * 2] = xmin;
      bounds[xx * 2 + 1] = xmax;
    }
    return new Coefficients(ksize, bounds, k);
  }

  private static int clip8(long v) {
    if (v >= (1L << PRECISION_BITS << 8)) {
      return 255;
    }
    if (v <= 0) {
      return 0;
    }
    return (int) (v >> PRECISION_BITS);
  }

  /**
   * Resizes one 8-bit channel.
   *
   * @param in values 0..255, row-major {@code [height][width]}
   * @param width input width
   * @param height input height
   * @param outWidth output width
   * @param outHeight output height
   * @return the resized channel, row-major
   */
  static int[] resize(int[] in, int width, int height, int outWidth, int outHeight) {
    Coefficients vert = coefficients(height, outHeight);
    int[] src = in;
    int srcWidth = width;
    int[] vbounds = vert.bounds().clone();
    if (outWidth != width) {
      Coefficients h = coefficients(width, outWidth);
      int first = vert.bounds()[0];
      int last = vert.bounds()[outHeight * 2 - 2] + vert.bounds()[outHeight * 2 - 1];
      for (int i = 0; i < outHeight; i++) {
        vbounds[i * 2] -= first;
      }
      int rows = last - first;
      int[] tmp = new int[rows * outWidth];
      for (int y = 0; y < rows; y++) {
        int row = (y + first) * width;
        for (int xx = 0; xx < outWidth; xx++) {
          int xmin = h.bounds()[xx * 2];
          int xmax = h.bounds()[xx * 2 + 1];
          long ss = 1L << (PRECISION_BITS - 1);
          int base = xx * h.ksize();
          for (int x = 0; x < xmax; x++) {
            ss += (long) in[row + x + xmin] * h.k()[base + x];
          }
          tmp[y * outWidth + xx] = clip8(ss);
        }
      }
      src = tmp;
      srcWidth = outWidth;
    } else if (vert.bounds()[0] != 0) {
      // No horizontal pass: the vertical pass reads the input rows directly.
      vbounds = vert.bounds().clone();
    }
    if (outHeight == height) {
      return src.length == outWidth * outHeight ? src : src.clone();
    }
    int[] out = new int[outHeight * outWidth];
    for (int yy = 0; yy < outHeight; yy++) {
      int ymin = vbounds[yy * 2];
      int ymax = vbounds[yy * 2 + 1];
      int base = yy * vert.ksize();
      for (int xx = 0; xx < outWidth; xx++) {
        long ss = 1L << (PRECISION_BITS - 1);
        for (int y = 0; y < ymax; y++) {
          ss += (long) src[(y + ymin) * srcWidth + xx] * vert.k()[base + y];
        }
        out[yy * outWidth + xx] = clip8(ss);
      }
    }
    return out;
  }
}
