package org.fairness4j.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fairness4j.cli.FairnessCli;
import org.fairness4j.examples.demo.DemoBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fairness demo-build}: regenerates the embedded demo (synthetic data and model). */
@Command(
    name = "demo-build",
    mixinStandardHelpOptions = true,
    description =
        "Rebuilds the embedded demo in OUT: the SYNTHETIC NIH-format data set (seeded) and the small"
            + " CLIP pretrained contrastively on synthetic image-report pairs (OUT/model must hold"
            + " vocab.json and merges.txt).")
final class DemoBuildCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--out",
      defaultValue = "examples/nih-demo",
      paramLabel = "DIR",
      description = "Demo directory (default ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--seed",
      defaultValue = "2025",
      paramLabel = "S",
      description = "Seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--pairs",
      defaultValue = "3000",
      paramLabel = "N",
      description = "Pretraining image-report pairs (default ${DEFAULT-VALUE}).")
  int pairs;

  @Option(
      names = "--epochs",
      defaultValue = "10",
      paramLabel = "N",
      description = "Pretraining epochs (default ${DEFAULT-VALUE}).")
  int epochs;

  @Option(
      names = "--lr",
      defaultValue = "5e-4",
      paramLabel = "LR",
      description = "Pretraining learning rate (AdamW; default ${DEFAULT-VALUE}).")
  double lr;

  @Option(names = "--skip-model", description = "Only rewrite the data set.")
  boolean skipModel;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    try {
      DemoBuilder.writeData(out, seed);
      err.println("demo-build: wrote the synthetic data set under " + out);
      if (!skipModel) {
        Path model = out.resolve("model");
        if (!Files.exists(model.resolve("vocab.json"))) {
          throw new IllegalArgumentException(
              model + ": needs vocab.json and merges.txt (the demo tokenizer)");
        }
        DemoBuilder.pretrain(model, pairs, epochs, lr, seed, System.err);
        err.println("demo-build: wrote the pretrained model to " + model);
      }
      return 0;
    } catch (IOException | IllegalArgumentException e) {
      return FairnessCli.badInput(err, e);
    }
  }
}
