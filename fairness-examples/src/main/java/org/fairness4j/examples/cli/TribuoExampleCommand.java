package org.fairness4j.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fairness4j.cli.FairnessCli;
import org.fairness4j.examples.tribuo.TribuoFairnessExample;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fairness tribuo-example}: trains a Tribuo model and audits it. */
@Command(
    name = "tribuo-example",
    mixinStandardHelpOptions = true,
    description =
        "Trains a Tribuo logistic regression on a CSV whose sensitive columns (sex, age) are"
            + " metadata, not features, and prints Tribuo's evaluation next to Fairness4J's group"
            + " report. Runs on the bundled synthetic data by default.")
final class TribuoExampleCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--data",
      paramLabel = "CSV",
      description =
          "CSV with marker_a, marker_b, sex, age, patient_id, referral (default: ${DEFAULT-VALUE}).")
  Path data = TribuoFairnessExample.DEFAULT_DATA;

  @Option(names = "--seed", description = "Train/test split seed (default: ${DEFAULT-VALUE}).")
  long seed = 42;

  @Override
  public Integer call() {
    if (!Files.isRegularFile(data)) {
      spec.commandLine().getErr().println("fairness: " + data + ": no such file");
      return FairnessCli.BAD_INPUT;
    }
    // Tribuo logs training progress at INFO through java.util.logging; keep the output readable.
    java.util.logging.Logger.getLogger("org.tribuo").setLevel(java.util.logging.Level.WARNING);
    try {
      TribuoFairnessExample.run(data, seed, System.out);
      return 0;
    } catch (IllegalArgumentException | IllegalStateException e) {
      return FairnessCli.badInput(spec.commandLine().getErr(), e);
    }
  }
}
