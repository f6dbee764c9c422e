package org.fairness4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.fairness4j.models.adapt.AdaptationTrainer;

/**
 * Checks of {@code fairness adapt} made before any work: option values and the output directory.
 */
final class AdaptRunChecks {
  private AdaptRunChecks() {}

  /**
   * Parses {@code --monitor}.
   *
   * @param name the option value
   * @return the monitor
   * @throws IllegalArgumentException for an unknown value, listing the choices
   */
  static AdaptationTrainer.Monitor monitor(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "val-loss" -> AdaptationTrainer.Monitor.VAL_LOSS;
      case "val-accuracy", "val-acc" -> AdaptationTrainer.Monitor.VAL_ACCURACY;
      default ->
          throw new IllegalArgumentException(
              "--monitor " + name + ": use val-loss or val-accuracy");
    };
  }

  /** The files of an earlier run that a fresh run would replace. */
  private static final List<String> RUN_FILES =
      List.of(
          "checkpoint",
          "predictions.csv",
          "head.safetensors",
          "adapter.safetensors",
          "encoder.safetensors");

  /** Refuses an OUT that holds an earlier run (a fresh run would wipe it silently). */
  static void refuseEarlierRun(Path out) {
    if (out == null || !Files.isDirectory(out)) {
      return;
    }
    List<String> found = RUN_FILES.stream().filter(f -> Files.exists(out.resolve(f))).toList();
    if (!found.isEmpty()) {
      throw new IllegalArgumentException(
          "--out "
              + out
              + " holds an earlier run "
              + found
              + "; use --resume to continue it or --overwrite to start over");
    }
  }

  /**
   * Refuses an OUT whose {@code predictions.csv} would replace a split file, or that lies in the
   * model directory (a run writes weights and checkpoints there).
   *
   * @param out the output directory
   * @param model the model directory
   * @param splits the split files (nulls skipped)
   */
  static void outputs(Path out, Path model, Path... splits) {
    if (out == null) {
      return;
    }
    OutputTargets.check("--out", out.resolve("predictions.csv"), splits);
    if (model != null && Files.isDirectory(model)) {
      try {
        Path m = model.toRealPath();
        Path existing = out.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
          existing = existing.getParent();
        }
        if (existing != null && existing.toRealPath().startsWith(m)) {
          throw new IllegalArgumentException(
              "--out "
                  + out
                  + " is inside the model directory "
                  + model
                  + "; a command never writes into what it reads, write the run elsewhere");
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  /**
   * Warns when training labels taken as classes (no {@code --classes}) differ only in letter case
   * or Unicode normalization ({@code Edema} and {@code edema}): they stay separate classes, as in
   * pandas and scikit-learn, but are more likely one class spelled two ways.
   *
   * @param labels the classes
   * @param err where to warn
   */
  static void similarLabels(List<String> labels, java.io.PrintWriter err) {
    java.util.Map<String, List<String>> byKey = new java.util.LinkedHashMap<>();
    for (String l : labels) {
      String key =
          java.text.Normalizer.normalize(l, java.text.Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
      byKey.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(l);
    }
    for (List<String> same : byKey.values()) {
      if (same.size() > 1) {
        err.println(
            "fairness: warning: training labels "
                + same
                + " differ only in letter case or Unicode normalization and are separate classes;"
                + " fix the split files or declare the classes with --classes");
      }
    }
  }
}
