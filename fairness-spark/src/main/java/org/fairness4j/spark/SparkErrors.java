package org.fairness4j.spark;

import java.util.function.Supplier;

/** Turns a Spark job failure caused by invalid input back into the core's exception. */
final class SparkErrors {
  private SparkErrors() {}

  /**
   * Runs a Spark action; if it fails because a value was invalid (an {@link
   * IllegalArgumentException} or {@link ArithmeticException} thrown on an executor), rethrows that
   * exception's message as the same type.
   */
  static <T> T unwrap(Supplier<T> action) {
    try {
      return action.get();
    } catch (Exception e) { // Spark throws its checked SparkException undeclared
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof IllegalArgumentException && t != e) {
          throw new IllegalArgumentException(t.getMessage(), e);
        }
        if (t instanceof ArithmeticException && t != e) {
          throw new ArithmeticException(t.getMessage());
        }
        if (t.getCause() == t) {
          break;
        }
      }
      throw SparkErrors.<RuntimeException>sneaky(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static <E extends Exception> E sneaky(Exception e) throws E {
    throw (E) e;
  }
}
