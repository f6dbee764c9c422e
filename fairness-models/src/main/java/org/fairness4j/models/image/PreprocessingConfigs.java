package org.fairness4j.models.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads the preprocessing a model's own files declare: transformers' {@code
 * preprocessor_config.json} (as its PIL image processor interprets it) and open_clip's {@code
 * preprocess_cfg}.
 */
final class PreprocessingConfigs {
  private PreprocessingConfigs() {}

  private static IOException bad(Path file, String field, String problem) {
    return new IOException(file + ": " + field + " " + problem);
  }

  static ImagePreprocessor transformers(Path cfg, int imageSize) throws IOException {
    JsonNode n = new ObjectMapper().readTree(cfg.toFile());
    ImagePreprocessor clip = ImagePreprocessor.clip();
    float[] mean = rgb(n.path("image_mean"), clip.mean(), cfg, "image_mean");
    float[] std = rgb(n.path("image_std"), clip.std(), cfg, "image_std");
    boolean resize = n.path("do_resize").asBoolean(true);
    boolean crop = n.path("do_center_crop").asBoolean(true);
    JsonNode size = n.path("size");
    ImagePreprocessor.ResizeMode mode = ImagePreprocessor.ResizeMode.NONE;
    int target = 0;
    if (resize) {
      if (size.isMissingNode() || size.isNull()) {
        mode = ImagePreprocessor.ResizeMode.SHORTEST;
        target = 224;
      } else if (size.isInt()) {
        mode = ImagePreprocessor.ResizeMode.SHORTEST;
        target = size.asInt();
      } else if (size.has("shortest_edge")) {
        if (size.has("longest_edge") && !size.get("longest_edge").isNull()) {
          throw bad(cfg, "size.longest_edge", "is not supported");
        }
        mode = ImagePreprocessor.ResizeMode.SHORTEST;
        target = size.get("shortest_edge").asInt();
      } else if (size.has("height") && size.has("width")) {
        int hh = size.get("height").asInt();
        int ww = size.get("width").asInt();
        if (hh != ww) {
          throw bad(cfg, "size", "is " + hh + "x" + ww + "; only square sizes are supported");
        }
        mode = ImagePreprocessor.ResizeMode.EXACT;
        target = hh;
      } else {
        throw bad(cfg, "size", "needs shortest_edge or height and width, got " + size);
      }
    }
    int out = imageSize;
    if (crop) {
      JsonNode cs = n.path("crop_size");
      if (cs.isInt()) {
        out = cs.asInt();
      } else if (cs.isObject()) {
        int hh = cs.path("height").asInt(-1);
        int ww = cs.path("width").asInt(-1);
        if (hh != ww) {
          throw bad(cfg, "crop_size", "is " + hh + "x" + ww + "; only square crops are supported");
        }
        out = hh;
      } else if (!cs.isMissingNode() && !cs.isNull()) {
        throw bad(cfg, "crop_size", "needs height and width, got " + cs);
      }
    } else if (mode != ImagePreprocessor.ResizeMode.EXACT) {
      throw bad(
          cfg,
          "do_center_crop",
          "is false, so only size.height = size.width = "
              + imageSize
              + " gives the model's square inputs");
    } else {
      out = target;
    }
    if (out != imageSize) {
      throw bad(cfg, "crop_size", "gives " + out + " pixels, the model takes " + imageSize);
    }
    int code = n.path("resample").asInt(3);
    ImagePreprocessor.Resample resample;
    try {
      resample = ImagePreprocessor.Resample.ofPillowCode(code);
    } catch (IllegalArgumentException e) {
      throw bad(cfg, "resample", e.getMessage());
    }
    double rescale = 1.0;
    if (n.path("do_rescale").asBoolean(true)) {
      rescale = n.path("rescale_factor").asDouble(1.0 / 255.0);
    }
    return new ImagePreprocessor(
        target,
        out,
        mean,
        std,
        ImagePreprocessor.CropRounding.FLOOR,
        resample,
        mode,
        crop,
        rescale,
        n.path("do_normalize").asBoolean(true),
        ImagePreprocessor.ColourConversion.BEFORE_RESIZE);
  }

  static ImagePreprocessor openClip(JsonNode pre, int imageSize, Path source) throws IOException {
    ImagePreprocessor clip = ImagePreprocessor.clip();
    float[] mean = rgb(pre.path("mean"), clip.mean(), source, "preprocess_cfg.mean");
    float[] std = rgb(pre.path("std"), clip.std(), source, "preprocess_cfg.std");
    String interpolation = pre.path("interpolation").asText("bicubic");
    ImagePreprocessor.Resample resample =
        switch (interpolation) {
          case "bicubic", "random" -> ImagePreprocessor.Resample.BICUBIC;
          case "bilinear" -> ImagePreprocessor.Resample.BILINEAR;
          default ->
              throw bad(
                  source,
                  "preprocess_cfg.interpolation",
                  "'" + interpolation + "' is not bicubic, bilinear or random");
        };
    if (pre.path("fill_color").asInt(0) != 0) {
      throw bad(source, "preprocess_cfg.fill_color", "other than 0 is not supported");
    }
    if (!pre.path("mode").asText("RGB").equals("RGB")) {
      throw bad(source, "preprocess_cfg.mode", "must be RGB");
    }
    String resizeMode = pre.path("resize_mode").asText("shortest");
    ImagePreprocessor.ResizeMode mode =
        switch (resizeMode) {
          case "shortest" -> ImagePreprocessor.ResizeMode.SHORTEST;
          case "longest" -> ImagePreprocessor.ResizeMode.LONGEST;
          case "squash" -> ImagePreprocessor.ResizeMode.EXACT;
          default ->
              throw bad(
                  source,
                  "preprocess_cfg.resize_mode",
                  "'" + resizeMode + "' is not shortest, longest or squash");
        };
    return new ImagePreprocessor(
        imageSize,
        imageSize,
        mean,
        std,
        ImagePreprocessor.CropRounding.ROUND_HALF_EVEN,
        resample,
        mode,
        mode != ImagePreprocessor.ResizeMode.EXACT,
        1.0 / 255.0,
        true,
        ImagePreprocessor.ColourConversion.AFTER_CROP);
  }

  private static float[] rgb(JsonNode n, float[] fallback, Path file, String field)
      throws IOException {
    if (n.isMissingNode() || n.isNull()) {
      return fallback;
    }
    if (n.isNumber()) {
      float v = (float) n.asDouble();
      return new float[] {v, v, v};
    }
    if (!n.isArray() || n.size() != 3) {
      throw bad(file, field, "needs three values, got " + n);
    }
    return new float[] {
      (float) n.get(0).asDouble(), (float) n.get(1).asDouble(), (float) n.get(2).asDouble()
    };
  }
}
