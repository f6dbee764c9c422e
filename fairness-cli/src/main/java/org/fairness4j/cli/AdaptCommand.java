package org.fairness4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.fairness4j.core.prediction.ProbabilityTable;
import org.fairness4j.core.prediction.ProbabilityTableCsv;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.models.adapt.AdaptationRequest;
import org.fairness4j.models.adapt.AdaptationRunner;
import org.fairness4j.models.adapt.AdaptationStrategy;
import org.fairness4j.models.adapt.AdaptationTrainer;
import org.fairness4j.models.adapt.ClassifierHead;
import org.fairness4j.models.image.ImageAugmentation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fairness adapt}: trains one adaptation strategy and writes test predictions. */
@Command(
    name = "adapt",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Adapts a CLIP model to a classification task with one strategy (linear-probe, linear, mlp on"
          + " frozen embeddings; lora or full fine-tuning on images) and writes OUT/predictions.csv"
          + " (image_id,y_true,y_pred,score_<class>..., plus the split's other columns), the"
          + " trained weights (for lora also OUT/adapter/, a peft adapter directory that"
          + " PeftModel.from_pretrained loads), OUT/checkpoint/log.csv and a checkpoint per epoch.",
      "Split files are CSVs with an image column (a path, relative to --images) and a label"
          + " column; --resume continues an interrupted run."
    })
final class AdaptCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin TrainingOptions training;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "DIR",
      description = "Hugging Face CLIP directory.")
  Path model;

  @Option(
      names = "--strategy",
      required = true,
      paramLabel = "NAME",
      description =
          "linear-probe, linear, mlp, lora, full, or tribuo-logistic (Tribuo's logistic regression on frozen embeddings).")
  String strategy;

  @Option(names = "--train", required = true, paramLabel = "CSV", description = "Training split.")
  Path train;

  @Option(
      names = "--val",
      paramLabel = "CSV",
      description = "Validation split (best epoch, early stopping).")
  Path val;

  @Option(names = "--test", required = true, paramLabel = "CSV", description = "Split to predict.")
  Path test;

  @Option(
      names = "--images",
      paramLabel = "DIR",
      description = "Base directory of image paths (default: each CSV's directory).")
  Path images;

  @Option(
      names = "--image-column",
      defaultValue = "image",
      paramLabel = "COL",
      description = "Image column (default image).")
  String imageColumn;

  @Option(
      names = "--label-column",
      defaultValue = "label",
      paramLabel = "COL",
      description = "Label column (default label).")
  String labelColumn;

  @Option(
      names = "--classes",
      split = ",",
      paramLabel = "L1,L2,...",
      description = "Class labels in order (default: sorted training labels).")
  List<String> classes;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
  Path out;

  @Option(
      names = "--schedule",
      defaultValue = "constant",
      paramLabel = "constant|cosine|restarts",
      description =
          "Learning-rate schedule: constant, cosine (with --warmup), restarts (cosine with warm restarts, period --restart-epochs).")
  String schedule;

  @Option(
      names = "--warmup",
      defaultValue = "0.1",
      paramLabel = "F",
      description = "Warm-up share of all steps for cosine (default 0.1).")
  double warmup;

  @Option(
      names = "--restart-epochs",
      defaultValue = "10",
      paramLabel = "N",
      description = "First restart period in epochs (default 10).")
  int restartEpochs;

  @Option(
      names = "--weight-decay",
      defaultValue = "0.01",
      paramLabel = "WD",
      description = "AdamW weight decay (default 0.01).")
  double weightDecay;

  @Option(
      names = "--clip-norm",
      defaultValue = "0",
      paramLabel = "N",
      description = "Clip gradients to this global norm (0: off).")
  double clipNorm;

  @Option(
      names = "--patience",
      defaultValue = "0",
      paramLabel = "N",
      description = "Early stopping after N epochs without improvement (0: off).")
  int patience;

  @Option(
      names = "--monitor",
      defaultValue = "val-loss",
      paramLabel = "val-loss|val-accuracy",
      description = "What early stopping and the best epoch watch (val-acc: val-accuracy).")
  String monitor;

  @Option(
      names = "--head",
      defaultValue = "linear",
      paramLabel = "linear|linear-hidden|mlp",
      description = "Head for lora and full (default linear).")
  String head;

  @Option(
      names = "--trainer",
      paramLabel = "eager|graph",
      description =
          "How LoRA and full fine-tuning train the encoder: eager (hand-written backward on host"
              + " arrays; the default on the CPU backend) or graph (SameDiff; the default elsewhere,"
              + " e.g. CUDA).")
  String trainer;

  @Option(
      names = "--gradient-checkpointing",
      description =
          "Eager trainer: keep only each block's input and recompute the block in the backward"
              + " pass (less memory, about one more forward pass of time).")
  boolean gradientCheckpointing;

  @Option(
      names = "--encoder-lr-scale",
      defaultValue = "1.0",
      paramLabel = "S",
      description = "Learning-rate multiplier of encoder weights in full fine-tuning.")
  double encoderLrScale;

  @Option(
      names = "--augment",
      description = "The authors' training augmentation (flips, rotation, brightness/contrast).")
  boolean augment;

  @Option(
      names = "--seed",
      defaultValue = "0",
      paramLabel = "S",
      description = "Seed of every random choice (default 0).")
  long seed;

  @Option(names = "--resume", description = "Continue from OUT/checkpoint if present.")
  boolean resume;

  @Option(
      names = "--overwrite",
      description =
          "Start over in an OUT that holds an earlier run (its checkpoint, weights and"
              + " predictions are replaced); without it such an OUT is refused.")
  boolean overwrite;

  @Option(names = "--no-progress", description = "Do not show progress bars.")
  boolean noProgress;

  /** A split read from CSV: images, labels and the other columns. */
  record SplitFile(
      AdaptationRunner.Split split, Map<String, String[]> extra, List<String> labels) {}

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    try {
      boolean tribuo = strategy.equals("tribuo-logistic");
      AdaptationStrategy s =
          tribuo ? AdaptationStrategy.LINEAR : AdaptationStrategy.parse(strategy);
      AdaptationTrainer.Monitor watched = AdaptRunChecks.monitor(monitor);
      AdaptRunChecks.outputs(out, model, train, val, test);
      if (!resume && !overwrite) {
        AdaptRunChecks.refuseEarlierRun(out);
      }
      if (resume && overwrite) {
        throw new IllegalArgumentException("--resume and --overwrite exclude each other");
      }
      ModelDirCheck.check("--model", model);
      ModelOptions.refuseOutputIn(model, out, "--out");
      if (training.cache != null) {
        ModelOptions.refuseOutputIn(model, training.cache, "--cache");
      }
      SplitFile tr = read(train, null);
      ClassLabels labels =
          classes != null
              ? ClassLabels.of(classes)
              : ClassLabels.of(new ArrayList<>(new TreeSet<>(tr.labels())));
      if (classes == null) {
        AdaptRunChecks.similarLabels(labels.asList(), err);
      }
      tr = read(train, labels);
      SplitFile va = val == null ? null : read(val, labels);
      SplitFile te = read(test, labels);
      AdaptationTrainer.Builder t =
          AdaptationTrainer.builder()
              .epochs(training.epochs)
              .batchSize(training.batchSize)
              .seed(seed)
              .clipNorm(clipNorm)
              .adamW(
                  org.fairness4j.models.adapt.AdamW.Settings.DEFAULTS.withWeightDecay(weightDecay))
              .earlyStopping(watched, patience);
      switch (schedule.toLowerCase(Locale.ROOT)) {
        case "constant" -> t.constantRate(training.lr);
        case "cosine" -> t.cosineWithWarmup(training.lr, warmup);
        case "restarts" -> t.cosineWarmRestarts(training.lr, 0, restartEpochs, 1);
        default ->
            throw new IllegalArgumentException(
                "unknown --schedule " + schedule + "; use constant, cosine or restarts");
      }
      AdaptationRunner runner =
          AdaptationRunner.builder(t.build())
              .hidden(training.hidden)
              .encoderHead(headKind(head))
              .lora(TrainingOptions.loraConfig(training.lora))
              .encoderLrScale(encoderLrScale)
              .encoderPath(
                  trainer == null
                      ? org.fairness4j.models.adapt.EncoderTrainingPath.defaultPath()
                      : org.fairness4j.models.adapt.EncoderTrainingPath.parse(trainer))
              .gradientCheckpointing(gradientCheckpointing)
              .augmentation(augment ? ImageAugmentation.authors() : null)
              .embedding(training.batchSize, training.cache)
              .seed(seed)
              .build();
      Files.createDirectories(out);
      if (tribuo) {
        ProbabilityTable p = TribuoProbeStrategy.predict(model, training, seed, labels, tr, te);
        writePredictions(out.resolve("predictions.csv"), p, te);
        err.printf(
            Locale.ROOT,
            "tribuo-logistic: test accuracy %.4f; wrote %s%n",
            p.accuracy(),
            out.resolve("predictions.csv"));
        return 0;
      }
      ProbabilityTable p;
      try (TrainingBar bar = new TrainingBar(noProgress, training.epochs)) {
        p =
            runner.run(
                new AdaptationRequest(
                    s,
                    model,
                    labels,
                    tr.split(),
                    va == null ? null : va.split(),
                    te.split(),
                    out,
                    resume,
                    bar,
                    null));
      }
      writePredictions(out.resolve("predictions.csv"), p, te);
      err.printf(
          Locale.ROOT,
          "%s: test accuracy %.4f; wrote %s%n",
          s.key(),
          p.accuracy(),
          out.resolve("predictions.csv"));
      return 0;
    } catch (IOException
        | IllegalArgumentException
        | IllegalStateException
        | UncheckedIOException e) {
      return FairnessCli.badInput(err, e);
    }
  }

  private static void writePredictions(Path csv, ProbabilityTable p, SplitFile te)
      throws IOException {
    ProbabilityTableCsv.write(
        csv, p.withColumns(te.extra()), ProbabilityTableCsv.Layout.PREDICTIONS);
  }

  static ClassifierHead.Kind headKind(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "linear" -> ClassifierHead.Kind.LINEAR;
      case "linear-hidden" -> ClassifierHead.Kind.LINEAR_HIDDEN;
      case "mlp" -> ClassifierHead.Kind.MLP;
      default ->
          throw new IllegalArgumentException(
              "unknown --head " + name + "; use linear, linear-hidden or mlp");
    };
  }

  private SplitFile read(Path csv, ClassLabels classes) throws IOException {
    return SplitCsv.read(csv, images, imageColumn, labelColumn, classes);
  }
}
