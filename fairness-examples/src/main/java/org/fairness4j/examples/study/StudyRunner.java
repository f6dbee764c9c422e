package org.fairness4j.examples.study;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fairness4j.cli.nih.NihMetadata;
import org.fairness4j.cli.nih.NihProtocol;
import org.fairness4j.cli.nih.PaperMetrics;
import org.fairness4j.core.io.AtomicFiles;
import org.fairness4j.core.prediction.ProbabilityTable;
import org.fairness4j.core.prediction.ProbabilityTableCsv;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.models.VisionLanguageCheckpoint;
import org.fairness4j.models.adapt.AdaptationListener;
import org.fairness4j.models.adapt.AdaptationRequest;
import org.fairness4j.models.adapt.AdaptationRunner;
import org.fairness4j.models.adapt.AdaptationStrategy;
import org.fairness4j.models.adapt.AdaptationTrainer;
import org.fairness4j.models.adapt.LoraConfig;
import org.fairness4j.models.embed.ImageEmbedder;
import org.fairness4j.models.image.ImagePreprocessor;
import org.fairness4j.models.text.PromptTokenizer;
import org.fairness4j.models.zeroshot.ZeroShotClassifier;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs the NIH study: loads the metadata, samples the protocol, runs every model × strategy
 * (zero-shot or an adaptation), and writes the paper's tables (faithful and corrected), one
 * prediction table and one fairness report per run, and an index page. With {@code resume}, runs
 * whose predictions exist are read back, and an interrupted adaptation continues from its
 * checkpoint.
 */
public final class StudyRunner {
  /** The strategy name of zero-shot classification. */
  public static final String ZERO_SHOT = "zero-shot";

  /**
   * Study settings.
   *
   * @param seed protocol and training seed
   * @param design the split design: the authors', patient-disjoint, or the official lists (read
   *     from {@code train_val_list.txt} and {@code test_list.txt} in the data directory)
   * @param templates zero-shot prompt templates ({} is the class name)
   * @param trainer the trainer configuration (a fresh builder per run)
   * @param hidden head hidden width
   * @param lora LoRA configuration
   * @param batchSize embedding batch size
   * @param cache embedding cache directory, or null
   * @param resume reuse finished runs and checkpoints
   * @param bootstrap bootstrap resamples for the reports' intervals (0: none)
   * @param notice a line shown at the top of every output (e.g. that the data are synthetic), or
   *     empty
   * @param seeds training seeds of repeated adaptations (empty: none); each trained strategy is
   *     trained again per seed on the same split, and the tables report mean ± sd across them
   */
  public record Settings(
      long seed,
      NihProtocol.Design design,
      List<String> templates,
      java.util.function.Supplier<AdaptationTrainer.Builder> trainer,
      int hidden,
      LoraConfig lora,
      int batchSize,
      Path cache,
      boolean resume,
      int bootstrap,
      String notice,
      List<Long> seeds) {
    /** Validates the settings. */
    public Settings {
      templates = List.copyOf(templates);
      seeds = List.copyOf(seeds);
      java.util.Objects.requireNonNull(design, "design");
      java.util.Objects.requireNonNull(trainer, "trainer");
      java.util.Objects.requireNonNull(lora, "lora");
      notice = notice == null ? "" : notice;
      if (bootstrap < 0) {
        throw new IllegalArgumentException("bootstrap resamples must be >= 0, got " + bootstrap);
      }
    }

    /**
     * Settings without repeated training seeds.
     *
     * @param seed seed
     * @param design design
     * @param templates templates
     * @param trainer trainer
     * @param hidden hidden width
     * @param lora LoRA
     * @param batchSize batch size
     * @param cache cache
     * @param resume resume
     * @param bootstrap resamples
     * @param notice notice
     */
    public Settings(
        long seed,
        NihProtocol.Design design,
        List<String> templates,
        java.util.function.Supplier<AdaptationTrainer.Builder> trainer,
        int hidden,
        LoraConfig lora,
        int batchSize,
        Path cache,
        boolean resume,
        int bootstrap,
        String notice) {
      this(
          seed, design, templates, trainer, hidden, lora, batchSize, cache, resume, bootstrap,
          notice, List.of());
    }
  }

  /**
   * One model × strategy.
   *
   * @param model model name
   * @param strategy strategy name
   * @param predictions test predictions
   * @param faithful the paper's metrics as the released code computes them
   * @param corrected the paper's metrics with its defects fixed
   */
  public record Run(
      String model,
      String strategy,
      ProbabilityTable predictions,
      PaperMetrics.Row faithful,
      PaperMetrics.Row corrected) {}

  private StudyRunner() {}

  /**
   * Runs the study.
   *
   * @param metadata the Data_Entry CSV
   * @param imageDir the image directory
   * @param models model name to Hugging Face CLIP directory
   * @param strategies {@code zero-shot} and/or adaptation strategy names
   * @param s settings
   * @param out the output directory
   * @param log progress messages
   * @return the runs, in order
   * @throws IOException if reading or writing fails
   */
  public static List<Run> run(
      Path metadata,
      Path imageDir,
      Map<String, Path> models,
      List<String> strategies,
      Settings s,
      Path out,
      PrintStream log)
      throws IOException {
    for (String st : strategies) {
      if (!st.equals(ZERO_SHOT)) {
        AdaptationStrategy a = AdaptationStrategy.parse(st);
        for (Map.Entry<String, Path> m : models.entrySet()) {
          String refusal = AdaptationRunner.encoderRefusal(m.getValue(), a, s.lora());
          if (refusal != null) {
            throw new IllegalArgumentException(m.getKey() + ": " + refusal);
          }
        }
      }
    }
    if (!s.notice().isEmpty()) {
      log.println(s.notice());
    }
    NihMetadata.Loaded data = NihMetadata.read(metadata, imageDir);
    Files.createDirectories(out);
    AtomicFiles.writeText(out.resolve("data-summary.txt"), w -> w.write(data.summary() + "\n"));
    log.println(data.summary());
    List<NihProtocol.Item> items =
        switch (s.design()) {
          case AUTHORS -> NihProtocol.sample(data.records(), s.seed());
          case PATIENT_DISJOINT -> NihProtocol.patientDisjoint(data.records(), s.seed());
          case OFFICIAL ->
              NihProtocol.official(
                  data.records(),
                  NihMetadata.splitList(imageDir.resolve("train_val_list.txt")),
                  NihMetadata.splitList(imageDir.resolve("test_list.txt")),
                  s.seed());
        };
    Splits splits = Splits.of(items, data.images());
    log.printf(
        Locale.ROOT,
        "protocol: %d train, %d validation, %d test images%n",
        splits.train().labels().length,
        splits.val().labels().length,
        splits.test().labels().length);
    ClassLabels classes = ClassLabels.of(NihProtocol.CLASSES);
    List<Run> runs = new ArrayList<>();
    List<PaperMetrics.Input> inputs = new ArrayList<>();
    for (Map.Entry<String, Path> m : models.entrySet()) {
      for (String st : strategies) {
        String name = m.getKey() + "__" + st;
        Path predFile = out.resolve("predictions").resolve(name + ".csv");
        ProbabilityTable p;
        if (s.resume() && Files.exists(predFile)) {
          log.println(name + ": reusing " + predFile);
          p = ProbabilityTableCsv.read(predFile, classes, ProbabilityTableCsv.Layout.PREDICTIONS);
        } else {
          log.println(name + ": running");
          p =
              st.equals(ZERO_SHOT)
                  ? zeroShot(m.getValue(), splits, s)
                  : adapt(
                      m.getValue(),
                      st,
                      classes,
                      splits,
                      s,
                      s.seed(),
                      out.resolve("runs").resolve(m.getKey()).resolve(st));
          RunFiles.write(predFile, p, splits);
        }
        PaperMetrics.Input in = RunFiles.input(p, splits);
        Run r = metrics(m.getKey(), st, p, in);
        runs.add(r);
        inputs.add(in);
        RunReport.write(out, name, p, splits, s, metadata);
        log.printf(
            Locale.ROOT,
            "%s: accuracy %.4f, ΔF1_age %.4f, ΔF1_gender %.4f%n",
            name,
            r.corrected().accuracy(),
            r.corrected().deltaF1Age(),
            r.corrected().deltaF1Gender());
      }
    }
    Map<String, List<PaperMetrics.Row>> seedRows =
        StudySeeds.run(models, strategies, s, splits, classes, out, log);
    StudyTables.write(
        out,
        new StudyTables.Study(
            runs,
            inputs,
            splits.testColumns().get("patient_id"),
            s.bootstrap(),
            s.seed(),
            s.notice(),
            s.seeds(),
            seedRows));
    return runs;
  }

  private static Run metrics(
      String model, String strategy, ProbabilityTable p, PaperMetrics.Input in) {
    return new Run(
        model,
        strategy,
        p,
        PaperMetrics.compute(in, PaperMetrics.Variant.FAITHFUL),
        PaperMetrics.compute(in, PaperMetrics.Variant.CORRECTED));
  }

  private static ProbabilityTable zeroShot(Path modelDir, Splits sp, Settings s)
      throws IOException {
    try (VisionLanguageCheckpoint clip = VisionLanguageCheckpoint.load(modelDir)) {
      List<String> names =
          NihProtocol.CLASSES.stream()
              .map(c -> c.toLowerCase(Locale.ROOT).replace('_', ' '))
              .toList();
      PromptTokenizer tok = clip.tokenizer();
      ZeroShotClassifier zs =
          new ZeroShotClassifier(
              clip.imageEncoder(),
              clip.textEncoder(),
              tok,
              clip.logitScale(),
              ZeroShotClassifier.prompts(names, s.templates()));
      ImagePreprocessor pre = clip.preprocessor();
      INDArray emb =
          new ImageEmbedder(clip.imageEncoder(), pre, null, s.batchSize())
              .encode(sp.test().images(), (d, t, c) -> {});
      return zs.predictions(
          emb, sp.test().ids(), sp.test().labels(), ClassLabels.of(NihProtocol.CLASSES));
    }
  }

  /** One adaptation run with the given training seed. */
  static ProbabilityTable adapt(
      Path modelDir,
      String strategy,
      ClassLabels classes,
      Splits splits,
      Settings s,
      long seed,
      Path runDir)
      throws IOException {
    return AdaptationRunner.builder(s.trainer().get().seed(seed).build())
        .hidden(s.hidden())
        .lora(s.lora())
        .embedding(s.batchSize(), s.cache())
        .seed(seed)
        .build()
        .run(
            new AdaptationRequest(
                AdaptationStrategy.parse(strategy),
                modelDir,
                classes,
                splits.train(),
                splits.val(),
                splits.test(),
                runDir,
                s.resume(),
                new AdaptationListener() {},
                null));
  }

  /**
   * Parses {@code NAME=DIR} model arguments, keeping their order.
   *
   * @param specs the arguments
   * @return name to directory
   */
  public static Map<String, Path> models(List<String> specs) {
    Map<String, Path> m = new LinkedHashMap<>();
    for (String spec : specs) {
      int eq = spec.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("--model must be NAME=DIR, got " + spec);
      }
      m.put(spec.substring(0, eq), Path.of(spec.substring(eq + 1)));
    }
    return m;
  }
}
