package org.fairness4j.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.fairness4j.examples.study.StudyRunner;
import org.fairness4j.models.adapt.AdaptationTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fairness study}: the NIH ChestX-ray14 study, every model × strategy. */
@Command(
    name = "study",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs the NIH ChestX-ray14 study (docs/reproduction.md): samples the NIH 6x200 protocol from"
          + " the metadata, runs every --model with every strategy, and writes OUT/tables.md,"
          + " OUT/tables.csv (the paper's metrics, corrected and faithful), OUT/predictions/,"
          + " OUT/reports/ (one fairness report per run) and OUT/report.html."
    })
final class StudyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin TrainingOptions training;

  @Option(
      names = "--data-dir",
      required = true,
      paramLabel = "DIR",
      description = "NIH ChestX-ray14 directory (metadata CSV and images).")
  Path dataDir;

  @Option(
      names = "--metadata",
      paramLabel = "CSV",
      description =
          "Metadata file (default: DIR/Data_Entry_2017_v2020.csv or DIR/Data_Entry_2017.csv).")
  Path metadata;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "NAME=DIR",
      description = "A Hugging Face CLIP directory (repeatable).")
  List<String> models = new ArrayList<>();

  @Option(
      names = "--strategies",
      split = ",",
      defaultValue = "zero-shot,linear-probe,mlp,lora,full",
      paramLabel = "S1,S2,...",
      description = "zero-shot and adaptation strategies (default: ${DEFAULT-VALUE}).")
  List<String> strategies;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
  Path out;

  @Option(
      names = "--seed",
      defaultValue = "0",
      paramLabel = "S",
      description = "Protocol and training seed (default 0).")
  long seed;

  @Option(
      names = "--patient-disjoint",
      description = "Split by patient (no patient on two sides) instead of the authors' split.")
  boolean patientDisjoint;

  @Option(
      names = "--templates",
      paramLabel = "FILE",
      description =
          "Zero-shot prompt templates, one per line, {} for the class name (default: 'a chest x-ray showing {}').")
  Path templates;

  @Option(
      names = "--bootstrap",
      defaultValue = "200",
      paramLabel = "N",
      description =
          "Bootstrap resamples (by patient) for the reports' intervals (default 200; 0: none).")
  int bootstrap;

  @Option(names = "--resume", description = "Reuse finished runs and continue interrupted ones.")
  boolean resume;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    try {
      Path meta = metadata;
      if (meta == null) {
        meta = dataDir.resolve("Data_Entry_2017_v2020.csv");
        if (!Files.exists(meta)) {
          meta = dataDir.resolve("Data_Entry_2017.csv");
        }
      }
      List<String> temps =
          templates == null
              ? List.of("a chest x-ray showing {}")
              : EncodeCommand.prompts(templates);
      StudyRunner.Settings s =
          new StudyRunner.Settings(
              seed,
              patientDisjoint,
              temps,
              () ->
                  AdaptationTrainer.builder()
                      .epochs(training.epochs)
                      .batchSize(training.batchSize)
                      .seed(seed)
                      .constantRate(training.lr),
              training.hidden,
              TrainingOptions.loraConfig(training.lora),
              training.batchSize,
              training.cache,
              resume,
              bootstrap);
      List<StudyRunner.Run> runs =
          StudyRunner.run(
              meta, dataDir, StudyRunner.models(models), strategies, s, out, System.err);
      err.println(
          "study: "
              + runs.size()
              + " runs; wrote "
              + out.resolve("tables.md")
              + " and "
              + out.resolve("report.html"));
      return 0;
    } catch (IOException
        | IllegalArgumentException
        | IllegalStateException
        | UncheckedIOException e) {
      return FairnessCli.badInput(err, e);
    }
  }
}
