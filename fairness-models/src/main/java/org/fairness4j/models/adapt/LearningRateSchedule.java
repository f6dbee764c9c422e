package org.fairness4j.models.adapt;

/**
 * The learning rate of each optimizer step. Steps count from 0; {@code stepsPerEpoch} lets
 * epoch-based schedules (warm restarts) advance fractionally within an epoch, as PyTorch's {@code
 * CosineAnnealingWarmRestarts.step(epoch + i / iters)} does.
 */
@FunctionalInterface
public interface LearningRateSchedule {
  /**
   * Returns the learning rate of a step.
   *
   * @param step the step, from 0
   * @param stepsPerEpoch optimizer steps per epoch
   * @return the learning rate
   */
  double rate(long step, long stepsPerEpoch);

  /**
   * A constant rate.
   *
   * @param lr the rate
   * @return the schedule
   */
  static LearningRateSchedule constant(double lr) {
    return (step, perEpoch) -> lr;
  }

  /**
   * Linear warm-up from 0 to {@code lr} over {@code warmupSteps}, then cosine decay to 0 at {@code
   * totalSteps} (Hugging Face's {@code get_cosine_schedule_with_warmup}).
   *
   * @param lr the peak rate
   * @param warmupSteps warm-up steps
   * @param totalSteps all steps
   * @return the schedule
   */
  static LearningRateSchedule cosineWithWarmup(double lr, long warmupSteps, long totalSteps) {
    if (warmupSteps < 0 || totalSteps <= warmupSteps) {
      throw new IllegalArgumentException("need 0 <= warmup < total steps");
    }
    return (step, perEpoch) -> {
      if (step < warmupSteps) {
        return lr * step / Math.max(1, warmupSteps);
      }
      double progress = (double) (step - warmupSteps) / (totalSteps - warmupSteps);
      return lr * Math.max(0, 0.5 * (1 + Math.cos(Math.PI * Math.min(1, progress))));
    };
  }

  /**
   * Cosine annealing with warm restarts (SGDR; PyTorch's {@code CosineAnnealingWarmRestarts}):
   * period {@code t0} epochs, multiplied by {@code tMult} after each restart, stepped fractionally
   * within epochs.
   *
   * @param lr the rate at each restart
   * @param minLr the floor
   * @param t0 first period in epochs, at least 1
   * @param tMult period multiplier, at least 1
   * @return the schedule
   */
  static LearningRateSchedule cosineWarmRestarts(double lr, double minLr, int t0, int tMult) {
    if (t0 < 1 || tMult < 1) {
      throw new IllegalArgumentException("need t0 >= 1 and tMult >= 1");
    }
    return (step, perEpoch) -> {
      double epoch = (double) step / Math.max(1, perEpoch);
      double period = t0;
      double cur = epoch;
      if (tMult == 1) {
        cur = epoch % t0;
      } else {
        while (cur >= period) {
          cur -= period;
          period *= tMult;
        }
      }
      return minLr + (lr - minLr) * (1 + Math.cos(Math.PI * cur / period)) / 2;
    };
  }
}
