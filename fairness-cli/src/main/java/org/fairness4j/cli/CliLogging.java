package org.fairness4j.cli;

import java.util.Locale;

/** Logging and resource messages of the command line. */
final class CliLogging {
  private CliLogging() {}

  /**
   * Sets the slf4j-simple levels before any library logs: ND4J, JavaCPP and the DL4J family only at
   * ERROR unless {@code verbose} (their WARN lines, e.g. "Duplicate TF op mapping", are not about
   * the user's run). A level the user set with {@code -D} is kept.
   *
   * @param verbose whether to show their INFO and WARN lines
   */
  static void configure(boolean verbose) {
    String level = verbose ? "info" : "error";
    for (String logger : new String[] {"org.nd4j", "org.bytedeco", "org.deeplearning4j"}) {
      String key = "org.slf4j.simpleLogger.log." + logger;
      if (System.getProperty(key) == null) {
        System.setProperty(key, level);
      }
    }
  }

  /**
   * The one line printed when the heap is exhausted.
   *
   * @param maxHeapBytes {@link Runtime#maxMemory()}
   * @return the message
   */
  static String outOfMemory(long maxHeapBytes) {
    long mib = maxHeapBytes / (1024 * 1024);
    long suggest = Math.max(4, 2 * ((mib + 1023) / 1024));
    return String.format(
        Locale.ROOT,
        "fairness: out of memory: the Java heap was at most %d MiB; give more with"
            + " JAVA_OPTS=-Xmx%dg bin/fairness ... (or, for metrics, --engine stream, which"
            + " keeps at most 20 bytes a row; or fewer resamples)",
        mib,
        suggest);
  }
}
