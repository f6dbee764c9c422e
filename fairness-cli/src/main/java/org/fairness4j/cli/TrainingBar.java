package org.fairness4j.cli;

import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.fairness4j.models.adapt.AdaptationListener;
import org.fairness4j.models.adapt.EpochRecord;

/** {@code adapt}'s training progress on stderr: one bar per epoch with loss and throughput. */
final class TrainingBar implements AdaptationListener, AutoCloseable {
  private final boolean off;
  private final int epochs;
  private ProgressBar bar;

  TrainingBar(boolean off, int epochs) {
    this.off = off;
    this.epochs = epochs;
  }

  @Override
  public void onStep(AdaptationListener.Step step) {
    if (off) {
      return;
    }
    if (bar == null) {
      bar =
          new ProgressBarBuilder()
              .setTaskName("epoch " + step.epoch() + "/" + epochs)
              .setInitialMax(step.batches())
              .setStyle(ProgressBarStyle.ASCII)
              .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
              .build();
    }
    bar.stepTo(step.batch());
    bar.setExtraMessage(
        String.format(Locale.ROOT, "loss %.4f, %.1f ex/s", step.loss(), step.examplesPerSecond()));
  }

  @Override
  public void onEpoch(EpochRecord r) {
    close();
    if (!off) {
      System.err.printf(
          Locale.ROOT,
          "epoch %d: train loss %.4f, val loss %.4f, val accuracy %.4f%n",
          r.epoch(),
          r.trainLoss(),
          r.valLoss(),
          r.valAccuracy());
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
