package org.fairness4j.models.adapt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fairness4j.core.io.AtomicFiles;
import org.fairness4j.models.weights.NonFiniteValues;
import org.fairness4j.models.weights.SafetensorsFile;
import org.fairness4j.models.weights.SafetensorsWriter;
import org.fairness4j.models.weights.WeightFormatException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The state of an {@link AdaptationTrainer} after an epoch, from which a killed run resumes to the
 * weights an uninterrupted run ends with: the model's weights, AdamW's moments and step count, the
 * best epoch's weights and early-stopping counters, and the training log.
 *
 * <p>The format ({@code fairness4j-checkpoint/1}) is one safetensors file, {@value #FILE}: tensors
 * {@code param/NAME} and {@code buffer/NAME} (the model), {@code adam/m/NAME} and {@code
 * adam/v/NAME} (the optimizer), and {@code best/param/NAME}, {@code best/buffer/NAME} (the best
 * epoch); the metadata {@code format}, {@code fingerprint} (configuration and parameter shapes),
 * {@code completed_epochs}, {@code adam_steps}, {@code best_epoch}, {@code best_score} (NaN before
 * any epoch was scored), {@code bad_epochs} and {@code log} (the CSV of {@link EpochRecord}s). The
 * log is also written beside it as {@value #LOG}. Both files are written atomically.
 *
 * <p>Reading refuses, naming the file and what is wrong, a file of another format, missing or
 * unparseable metadata, and tensors holding NaN or infinite values (a checkpoint of a diverged or
 * corrupted run).
 *
 * @param fingerprint the configuration and model the state belongs to
 * @param completedEpochs epochs run so far
 * @param adamSteps AdamW's step count
 * @param bestEpoch the best epoch so far (0: none)
 * @param bestScore its score (higher is better; NaN before any epoch was scored)
 * @param badEpochs epochs since the best one
 * @param log one record per epoch run
 * @param model the model's weights, {@code param/NAME} and {@code buffer/NAME} (in file order;
 *     unmodifiable, the arrays shared)
 * @param adam AdamW's state, as {@link AdamW#state()}
 * @param best the best epoch's weights, named as {@code model}
 */
public record TrainingCheckpoint(
    String fingerprint,
    int completedEpochs,
    long adamSteps,
    int bestEpoch,
    double bestScore,
    int badEpochs,
    List<EpochRecord> log,
    Map<String, INDArray> model,
    Map<String, INDArray> adam,
    Map<String, INDArray> best) {
  /** The checkpoint file's name in its directory. */
  public static final String FILE = "checkpoint.safetensors";

  /** The training log's name in the checkpoint directory. */
  public static final String LOG = "log.csv";

  static final String FORMAT = "fairness4j-checkpoint/1";

  /**
   * Copies the log and the maps (keeping their order, which is the order of the file's tensors).
   *
   * @param fingerprint fingerprint
   * @param completedEpochs completed epochs
   * @param adamSteps AdamW's steps
   * @param bestEpoch best epoch
   * @param bestScore best score
   * @param badEpochs epochs since the best
   * @param log log
   * @param model model weights
   * @param adam AdamW's state
   * @param best best weights
   */
  public TrainingCheckpoint {
    Objects.requireNonNull(fingerprint, "fingerprint");
    log = List.copyOf(log);
    model = ordered(model, "model");
    adam = ordered(adam, "adam");
    best = ordered(best, "best");
  }

  private static Map<String, INDArray> ordered(Map<String, INDArray> m, String what) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(m, what)));
  }

  /**
   * Whether a directory holds a checkpoint.
   *
   * @param dir the directory
   * @return whether {@value #FILE} exists there
   */
  public static boolean exists(Path dir) {
    return Files.exists(dir.resolve(FILE));
  }

  /**
   * Writes {@value #FILE} and {@value #LOG} into a directory, each atomically.
   *
   * @param dir the directory
   * @throws IOException if a file cannot be written
   */
  public void write(Path dir) throws IOException {
    Map<String, INDArray> t = new LinkedHashMap<>(model);
    adam.forEach((k, v) -> t.put("adam/" + k, v));
    best.forEach((k, v) -> t.put("best/" + k, v));
    String csv = logCsv();
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("format", FORMAT);
    meta.put("fingerprint", fingerprint);
    meta.put("completed_epochs", Integer.toString(completedEpochs));
    meta.put("adam_steps", Long.toString(adamSteps));
    meta.put("best_epoch", Integer.toString(bestEpoch));
    meta.put("best_score", Double.toString(bestScore));
    meta.put("bad_epochs", Integer.toString(badEpochs));
    meta.put("log", csv);
    SafetensorsWriter.write(dir.resolve(FILE), t, meta);
    AtomicFiles.writeText(dir.resolve(LOG), w -> w.write(csv));
  }

  private String logCsv() {
    StringBuilder csv = new StringBuilder(EpochRecord.CSV_HEADER).append('\n');
    log.forEach(r -> csv.append(r.toCsv()).append('\n'));
    return csv.toString();
  }

  /**
   * Reads {@value #FILE} from a directory.
   *
   * @param dir the directory
   * @return the checkpoint
   * @throws WeightFormatException naming the file and the problem if it is not a checkpoint of this
   *     format, its metadata is missing or unparseable, or a tensor holds NaN or infinite values
   * @throws IOException if it cannot be read
   */
  public static TrainingCheckpoint read(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    try (SafetensorsFile f = SafetensorsFile.open(file)) {
      Map<String, String> meta = f.metadata();
      if (!FORMAT.equals(meta.get("format"))) {
        throw new WeightFormatException(
            file,
            "format '" + meta.get("format") + "' is not a training checkpoint (" + FORMAT + ")");
      }
      Map<String, INDArray> model = new LinkedHashMap<>();
      Map<String, INDArray> best = new LinkedHashMap<>();
      Map<String, INDArray> adam = new LinkedHashMap<>();
      for (String name : f.names()) {
        float[] v = f.floats(name);
        NonFiniteValues.require(file, name, v);
        INDArray a = Nd4j.create(v, f.shape(name), 'c');
        if (name.startsWith("best/")) {
          best.put(name.substring(5), a);
        } else if (name.startsWith("adam/")) {
          adam.put(name.substring(5), a);
        } else {
          model.put(name, a);
        }
      }
      List<EpochRecord> log = new ArrayList<>();
      String[] lines = text(file, meta, "log").split("\n");
      for (int i = 1; i < lines.length; i++) {
        if (!lines[i].isBlank()) {
          log.add(EpochRecord.parse(lines[i]));
        }
      }
      try {
        return new TrainingCheckpoint(
            text(file, meta, "fingerprint"),
            Integer.parseInt(text(file, meta, "completed_epochs")),
            Long.parseLong(text(file, meta, "adam_steps")),
            Integer.parseInt(text(file, meta, "best_epoch")),
            Double.parseDouble(text(file, meta, "best_score")),
            Integer.parseInt(text(file, meta, "bad_epochs")),
            log,
            model,
            adam,
            best);
      } catch (IllegalArgumentException e) { // NumberFormatException, a bad log line
        throw new WeightFormatException(file, "unreadable checkpoint metadata: " + e.getMessage());
      }
    }
  }

  private static String text(Path file, Map<String, String> meta, String key)
      throws WeightFormatException {
    String v = meta.get(key);
    if (v == null) {
      throw new WeightFormatException(file, "checkpoint metadata '" + key + "' is missing");
    }
    return v;
  }

  /**
   * Throws unless the checkpoint was written by the configuration and model of this run.
   *
   * @param dir the checkpoint's directory (for the message)
   * @param expected this run's fingerprint
   * @throws IllegalStateException showing both fingerprints
   */
  void requireFingerprint(Path dir, String expected) {
    if (!expected.equals(fingerprint)) {
      throw new IllegalStateException(
          dir.resolve(FILE)
              + " was written by another configuration or model; remove it or train without"
              + " --resume.\n  checkpoint: "
              + fingerprint
              + "\n  this run:   "
              + expected);
    }
  }

  /**
   * Copies a model's weights under the names of a checkpoint.
   *
   * @param m the model
   * @return {@code param/NAME} and {@code buffer/NAME} copies
   */
  static Map<String, INDArray> snapshot(TrainableClassifier m) {
    Map<String, INDArray> s = new LinkedHashMap<>();
    m.parameters().forEach((k, v) -> s.put("param/" + k, v.dup()));
    m.buffers().forEach((k, v) -> s.put("buffer/" + k, v.dup()));
    return s;
  }

  /**
   * Assigns weights named as by {@link #snapshot} to a model.
   *
   * @param m the model
   * @param s the weights
   */
  static void load(TrainableClassifier m, Map<String, INDArray> s) {
    m.parameters().forEach((k, v) -> v.assign(s.get("param/" + k)));
    m.buffers().forEach((k, v) -> v.assign(s.get("buffer/" + k)));
  }
}
