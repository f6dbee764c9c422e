package org.fairness4j.core.bootstrap;

import java.util.Objects;

/**
 * The settings of a {@link GroupBootstrap}, as one immutable value ({@link GroupBootstrap#of},
 * {@link GroupBootstrap#settings()}; {@link GroupBootstrap#builder()} builds one step by step).
 *
 * @param resamples the number of replicates (at least 2)
 * @param seed the seed of every draw
 * @param confidence the two-sided level, in (0, 1)
 * @param method how resampling intervals are read from the replicates
 * @param stratified whether rows are resampled within groups (not with {@code clustered})
 * @param clustered whether whole clusters (patients) are resampled, and score intervals use
 *     effective counts
 * @param scores whether score-based numbers (ROC AUC) are resampled too (a row bootstrap)
 * @param analytic whether rates, signed differences, ratios and two-group gaps get score intervals
 *     (otherwise every interval is a resampling one)
 * @param maxUndefinedShare the share of replicates in which a number may be undefined before its
 *     interval is flagged, in [0, 1]
 */
public record BootstrapSettings(
    int resamples,
    long seed,
    double confidence,
    GroupBootstrap.Method method,
    boolean stratified,
    boolean clustered,
    boolean scores,
    boolean analytic,
    double maxUndefinedShare) {

  /**
   * Checks the settings.
   *
   * @param resamples the number of replicates (at least 2)
   * @param seed the seed of every draw
   * @param confidence the two-sided level, in (0, 1)
   * @param method how resampling intervals are read from the replicates
   * @param stratified whether rows are resampled within groups (not with {@code clustered})
   * @param clustered whether whole clusters (patients) are resampled, and score intervals use
   *     effective counts
   * @param scores whether score-based numbers (ROC AUC) are resampled too (a row bootstrap)
   * @param analytic whether rates, signed differences, ratios and two-group gaps get score
   *     intervals (otherwise every interval is a resampling one)
   * @param maxUndefinedShare the share of replicates in which a number may be undefined before its
   *     interval is flagged, in [0, 1]
   * @throws IllegalArgumentException for fewer than 2 resamples, a level outside (0, 1) or a share
   *     outside [0, 1]
   * @throws NullPointerException without a method
   */
  public BootstrapSettings {
    if (resamples < 2) {
      throw new IllegalArgumentException("at least 2 resamples");
    }
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must lie in (0, 1)");
    }
    Objects.requireNonNull(method, "method");
    if (!(maxUndefinedShare >= 0 && maxUndefinedShare <= 1)) {
      throw new IllegalArgumentException(
          "the undefined share must lie in [0, 1]: " + maxUndefinedShare);
    }
  }

  /**
   * Returns the defaults: 1000 resamples, seed 0, 95 %, percentile, neither stratified nor
   * clustered, no score resampling, score intervals on, 10 % undefined share.
   *
   * @return the defaults
   */
  public static BootstrapSettings defaults() {
    return new BootstrapSettings(
        1000, 0, 0.95, GroupBootstrap.Method.PERCENTILE, false, false, false, true, 0.10);
  }
}
