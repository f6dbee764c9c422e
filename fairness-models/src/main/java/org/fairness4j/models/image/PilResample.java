package org.fairness4j.models.image;

/**
 * Resampling of 8-bit channels exactly as Pillow's {@code Image.resize} does it (libImaging's
 * Resample.c, which torchvision and Hugging Face's PIL processors call): for the convolution
 * filters separable passes, horizontal then vertical (a pass skipped where that side keeps its
 * size), support scaled by the reduction factor, coefficients in 22-bit fixed point, rounding and
 * clipping to 8 bits after each pass; {@code NEAREST} as Pillow's affine scaling (Geometry.c).
 */
final class PilResample {
  private static final int PRECISION_BITS = 32 - 8 - 2;

  private PilResample() {}

  private static double sinc(double x) {
    if (x == 0.0) {
      return 1.0;
    }
    x = x * Math.PI;
    return Math.sin(x) / x;
  }

  private static double filter(ImagePreprocessor.Resample f, double x) {
    switch (f) {
      case BOX:
        return x > -0.5 && x <= 0.5 ? 1.0 : 0.0;
      case BILINEAR:
        x = Math.abs(x);
        return x < 1.0 ? 1.0 - x : 0.0;
      case HAMMING:
        x = Math.abs(x);
        if (x == 0.0) {
          return 1.0;
        }
        if (x >= 1.0) {
          return 0.0;
        }
        x = x * Math.PI;
        return Math.sin(x) / x * ((double) 0.54f + (double) 0.46f * Math.cos(x));
      case LANCZOS:
        return -3.0 <= x && x < 3.0 ? sinc(x) * sinc(x / 3) : 0.0;
      case BICUBIC:
      default:
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
  }

  private static double support(ImagePreprocessor.Resample f) {
    return switch (f) {
      case BOX -> 0.5;
      case BILINEAR, HAMMING -> 1.0;
      case LANCZOS -> 3.0;
      default -> 2.0;
    };
  }

  /** Fixed-point coefficients for one axis: bounds[2*o] = first input, bounds[2*o+1] = count. */
  private record Coefficients(int ksize, int[] bounds, int[] k) {}

  private static Coefficients coefficients(ImagePreprocessor.Resample f, int inSize, int outSize) {
    double scale = (double) inSize / outSize;
    double filterscale = Math.max(scale, 1.0);
    double support = support(f) * filterscale;
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
        w[x] = filter(f, (x + xmin - center + 0.5) * ss);
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
   * @param f the filter
   * @return the resized channel, row-major
   */
  static int[] resize(
      int[] in, int width, int height, int outWidth, int outHeight, ImagePreprocessor.Resample f) {
    if (outWidth == width && outHeight == height) {
      return in.clone();
    }
    if (f == ImagePreprocessor.Resample.NEAREST) {
      return nearest(in, width, height, outWidth, outHeight);
    }
    Coefficients vert = coefficients(f, height, outHeight);
    int[] src = in;
    int srcWidth = width;
    int[] vbounds = vert.bounds().clone();
    if (outWidth != width) {
      Coefficients h = coefficients(f, width, outWidth);
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

  /** Pillow's NEAREST resize: affine scaling, source = (int) of the accumulated pixel centre. */
  private static int[] nearest(int[] in, int width, int height, int outWidth, int outHeight) {
    double ax = (double) width / outWidth;
    double ay = (double) height / outHeight;
    int[] xin = new int[outWidth];
    double xo = ax * 0.5;
    for (int x = 0; x < outWidth; x++) {
      xin[x] = Math.min(width - 1, (int) xo);
      xo += ax;
    }
    int[] out = new int[outWidth * outHeight];
    double yo = ay * 0.5;
    for (int y = 0; y < outHeight; y++) {
      int row = Math.min(height - 1, (int) yo) * width;
      for (int x = 0; x < outWidth; x++) {
        out[y * outWidth + x] = in[row + xin[x]];
      }
      yo += ay;
    }
    return out;
  }
}
