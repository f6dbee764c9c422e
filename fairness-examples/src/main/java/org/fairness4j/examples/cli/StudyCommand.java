package org.fairness4j.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.fairness4j.cli.EncodeCommand;
import org.fairness4j.cli.FairnessCli;
import org.fairness4j.cli.OutputTargets;
import org.fairness4j.cli.TrainingOptions;
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
          + " OUT/tables.csv (the paper's metrics, corrected and faithful), OUT/intervals.csv and"
          + " OUT/comparisons.csv (bootstrap intervals, paired comparisons with zero-shot),"
          + " OUT/predictions/, OUT/reports/ (one fairness report per run) and OUT/report.html"
          + " (with the study's figure)."
    })
final class StudyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin TrainingOptions training;

  @Option(
      names = "--demo",
      description =
          "Run on the embedded demo: SYNTHETIC NIH-format data and a small CLIP pretrained on"
              + " synthetic pairs (examples/nih-demo); replaces --data-dir and --model.")
  boolean demo;

  @Option(
      names = "--demo-dir",
      paramLabel = "DIR",
      description =
          "Where the embedded demo is (default: examples/nih-demo under FAIRNESS4J_HOME, which"
              + " bin/fairness sets, or under the working directory).")
  Path demoDir;

  @Option(
      names = "--data-dir",
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
      paramLabel = "NAME=DIR",
      description =
          "A model directory, Hugging Face CLIP or an open_clip export such as BiomedCLIP"
              + " (repeatable).")
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
      defaultValue = "42",
      paramLabel = "S",
      description =
          "Protocol and training seed (default 42, the authors' random_state; 0 to 2**32 - 1 for"
              + " the authors' protocol).")
  long seed;

  @Option(
      names = "--seeds",
      split = ",",
      paramLabel = "S1,S2,...",
      description =
          "Train every adapted strategy again with each of these training seeds (same split) and"
              + " report mean ± sd across them (tables.md, report.html, seeds.csv).")
  List<Long> seeds = new ArrayList<>();

  @Option(
      names = "--patient-disjoint",
      description = "Split by patient (no patient on two sides) instead of the authors' split.")
  boolean patientDisjoint;

  @Option(
      names = "--official-split",
      description =
          "Sample the protocol's cells from the official NIH lists (DIR/train_val_list.txt for"
              + " training and validation, DIR/test_list.txt for test) instead of the authors' split.")
  boolean officialSplit;

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
          "Bootstrap resamples (by patient) for the intervals of the reports and of every paper"
              + " number, and the paired comparisons (default 200; 0: none).")
  int bootstrap;

  @Option(names = "--resume", description = "Reuse finished runs and continue interrupted ones.")
  boolean resume;

  /** The demo model's name in tables and file names. */
  static final String DEMO_MODEL = "demo-clip";

  /** The line every demo output starts with. */
  static final String DEMO_NOTICE =
      "SYNTHETIC DATA: the embedded demo's images and patients are made up (examples/nih-demo);"
          + " these numbers show the pipeline working, not the behaviour of any real model.";

  private Path demoDirectory() {
    List<Path> tried = new ArrayList<>();
    if (demoDir != null) {
      tried.add(demoDir);
    } else {
      String home = System.getenv("FAIRNESS4J_HOME");
      if (home != null && !home.isBlank()) {
        tried.add(Path.of(home, "examples", "nih-demo"));
      }
      tried.add(Path.of("examples", "nih-demo"));
    }
    for (Path p : tried) {
      if (Files.isRegularFile(p.resolve("Data_Entry_2017_v2020.csv"))
          && Files.isRegularFile(p.resolve("model").resolve("config.json"))) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "embedded demo not found (looked for Data_Entry_2017_v2020.csv and model/config.json in "
            + tried
            + "); run from the repository root, set FAIRNESS4J_HOME, or pass --demo-dir");
  }

  private org.fairness4j.cli.nih.NihProtocol.Design design() {
    if (patientDisjoint && officialSplit) {
      throw new IllegalArgumentException("choose --patient-disjoint or --official-split, not both");
    }
    return patientDisjoint
        ? org.fairness4j.cli.nih.NihProtocol.Design.PATIENT_DISJOINT
        : officialSplit
            ? org.fairness4j.cli.nih.NihProtocol.Design.OFFICIAL
            : org.fairness4j.cli.nih.NihProtocol.Design.AUTHORS;
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    try {
      String notice = "";
      if (demo) {
        if (dataDir != null || !models.isEmpty()) {
          throw new IllegalArgumentException("--demo replaces --data-dir and --model; give one");
        }
        dataDir = demoDirectory();
        models = List.of(DEMO_MODEL + "=" + dataDir.resolve("model"));
        notice = DEMO_NOTICE;
      } else if (dataDir == null || models.isEmpty()) {
        throw new IllegalArgumentException(
            "give --data-dir DIR and at least one --model NAME=DIR, or --demo");
      }
      Path meta = metadata;
      if (meta == null) {
        meta = dataDir.resolve("Data_Entry_2017_v2020.csv");
        if (!Files.exists(meta)) {
          meta = dataDir.resolve("Data_Entry_2017.csv");
        }
      }
      for (String f :
          List.of(
              "data-summary.txt",
              "tables.csv",
              "intervals.csv",
              "comparisons.csv",
              "seeds.csv",
              "tables.md",
              "report.html")) {
        OutputTargets.check("--out", out.resolve(f), meta, templates);
      }
      List<String> temps =
          templates == null
              ? List.of("a chest x-ray showing {}")
              : EncodeCommand.prompts(templates);
      StudyRunner.Settings s =
          new StudyRunner.Settings(
              seed,
              design(),
              temps,
              () ->
                  AdaptationTrainer.builder()
                      .epochs(training.epochs())
                      .batchSize(training.batchSize())
                      .seed(seed)
                      .constantRate(training.lr()),
              training.hidden(),
              training.lora(),
              training.batchSize(),
              training.cache(),
              resume,
              bootstrap,
              notice,
              seeds);
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
      if (demo) {
        err.println(DEMO_NOTICE);
      }
      return 0;
    } catch (IOException
        | IllegalArgumentException
        | IllegalStateException
        | UncheckedIOException e) {
      return FairnessCli.badInput(err, e);
    }
  }
}
