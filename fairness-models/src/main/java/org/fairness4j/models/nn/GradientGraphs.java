package org.fairness4j.models.nn;

import java.io.OutputStream;
import java.io.PrintStream;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Builds a SameDiff graph's gradient function without the line per op that SameDiff 1.0.0-M2.1
 * prints to standard output ("Added differentiated op ...").
 */
public final class GradientGraphs {
  private static final Object LOCK = new Object();

  private GradientGraphs() {}

  /**
   * Creates the gradient function of a graph whose loss variables are set, with standard output
   * silenced meanwhile (other threads' output during those milliseconds is dropped too).
   *
   * @param sd the graph
   */
  public static void create(SameDiff sd) {
    synchronized (LOCK) {
      PrintStream out = System.out;
      System.setOut(new PrintStream(OutputStream.nullOutputStream()));
      try {
        sd.createGradFunction();
      } finally {
        System.setOut(out);
      }
    }
  }
}
