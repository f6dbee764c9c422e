package org.fairness4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.fairness4j.core.prediction.ProbabilityTableCsv;
import org.fairness4j.models.VisionLanguageCheckpoint;
import org.fairness4j.models.text.PromptTokenizer;
import org.fairness4j.models.zeroshot.ZeroShotClassifier;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fairness zeroshot}: CLIP zero-shot class probabilities of images as a CSV. */
@Command(
    name = "zeroshot",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Classifies every image under --images into the classes of --classes (one name per line),"
          + " with prompts made from --templates ({} is the class name), and writes"
          + " image,predicted,score_<class>... (probabilities),logit_<class>... (the scaled cosine similarities)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "1:internal error", "2:bad input or usage"})
final class ZeroShotCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ModelOptions model;

  @Option(
      names = "--images",
      required = true,
      paramLabel = "DIR",
      description = "Images (.png/.jpg, recursively, sorted by path).")
  Path images;

  @Option(
      names = "--classes",
      required = true,
      paramLabel = "FILE",
      description = "Class names, one per line, in class order.")
  Path classes;

  @Option(
      names = "--templates",
      paramLabel = "FILE",
      description =
          "Prompt templates, one per line, {} for the class name (default: the class name alone). Several templates form a prompt ensemble.")
  Path templates;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE.csv",
      description = "Predictions (written atomically).")
  Path out;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    try {
      // Not the images directory: predictions may sit next to the images (only images are read).
      OutputTargets.check("--out", out, classes, templates, model.model);
    } catch (IllegalArgumentException e) {
      return FairnessCli.badInput(err, e);
    }
    try (VisionLanguageCheckpoint clip = model.load()) {
      model.refuseOutputInModel(out, "--out");
      List<String> names = EncodeCommand.prompts(classes);
      List<String> temps = templates == null ? List.of("{}") : EncodeCommand.prompts(templates);
      PromptTokenizer tok = clip.tokenizer();
      Map<String, List<String>> prompts = ZeroShotClassifier.prompts(names, temps);
      ZeroShotClassifier zs =
          new ZeroShotClassifier(
              clip.imageEncoder(), clip.textEncoder(), tok, clip.logitScale(), prompts);
      List<Path> files = ImageFiles.under(images);
      INDArray embeddings;
      try (ModelOptions.ProgressBarListener bar = model.progress("zeroshot", files.size())) {
        embeddings = model.imageEmbedder(clip).encode(files, bar);
      }
      List<String> ids = new ArrayList<>(files.size());
      files.forEach(f -> ids.add(images.relativize(f).toString()));
      ProbabilityTableCsv.write(
          out, zs.predictions(embeddings, ids, null), ProbabilityTableCsv.Layout.ZERO_SHOT);
      return 0;
    } catch (IOException | IllegalArgumentException e) {
      return FairnessCli.badInput(err, e);
    }
  }
}
