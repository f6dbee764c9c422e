package org.fairness4j.models.adapt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.LongFunction;
import org.fairness4j.core.io.AtomicFiles;
import org.fairness4j.models.weights.SafetensorsFile;
import org.fairness4j.models.weights.SafetensorsWriter;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains a {@link TrainableClassifier}: AdamW, a learning-rate schedule, gradient clipping, seeded
 * shuffling, early stopping and best-epoch selection on validation data, a checkpoint written
 * atomically after every epoch, and resumption from it that ends with the same weights as an
 * uninterrupted run. Immutable; {@link #train} may be called for several models.
 *
 * <p>Every random choice derives from the seed: epoch {@code e} shuffles with a generator seeded
 * from (seed, e), and step {@code s} passes a seed from (seed, s) to the model (dropout) and the
 * data (augmentation). A resumed run therefore replays exactly what the killed run would have done.
 */
public final class AdaptationTrainer {
  /** What early stopping and best-epoch selection watch. */
  public enum Monitor {
    /** Validation cross-entropy, lower is better. */
    VAL_LOSS,
    /** Validation accuracy, higher is better. */
    VAL_ACCURACY
  }

  /**
   * What training produced.
   *
   * @param log one record per epoch run (including epochs of an earlier, resumed run)
   * @param bestEpoch the epoch whose weights the model holds at the end (the last without
   *     validation data)
   * @param stoppedEarly whether early stopping ended training
   */
  public record Result(List<EpochRecord> log, int bestEpoch, boolean stoppedEarly) {
    /**
     * Copies the log.
     *
     * @param log log
     * @param bestEpoch best epoch
     * @param stoppedEarly stopped early
     */
    public Result {
      log = List.copyOf(log);
    }
  }

  private static final String CHECKPOINT = "checkpoint.safetensors";
  private static final String LOG = "log.csv";

  private final int epochs;
  private final int batchSize;
  private final long seed;
  private final AdamW.Settings adam;
  private final LongFunction<LearningRateSchedule> schedule;
  private final String scheduleName;
  private final double clipNorm;
  private final Monitor monitor;
  private final int patience;
  private final Path checkpointDir;
  private final boolean resume;
  private final TrainingListener listener;

  private AdaptationTrainer(Builder b) {
    this.epochs = b.epochs;
    this.batchSize = b.batchSize;
    this.seed = b.seed;
    this.adam = b.adam;
    this.schedule = b.schedule;
    this.scheduleName = b.scheduleName;
    this.clipNorm = b.clipNorm;
    this.monitor = b.monitor;
    this.patience = b.patience;
    this.checkpointDir = b.checkpointDir;
    this.resume = b.resume;
    this.listener = b.listener;
  }

  /**
   * Returns a builder: 10 epochs, batch 16, seed 0, AdamW defaults, constant rate 1e-3, no
   * clipping, no early stopping, best epoch by validation loss, no checkpoints.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Trains the model in place. With validation data the model ends with the weights of its best
   * epoch; without, with those of the last.
   *
   * @param model the model
   * @param train training data
   * @param validation validation data, or null
   * @return the log and the chosen epoch
   * @throws IOException if a checkpoint cannot be written or read
   * @throws IllegalStateException if a checkpoint to resume from was made with another
   *     configuration or model
   */
  public Result train(TrainableClassifier model, AdaptationData train, AdaptationData validation)
      throws IOException {
    int n = train.size();
    if (n == 0) {
      throw new IllegalArgumentException("no training examples");
    }
    int batches = (n + batchSize - 1) / batchSize;
    long stepsPerEpoch = batches;
    LearningRateSchedule lr = schedule.apply(stepsPerEpoch * epochs);
    AdamW optimizer = new AdamW(adam);
    List<EpochRecord> log = new ArrayList<>();
    Map<String, INDArray> best = snapshot(model);
    int bestEpoch = 0;
    double bestScore = Double.NaN;
    int bad = 0;
    int start = 0;
    String fingerprint = fingerprint(model, n);
    if (resume && checkpointDir != null && Files.exists(checkpointDir.resolve(CHECKPOINT))) {
      Restored r = restore(model, optimizer, fingerprint);
      log.addAll(r.log);
      best = r.best;
      bestEpoch = r.bestEpoch;
      bestScore = r.bestScore;
      bad = r.bad;
      start = r.completed;
    }
    boolean stopped = patience > 0 && bad >= patience;
    for (int epoch = start + 1; epoch <= epochs && !stopped; epoch++) {
      long t0 = System.nanoTime();
      int[] order = permutation(n, mix(seed, epoch));
      double lossSum = 0;
      long seen = 0;
      double rate = 0;
      for (int b = 0; b < batches; b++) {
        int from = b * batchSize;
        int to = Math.min(n, from + batchSize);
        int[] rows = java.util.Arrays.copyOfRange(order, from, to);
        long step = (long) (epoch - 1) * stepsPerEpoch + b;
        long stepSeed = mix(seed, 1_000_003L * step + 7);
        TrainableClassifier.Step s =
            model.trainStep(
                train.inputs(rows, true, stepSeed), oneHot(train, rows, model.classes()), stepSeed);
        if (clipNorm > 0) {
          AdamW.clipGlobalNorm(s.gradients(), clipNorm);
        }
        rate = lr.rate(step, stepsPerEpoch);
        optimizer.step(model.parameters(), s.gradients(), rate, model::learningRateScale);
        lossSum += s.loss() * rows.length;
        seen += rows.length;
        double secs = (System.nanoTime() - t0) / 1e9;
        listener.onBatch(epoch, b + 1, batches, s.loss(), seen / Math.max(secs, 1e-9));
      }
      double secs = (System.nanoTime() - t0) / 1e9;
      double[] val =
          validation == null ? new double[] {Double.NaN, Double.NaN} : evaluate(model, validation);
      EpochRecord rec =
          new EpochRecord(epoch, lossSum / seen, val[0], val[1], rate, secs, seen / secs);
      log.add(rec);
      double score = validation == null ? epoch : monitor == Monitor.VAL_LOSS ? -val[0] : val[1];
      if (Double.isNaN(bestScore) || score > bestScore) {
        bestScore = score;
        bestEpoch = epoch;
        best = snapshot(model);
        bad = 0;
      } else {
        bad++;
      }
      stopped = patience > 0 && validation != null && bad >= patience;
      if (checkpointDir != null) {
        save(model, optimizer, fingerprint, log, best, bestEpoch, bestScore, bad, epoch);
      }
      listener.onEpoch(rec);
    }
    if (validation != null) {
      load(model, best);
    }
    return new Result(log, validation == null ? log.size() : bestEpoch, stopped);
  }

  /** Mean cross-entropy and accuracy on data, in evaluation mode, batch by batch. */
  static double[] evaluate(TrainableClassifier model, AdaptationData data) {
    int n = data.size();
    double loss = 0;
    int correct = 0;
    for (int from = 0; from < n; from += 256) {
      int to = Math.min(n, from + 256);
      int[] rows = new int[to - from];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = from + i;
      }
      INDArray p = model.probabilities(data.inputs(rows, false, 0));
      for (int i = 0; i < rows.length; i++) {
        int y = data.label(rows[i]);
        loss -= Math.log(Math.max(p.getDouble(i, y), 1e-45));
        int arg = 0;
        for (int c = 1; c < p.size(1); c++) {
          if (p.getDouble(i, c) > p.getDouble(i, arg)) {
            arg = c;
          }
        }
        correct += arg == y ? 1 : 0;
      }
    }
    return new double[] {loss / n, (double) correct / n};
  }

  private static INDArray oneHot(AdaptationData data, int[] rows, int classes) {
    INDArray y = Nd4j.zeros(DataType.FLOAT, rows.length, classes);
    for (int i = 0; i < rows.length; i++) {
      int c = data.label(rows[i]);
      if (c >= classes) {
        throw new IllegalArgumentException(
            "example " + rows[i] + ": label " + c + " but the model has " + classes + " classes");
      }
      y.putScalar(i, c, 1f);
    }
    return y;
  }

  private static int[] permutation(int n, long seed) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    Random rng = new Random(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  /** Well-spread seeds from (seed, counter): output {@code a} of SplitMix64 seeded {@code b}. */
  static long mix(long a, long b) {
    return org.fairness4j.core.random.SplitMix64.output(b, a);
  }

  private static Map<String, INDArray> snapshot(TrainableClassifier m) {
    Map<String, INDArray> s = new LinkedHashMap<>();
    m.parameters().forEach((k, v) -> s.put("param/" + k, v.dup()));
    m.buffers().forEach((k, v) -> s.put("buffer/" + k, v.dup()));
    return s;
  }

  private static void load(TrainableClassifier m, Map<String, INDArray> s) {
    m.parameters().forEach((k, v) -> v.assign(s.get("param/" + k)));
    m.buffers().forEach((k, v) -> v.assign(s.get("buffer/" + k)));
  }

  private String fingerprint(TrainableClassifier m, int n) {
    StringBuilder b = new StringBuilder();
    b.append("epochs=").append(epochs).append(";batch=").append(batchSize);
    b.append(";seed=").append(seed).append(";adam=").append(adam);
    b.append(";schedule=").append(scheduleName).append(";clip=").append(clipNorm);
    b.append(";monitor=").append(monitor).append(";patience=").append(patience);
    b.append(";examples=").append(n).append(";params=");
    m.parameters().forEach((k, v) -> b.append(k).append(java.util.Arrays.toString(v.shape())));
    return b.toString();
  }

  private void save(
      TrainableClassifier model,
      AdamW optimizer,
      String fingerprint,
      List<EpochRecord> log,
      Map<String, INDArray> best,
      int bestEpoch,
      double bestScore,
      int bad,
      int epoch)
      throws IOException {
    Map<String, INDArray> t = new LinkedHashMap<>(snapshot(model));
    optimizer.state().forEach((k, v) -> t.put("adam/" + k, v));
    best.forEach((k, v) -> t.put("best/" + k, v));
    StringBuilder csv = new StringBuilder(EpochRecord.CSV_HEADER).append('\n');
    log.forEach(r -> csv.append(r.toCsv()).append('\n'));
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("format", "fairness4j-checkpoint/1");
    meta.put("fingerprint", fingerprint);
    meta.put("completed_epochs", Integer.toString(epoch));
    meta.put("adam_steps", Long.toString(optimizer.steps()));
    meta.put("best_epoch", Integer.toString(bestEpoch));
    meta.put("best_score", Double.toString(bestScore));
    meta.put("bad_epochs", Integer.toString(bad));
    meta.put("log", csv.toString());
    SafetensorsWriter.write(checkpointDir.resolve(CHECKPOINT), t, meta);
    AtomicFiles.writeText(checkpointDir.resolve(LOG), w -> w.write(csv.toString()));
  }

  private record Restored(
      List<EpochRecord> log,
      Map<String, INDArray> best,
      int bestEpoch,
      double bestScore,
      int bad,
      int completed) {}

  private Restored restore(TrainableClassifier model, AdamW optimizer, String fingerprint)
      throws IOException {
    Path file = checkpointDir.resolve(CHECKPOINT);
    try (SafetensorsFile f = SafetensorsFile.open(file)) {
      Map<String, String> meta = f.metadata();
      if (!fingerprint.equals(meta.get("fingerprint"))) {
        throw new IllegalStateException(
            file
                + " was written by another configuration or model; remove it or train without"
                + " --resume.\n  checkpoint: "
                + meta.get("fingerprint")
                + "\n  this run:   "
                + fingerprint);
      }
      Map<String, INDArray> all = new LinkedHashMap<>();
      for (String name : f.names()) {
        all.put(name, Nd4j.create(f.floats(name), f.shape(name), 'c'));
      }
      Map<String, INDArray> current = new LinkedHashMap<>();
      Map<String, INDArray> best = new LinkedHashMap<>();
      Map<String, INDArray> adamState = new LinkedHashMap<>();
      all.forEach(
          (k, v) -> {
            if (k.startsWith("best/")) {
              best.put(k.substring(5), v);
            } else if (k.startsWith("adam/")) {
              adamState.put(k.substring(5), v);
            } else {
              current.put(k, v);
            }
          });
      load(model, current);
      optimizer.restore(adamState, Long.parseLong(meta.get("adam_steps")));
      List<EpochRecord> log = new ArrayList<>();
      String[] lines = meta.get("log").split("\n");
      for (int i = 1; i < lines.length; i++) {
        if (!lines[i].isBlank()) {
          log.add(EpochRecord.parse(lines[i]));
        }
      }
      return new Restored(
          log,
          best,
          Integer.parseInt(meta.get("best_epoch")),
          Double.parseDouble(meta.get("best_score")),
          Integer.parseInt(meta.get("bad_epochs")),
          Integer.parseInt(meta.get("completed_epochs")));
    }
  }

  /** Configures an {@link AdaptationTrainer}. */
  public static final class Builder {
    private int epochs = 10;
    private int batchSize = 16;
    private long seed;
    private AdamW.Settings adam = AdamW.Settings.DEFAULTS;
    private LongFunction<LearningRateSchedule> schedule =
        total -> LearningRateSchedule.constant(1e-3);
    private String scheduleName = "constant(0.001)";
    private double clipNorm;
    private Monitor monitor = Monitor.VAL_LOSS;
    private int patience;
    private Path checkpointDir;
    private boolean resume;
    private TrainingListener listener = new TrainingListener() {};

    private Builder() {}

    /**
     * Sets the number of epochs.
     *
     * @param epochs at least 1
     * @return this builder
     */
    public Builder epochs(int epochs) {
      if (epochs < 1) {
        throw new IllegalArgumentException("at least one epoch");
      }
      this.epochs = epochs;
      return this;
    }

    /**
     * Sets the batch size.
     *
     * @param size at least 1
     * @return this builder
     */
    public Builder batchSize(int size) {
      if (size < 1) {
        throw new IllegalArgumentException("batch size must be at least 1");
      }
      this.batchSize = size;
      return this;
    }

    /**
     * Sets the seed of every random choice.
     *
     * @param seed the seed
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Sets AdamW's hyper-parameters.
     *
     * @param settings the settings
     * @return this builder
     */
    public Builder adamW(AdamW.Settings settings) {
      this.adam = Objects.requireNonNull(settings);
      return this;
    }

    /**
     * Uses a constant learning rate.
     *
     * @param lr the rate
     * @return this builder
     */
    public Builder constantRate(double lr) {
      this.schedule = total -> LearningRateSchedule.constant(lr);
      this.scheduleName = "constant(" + lr + ")";
      return this;
    }

    /**
     * Uses linear warm-up over a fraction of all steps, then cosine decay to 0.
     *
     * @param lr the peak rate
     * @param warmupFraction share of all steps spent warming up, in [0, 1)
     * @return this builder
     */
    public Builder cosineWithWarmup(double lr, double warmupFraction) {
      this.schedule =
          total ->
              LearningRateSchedule.cosineWithWarmup(
                  lr, Math.round(total * warmupFraction), Math.max(1, total));
      this.scheduleName = "cosine_warmup(" + lr + "," + warmupFraction + ")";
      return this;
    }

    /**
     * Uses cosine annealing with warm restarts (PyTorch's {@code CosineAnnealingWarmRestarts}).
     *
     * @param lr the rate at each restart
     * @param minLr the floor
     * @param t0 first period in epochs
     * @param tMult period multiplier
     * @return this builder
     */
    public Builder cosineWarmRestarts(double lr, double minLr, int t0, int tMult) {
      this.schedule = total -> LearningRateSchedule.cosineWarmRestarts(lr, minLr, t0, tMult);
      this.scheduleName = "cosine_restarts(" + lr + "," + minLr + "," + t0 + "," + tMult + ")";
      return this;
    }

    /**
     * Clips gradients to this global L2 norm (0: no clipping).
     *
     * @param maxNorm the norm
     * @return this builder
     */
    public Builder clipNorm(double maxNorm) {
      this.clipNorm = maxNorm;
      return this;
    }

    /**
     * Stops after {@code patience} epochs without improvement of the monitored value (0: never).
     *
     * @param monitor what to watch (also used to pick the best epoch)
     * @param patience epochs without improvement
     * @return this builder
     */
    public Builder earlyStopping(Monitor monitor, int patience) {
      this.monitor = Objects.requireNonNull(monitor);
      this.patience = patience;
      return this;
    }

    /**
     * Writes {@code checkpoint.safetensors} and {@code log.csv} here after every epoch, atomically.
     *
     * @param dir the directory
     * @return this builder
     */
    public Builder checkpointDir(Path dir) {
      this.checkpointDir = dir;
      return this;
    }

    /**
     * Continues from the checkpoint in the checkpoint directory, if there is one.
     *
     * @param resume true to resume
     * @return this builder
     */
    public Builder resume(boolean resume) {
      this.resume = resume;
      return this;
    }

    /**
     * Sets the progress listener.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(TrainingListener listener) {
      this.listener = Objects.requireNonNull(listener);
      return this;
    }

    /**
     * Builds the trainer.
     *
     * @return the trainer
     */
    public AdaptationTrainer build() {
      if (resume && checkpointDir == null) {
        throw new IllegalStateException("resume needs a checkpoint directory");
      }
      return new AdaptationTrainer(this);
    }
  }
}
