package org.fairness4j.spark;

import org.apache.spark.sql.SparkSession;

/** One local[2] Spark session shared by the test classes of this JVM (Spark stops it on exit). */
final class SparkTestSession {
  /** The master of the shared session. */
  static final String MASTER = "local[2]";

  private static SparkSession session;

  private SparkTestSession() {}

  static synchronized SparkSession get() {
    if (session == null || session.sparkContext().isStopped()) {
      session =
          SparkSession.builder()
              .master(MASTER)
              .appName("fairness-spark-tests")
              .config("spark.ui.enabled", "false")
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.driver.bindAddress", "127.0.0.1")
              .config("spark.sql.shuffle.partitions", "3")
              .config("spark.sql.adaptive.enabled", "false")
              .getOrCreate();
      session.sparkContext().setLogLevel("WARN");
    }
    return session;
  }
}
