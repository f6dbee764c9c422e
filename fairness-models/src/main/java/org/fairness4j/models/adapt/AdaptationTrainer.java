package org.fairness4j.models.adapt;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.LongFunction;

/**
 * Trains a {@link TrainableClassifier}: AdamW, a learning-rate schedule, gradient clipping, seeded
 * shuffling ({@code TrainingSeeds}), early stopping and best-epoch selection on validation data, a
 * {@link TrainingCheckpoint} written atomically after every epoch, and resumption from it that ends
 * with the same weights as an uninterrupted run. Early stopping and checkpointing are {@link
 * AdaptationListener}s of each run, heard before the listener set here. Immutable; {@link #train}
 * may be called for several models.
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

  /** The configuration without checkpointing and listener. */
  record Settings(
      int epochs,
      int batchSize,
      long seed,
      AdamW.Settings adam,
      LongFunction<LearningRateSchedule> schedule,
      String scheduleName,
      double clipNorm,
      Monitor monitor,
      int patience) {}

  private final Settings s;
  private final Path checkpointDir;
  private final boolean resume;
  private final AdaptationListener listener;

  private AdaptationTrainer(
      Settings s, Path checkpointDir, boolean resume, AdaptationListener listener) {
    if (resume && checkpointDir == null) {
      throw new IllegalStateException("resume needs a checkpoint directory");
    }
    this.s = s;
    this.checkpointDir = checkpointDir;
    this.resume = resume;
    this.listener = Objects.requireNonNull(listener, "listener");
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
   * Returns this trainer writing its checkpoints into another directory.
   *
   * @param dir the checkpoint directory, or null for none
   * @param resume whether to continue from a checkpoint there
   * @return a trainer that differs from this one in checkpointing only
   * @throws IllegalStateException if {@code resume} without a directory
   */
  public AdaptationTrainer withCheckpoints(Path dir, boolean resume) {
    return new AdaptationTrainer(s, dir, resume, listener);
  }

  /**
   * Returns this trainer with another listener.
   *
   * @param listener the listener
   * @return a trainer that differs from this one in its listener only
   */
  public AdaptationTrainer withListener(AdaptationListener listener) {
    return new AdaptationTrainer(s, checkpointDir, resume, listener);
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
    return TrainingLoop.run(s, checkpointDir, resume, listener, model, train, validation);
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
    private AdaptationListener listener = new AdaptationListener() {};

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
     * Sets the listener of every run, heard after early stopping and checkpointing.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(AdaptationListener listener) {
      this.listener = Objects.requireNonNull(listener);
      return this;
    }

    /**
     * Builds the trainer.
     *
     * @return the trainer
     */
    public AdaptationTrainer build() {
      return new AdaptationTrainer(
          new Settings(
              epochs, batchSize, seed, adam, schedule, scheduleName, clipNorm, monitor, patience),
          checkpointDir,
          resume,
          listener);
    }
  }
}
