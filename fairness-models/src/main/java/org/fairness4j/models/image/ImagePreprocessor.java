package org.fairness4j.models.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns image files into encoder input the way the reference pipelines do: 8-bit RGB (grayscale
 * replicated to three channels, alpha dropped), Pillow-exact bicubic resize of the shorter side,
 * center crop, scale to [0, 1], per-channel mean/std normalisation. Equal to Hugging Face's {@code
 * CLIPImageProcessor} (Pillow backend) on PNG input. Immutable and thread-safe.
 *
 * @param resizeShortest the shorter side after resizing
 * @param crop the square crop size
 * @param mean per-channel mean (three values)
 * @param std per-channel standard deviation (three values)
 * @param cropRounding how an odd margin is split
 */
public record ImagePreprocessor(
    int resizeShortest, int crop, float[] mean, float[] std, CropRounding cropRounding) {

  /** How the center crop's offset is rounded when the margin is odd. */
  public enum CropRounding {
    /** (size − crop) / 2 rounded down, as Hugging Face's image processors. */
    FLOOR,
    /**
     * round((size − crop) / 2) half to even, as torchvision's CenterCrop (OpenAI CLIP, open_clip).
     */
    ROUND_HALF_EVEN
  }

  /**
   * Validates the parameters.
   *
   * @param resizeShortest shorter side after resizing
   * @param crop crop size
   * @param mean means
   * @param std standard deviations
   * @param cropRounding rounding
   */
  public ImagePreprocessor {
    if (mean.length != 3 || std.length != 3 || crop > resizeShortest || crop < 1) {
      throw new IllegalArgumentException("need 3 means, 3 stds and 0 < crop <= resize");
    }
    mean = mean.clone();
    std = std.clone();
  }

  /**
   * CLIP's preprocessing at 224 pixels (OpenAI's mean and std), Hugging Face's crop rounding.
   *
   * @return the preprocessor
   */
  public static ImagePreprocessor clip() {
    return new ImagePreprocessor(
        224,
        224,
        new float[] {0.48145466f, 0.4578275f, 0.40821073f},
        new float[] {0.26862954f, 0.26130258f, 0.27577711f},
        CropRounding.FLOOR);
  }

  /**
   * The preprocessing of a Hugging Face model directory: its {@code preprocessor_config.json}
   * ({@code image_mean}, {@code image_std}, {@code size.shortest_edge}, {@code crop_size}) when
   * present, otherwise CLIP's statistics at the model's image size.
   *
   * @param dir the model directory
   * @param imageSize the encoder's input size
   * @return the preprocessor
   * @throws IOException if the config exists but cannot be read
   */
  public static ImagePreprocessor forModel(Path dir, int imageSize) throws IOException {
    ImagePreprocessor clip = clip();
    Path cfg = dir.resolve("preprocessor_config.json");
    if (!Files.isRegularFile(cfg)) {
      return new ImagePreprocessor(imageSize, imageSize, clip.mean, clip.std, CropRounding.FLOOR);
    }
    com.fasterxml.jackson.databind.JsonNode n =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(cfg.toFile());
    float[] mean = floats(n.path("image_mean"), clip.mean);
    float[] std = floats(n.path("image_std"), clip.std);
    com.fasterxml.jackson.databind.JsonNode size = n.path("size");
    int shortest = size.isInt() ? size.asInt() : size.path("shortest_edge").asInt(imageSize);
    com.fasterxml.jackson.databind.JsonNode crop = n.path("crop_size");
    int c = crop.isInt() ? crop.asInt() : crop.path("height").asInt(imageSize);
    if (c != imageSize) {
      throw new IOException(cfg + ": crop size " + c + " differs from the model's " + imageSize);
    }
    return new ImagePreprocessor(shortest, c, mean, std, CropRounding.FLOOR);
  }

  private static float[] floats(com.fasterxml.jackson.databind.JsonNode n, float[] fallback) {
    if (!n.isArray() || n.size() != 3) {
      return fallback;
    }
    return new float[] {
      (float) n.get(0).asDouble(), (float) n.get(1).asDouble(), (float) n.get(2).asDouble()
    };
  }

  /**
   * A stable description of this preprocessing, for cache keys.
   *
   * @return the description
   */
  public String describe() {
    return "resize-shortest="
        + resizeShortest
        + ";crop="
        + crop
        + ";mean="
        + java.util.Arrays.toString(mean)
        + ";std="
        + java.util.Arrays.toString(std)
        + ";rounding="
        + cropRounding
        + ";resample=pillow-bicubic";
  }

  /**
   * MedCLIP's single-channel statistics (mean 0.5862785803043838, std 0.27950088968644304) applied
   * to all three channels, at 224 pixels.
   *
   * @return the preprocessor
   */
  public static ImagePreprocessor medClip() {
    float m = 0.5862785803043838f;
    float s = 0.27950088968644304f;
    return new ImagePreprocessor(
        224, 224, new float[] {m, m, m}, new float[] {s, s, s}, CropRounding.FLOOR);
  }

  /**
   * Reads PNG (8- or 16-bit), JPEG or any format ImageIO knows, as 8-bit RGB channels: gray
   * replicated, alpha dropped, palettes looked up (Pillow's {@code convert("RGB")}); 16-bit samples
   * keep their high byte, except unscaled data of fewer significant bits (a PNG {@code sBIT}
   * chunk), which is scaled to 8 bits, and a 16-bit image without {@code sBIT} whose values all lie
   * below 4096 (probably unscaled 12-bit data), which is refused.
   *
   * @param file the image
   * @return {@code [3][height*width]} values 0..255, and the size
   * @throws IOException naming the file when it is missing, not a readable image, or 16-bit data
   *     that would read as near-black
   */
  public static Rgb8 read(Path file) throws IOException {
    return ImageReading.read(file);
  }

  /**
   * 8-bit RGB pixels.
   *
   * @param width width
   * @param height height
   * @param channels {@code [3][height*width]}, row-major, values 0..255
   */
  public record Rgb8(int width, int height, int[][] channels) {}

  /**
   * Preprocesses one image.
   *
   * @param image 8-bit RGB pixels
   * @return {@code [3*crop*crop]} floats, channel-major
   */
  public float[] apply(Rgb8 image) {
    int w = image.width();
    int h = image.height();
    int nw;
    int nh;
    if (w <= h) {
      nw = resizeShortest;
      nh = (int) ((long) resizeShortest * h / w);
    } else {
      nh = resizeShortest;
      nw = (int) ((long) resizeShortest * w / h);
    }
    int top = offset(nh);
    int left = offset(nw);
    float[] out = new float[3 * crop * crop];
    for (int c = 0; c < 3; c++) {
      int[] resized =
          nw == w && nh == h
              ? image.channels()[c]
              : PilBicubic.resize(image.channels()[c], w, h, nw, nh);
      for (int y = 0; y < crop; y++) {
        for (int x = 0; x < crop; x++) {
          float v = resized[(y + top) * nw + x + left] * (1f / 255f);
          out[(c * crop + y) * crop + x] = (v - mean[c]) / std[c];
        }
      }
    }
    return out;
  }

  private int offset(int size) {
    int margin = size - crop;
    if (cropRounding == CropRounding.FLOOR) {
      return margin / 2;
    }
    return (int) Math.rint(margin / 2.0);
  }

  /**
   * Reads and preprocesses a batch of files.
   *
   * @param files image files
   * @return float32 {@code [files, 3, crop, crop]}
   * @throws IOException naming the first file that cannot be read
   */
  public INDArray batch(List<Path> files) throws IOException {
    float[] all = new float[files.size() * 3 * crop * crop];
    for (int i = 0; i < files.size(); i++) {
      float[] one = apply(read(files.get(i)));
      System.arraycopy(one, 0, all, i * one.length, one.length);
    }
    return Nd4j.create(all, new long[] {files.size(), 3, crop, crop}, 'c');
  }
}
