package org.fairness4j.models.embed;

/** Told how batch encoding advances (a progress bar, a log line). */
@FunctionalInterface
public interface ProgressListener {
  /** Does nothing. */
  ProgressListener NONE = (done, total, cached) -> {};

  /**
   * Called after each batch.
   *
   * @param done inputs finished so far
   * @param total inputs in all
   * @param cached how many of the finished ones came from the cache
   */
  void progress(long done, long total, long cached);
}
