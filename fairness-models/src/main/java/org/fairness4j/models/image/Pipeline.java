package org.fairness4j.models.image;

/**
 * The steps of an {@link ImagePreprocessor} on a decoded image: resize (Pillow's filters; in
 * open_clip's order with Pillow's premultiplied alpha for RGBA/LA and NEAREST for palette images),
 * center crop or pad, colour conversion, rescale, normalisation.
 */
final class Pipeline {
  private Pipeline() {}

  static float[] run(ImagePreprocessor p, ImageReading.Decoded d) {
    int w = d.width();
    int h = d.height();
    int t = p.resizeShortest();
    int nw;
    int nh;
    switch (p.resizeMode()) {
      case SHORTEST -> {
        if (w <= h) {
          nw = t;
          nh = (int) ((long) t * h / w);
        } else {
          nh = t;
          nw = (int) ((long) t * w / h);
        }
      }
      case EXACT -> {
        nw = t;
        nh = t;
      }
      case LONGEST -> {
        double ratio = Math.max((double) h / t, (double) w / t);
        nh = (int) Math.rint(h / ratio);
        nw = (int) Math.rint(w / ratio);
      }
      default -> {
        nw = w;
        nh = h;
      }
    }
    int[][] resized = resize(p, d, nw, nh);
    int crop = p.crop();
    if (!p.centerCrop() && (nw != crop || nh != crop)) {
      throw new IllegalArgumentException(
          "image " + w + "x" + h + " resized to " + nw + "x" + nh + ", not " + crop + "x" + crop);
    }
    int top = p.centerCrop() ? offset(p, nh) : 0;
    int left = p.centerCrop() ? offset(p, nw) : 0;
    float[] out = new float[3 * crop * crop];
    float[] mean = p.mean();
    float[] std = p.std();
    double rescale = p.rescale();
    boolean paletteFill =
        d.palette() && p.conversion() == ImagePreprocessor.ColourConversion.AFTER_CROP;
    for (int c = 0; c < 3; c++) {
      int[] ch = resized[c];
      // Padding is pixel value 0; a palette image padded in its own mode gets index 0's colour.
      int fill = paletteFill ? (d.indexZero() >> (16 - 8 * c)) & 0xFF : 0;
      for (int y = 0; y < crop; y++) {
        int sy = y + top;
        for (int x = 0; x < crop; x++) {
          int sx = x + left;
          int pixel = sy >= 0 && sy < nh && sx >= 0 && sx < nw ? ch[sy * nw + sx] : fill;
          float v = (float) (pixel * rescale);
          out[(c * crop + y) * crop + x] = p.normalize() ? (v - mean[c]) / std[c] : v;
        }
      }
    }
    return out;
  }

  /** Where the crop window starts in a resized side; negative where the side is padded. */
  private static int offset(ImagePreprocessor p, int size) {
    int crop = p.crop();
    boolean hf = p.cropRounding() == ImagePreprocessor.CropRounding.FLOOR;
    if (size >= crop) {
      return hf ? (size - crop) / 2 : (int) Math.rint((size - crop) / 2.0);
    }
    int pad = crop - size;
    return hf ? -((pad + 1) / 2) : -(pad / 2);
  }

  private static int[][] resize(ImagePreprocessor p, ImageReading.Decoded d, int nw, int nh) {
    int w = d.width();
    int h = d.height();
    int[][] rgb = d.rgb();
    if (nw == w && nh == h) {
      return rgb;
    }
    ImagePreprocessor.Resample f = p.resample();
    boolean inFileMode = p.conversion() == ImagePreprocessor.ColourConversion.AFTER_CROP;
    if (inFileMode && d.palette()) {
      f = ImagePreprocessor.Resample.NEAREST;
    }
    int[][] out = new int[3][];
    int[] alpha = d.alpha();
    if (inFileMode && alpha != null && f != ImagePreprocessor.Resample.NEAREST) {
      int[] a2 = PilResample.resize(alpha, w, h, nw, nh, f);
      for (int c = 0; c < 3; c++) {
        int[] pm = new int[rgb[c].length];
        for (int i = 0; i < pm.length; i++) {
          int tmp = rgb[c][i] * alpha[i] + 128;
          pm[i] = ((tmp >> 8) + tmp) >> 8;
        }
        int[] r = PilResample.resize(pm, w, h, nw, nh, f);
        for (int i = 0; i < r.length; i++) {
          int a = a2[i];
          if (a != 255 && a != 0) {
            r[i] = Math.min(255, Math.max(0, (255 * r[i]) / a));
          }
        }
        out[c] = r;
      }
      return out;
    }
    for (int c = 0; c < 3; c++) {
      out[c] = PilResample.resize(rgb[c], w, h, nw, nh, f);
    }
    return out;
  }
}
