package org.fairness4j.models.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns image files into encoder input the way the library that wrote the model's files does:
 * decode to 8-bit (see {@link #read}), resize with one of Pillow's filters (exactly: {@code
 * PilResample}), center-crop (or pad), rescale and normalise per channel. Two orders of colour
 * conversion exist: Hugging Face's image processors convert to RGB first ({@code do_convert_rgb}:
 * alpha dropped, gray replicated), open_clip resizes and crops in the file's own mode and converts
 * last (so RGBA and LA images are resized with premultiplied alpha and palette images with NEAREST,
 * as Pillow's {@code resize} does). Equal to transformers' {@code CLIPImageProcessorPil} and
 * open_clip's {@code image_transform} on PNG input ({@code PreprocessingParityTest}). Immutable and
 * thread-safe.
 *
 * @param resizeShortest the target of the resize: the shorter side ({@link ResizeMode#SHORTEST}),
 *     the square side ({@link ResizeMode#EXACT}, {@link ResizeMode#LONGEST}); unused for {@link
 *     ResizeMode#NONE}
 * @param crop the square output size
 * @param mean per-channel mean (three values)
 * @param std per-channel standard deviation (three values)
 * @param cropRounding how an odd crop margin (and padding) is split
 * @param resample the resize filter
 * @param resizeMode how the image is resized
 * @param centerCrop whether the resized image is center-cropped (or padded) to {@code crop}; if
 *     not, it must come out {@code crop} × {@code crop}
 * @param rescale factor on 0..255 values before normalisation (1/255, or 1 for none)
 * @param normalize whether (v − mean) / std is applied
 * @param conversion when the image becomes RGB
 */
public record ImagePreprocessor(
    int resizeShortest,
    int crop,
    float[] mean,
    float[] std,
    CropRounding cropRounding,
    Resample resample,
    ResizeMode resizeMode,
    boolean centerCrop,
    double rescale,
    boolean normalize,
    ColourConversion conversion) {

  /** How the center crop's offset is rounded when the margin is odd. */
  public enum CropRounding {
    /**
     * (size − crop) / 2 rounded down, and padding put ⌈(crop − size)/2⌉ from the top left, as
     * Hugging Face's image processors.
     */
    FLOOR,
    /**
     * round((size − crop) / 2) half to even, and padding ⌊(crop − size)/2⌋ from the top left, as
     * torchvision's CenterCrop (OpenAI CLIP, open_clip).
     */
    ROUND_HALF_EVEN
  }

  /** Pillow's resampling filters, in the order of their {@code Image.Resampling} codes 0..5. */
  public enum Resample {
    /** 0. */
    NEAREST,
    /** 1. */
    LANCZOS,
    /** 2. */
    BILINEAR,
    /** 3. */
    BICUBIC,
    /** 4. */
    BOX,
    /** 5. */
    HAMMING;

    /**
     * The filter of a Pillow code ({@code resample} in {@code preprocessor_config.json}).
     *
     * @param code 0..5
     * @return the filter
     * @throws IllegalArgumentException for another code
     */
    public static Resample ofPillowCode(int code) {
      if (code < 0 || code >= values().length) {
        throw new IllegalArgumentException("unknown Pillow resample code " + code + " (0..5)");
      }
      return values()[code];
    }
  }

  /** How the image is resized before cropping. */
  public enum ResizeMode {
    /** Shorter side to the target, the longer one int(target · long / short). */
    SHORTEST,
    /** Both sides to the target (transformers' {@code size.height/width}, open_clip's squash). */
    EXACT,
    /**
     * Longer side to the target, the shorter one round(side / ratio) (open_clip's {@code longest},
     * then crop-or-pad).
     */
    LONGEST,
    /** No resize ({@code do_resize: false}). */
    NONE
  }

  /** When the image is converted to RGB (Pillow's {@code convert("RGB")}). */
  public enum ColourConversion {
    /** First, then resize (Hugging Face's {@code do_convert_rgb}). */
    BEFORE_RESIZE,
    /** After resize and crop, which run in the file's mode (open_clip). */
    AFTER_CROP
  }

  /**
   * Validates the parameters.
   *
   * @param resizeShortest resize target
   * @param crop output size
   * @param mean means
   * @param std standard deviations
   * @param cropRounding rounding
   * @param resample filter
   * @param resizeMode resize mode
   * @param centerCrop whether to crop
   * @param rescale rescale factor
   * @param normalize whether to normalise
   * @param conversion colour conversion order
   */
  public ImagePreprocessor {
    if (mean.length != 3 || std.length != 3 || crop < 1) {
      throw new IllegalArgumentException("need 3 means, 3 stds and crop > 0");
    }
    if (resizeMode != ResizeMode.NONE && resizeShortest < 1) {
      throw new IllegalArgumentException("resize target must be positive");
    }
    if (!centerCrop && (resizeMode != ResizeMode.EXACT || resizeShortest != crop)) {
      throw new IllegalArgumentException(
          "without a center crop only an exact resize to " + crop + " gives square inputs");
    }
    if (!(rescale > 0)) {
      throw new IllegalArgumentException("rescale factor must be positive");
    }
    mean = mean.clone();
    std = std.clone();
  }

  /**
   * The classic CLIP pipeline: Pillow bicubic resize of the shorter side, center crop, 1/255,
   * normalisation, RGB conversion first.
   *
   * @param resizeShortest shorter side after resizing
   * @param crop crop size
   * @param mean means
   * @param std standard deviations
   * @param cropRounding rounding
   */
  public ImagePreprocessor(
      int resizeShortest, int crop, float[] mean, float[] std, CropRounding cropRounding) {
    this(
        resizeShortest,
        crop,
        mean,
        std,
        cropRounding,
        Resample.BICUBIC,
        ResizeMode.SHORTEST,
        true,
        1.0 / 255.0,
        true,
        ColourConversion.BEFORE_RESIZE);
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
   * The preprocessing of a Hugging Face model directory as transformers' PIL image processor reads
   * its {@code preprocessor_config.json}: {@code do_resize}, {@code size} ({@code shortest_edge},
   * or {@code height}/{@code width}), {@code resample}, {@code do_center_crop}, {@code crop_size},
   * {@code do_rescale}/{@code rescale_factor}, {@code do_normalize}, {@code image_mean}/{@code
   * image_std}; CLIP's defaults for absent fields, CLIP's pipeline at the model's size when there
   * is no such file.
   *
   * @param dir the model directory
   * @param imageSize the encoder's input size
   * @return the preprocessor
   * @throws IOException if the config exists but cannot be read, or does not give {@code imageSize}
   *     square inputs (naming the file and field)
   */
  public static ImagePreprocessor forModel(Path dir, int imageSize) throws IOException {
    Path cfg = dir.resolve("preprocessor_config.json");
    if (!Files.isRegularFile(cfg)) {
      ImagePreprocessor clip = clip();
      return new ImagePreprocessor(imageSize, imageSize, clip.mean, clip.std, CropRounding.FLOOR);
    }
    return PreprocessingConfigs.transformers(cfg, imageSize);
  }

  /**
   * The preprocessing of an open_clip model as its {@code image_transform} (evaluation) reads the
   * {@code preprocess_cfg} of {@code open_clip_config.json}: {@code resize_mode} ({@code shortest},
   * {@code longest}, {@code squash}), {@code interpolation} ({@code bicubic}, {@code bilinear};
   * {@code random} is bicubic at evaluation), {@code mean}, {@code std}, {@code fill_color}.
   *
   * @param preprocessCfg the {@code preprocess_cfg} object (may be missing)
   * @param imageSize the model's image size
   * @param source the config file, for messages
   * @return the preprocessor
   * @throws IOException naming the file and field of an unsupported value
   */
  public static ImagePreprocessor forOpenClip(
      com.fasterxml.jackson.databind.JsonNode preprocessCfg, int imageSize, Path source)
      throws IOException {
    return PreprocessingConfigs.openClip(preprocessCfg, imageSize, source);
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
        + ";resample=pillow-"
        + resample.name().toLowerCase(java.util.Locale.ROOT)
        + ";mode="
        + resizeMode
        + ";center-crop="
        + centerCrop
        + ";rescale="
        + rescale
        + ";normalize="
        + normalize
        + ";conversion="
        + conversion
        + ";reader=2";
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
   * Preprocesses one image already converted to RGB.
   *
   * @param image 8-bit RGB pixels
   * @return {@code [3*crop*crop]} floats, channel-major
   */
  public float[] apply(Rgb8 image) {
    return apply(
        new ImageReading.Decoded(image.width(), image.height(), image.channels(), null, false, 0));
  }

  /**
   * Reads and preprocesses one file.
   *
   * @param file the image
   * @return {@code [3*crop*crop]} floats, channel-major
   * @throws IOException naming the file when it cannot be read
   */
  public float[] apply(Path file) throws IOException {
    return apply(ImageReading.decode(file));
  }

  float[] apply(ImageReading.Decoded image) {
    return Pipeline.run(this, image);
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
      float[] one = apply(files.get(i));
      System.arraycopy(one, 0, all, i * one.length, one.length);
    }
    return Nd4j.create(all, new long[] {files.size(), 3, crop, crop}, 'c');
  }
}
