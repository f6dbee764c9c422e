package org.fairness4j.benchmarks;

import java.nio.file.Path;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The model directory and the input batch of the model benchmarks (seeded pixels). */
final class BenchmarkModels {
  private BenchmarkModels() {}

  /**
   * Configures ND4J's backend and returns the CLIP model directory given by the system property
   * {@code fairness4j.clip.dir}.
   *
   * @throws IllegalStateException if the property is not set
   */
  static Path clipDir() {
    org.fairness4j.models.Nd4jBackendSetup.configure();
    String dir = System.getProperty("fairness4j.clip.dir");
    if (dir == null) {
      throw new IllegalStateException("pass -Dfairness4j.clip.dir=DIR (a CLIP model directory)");
    }
    return Path.of(dir);
  }

  /** Standard normal float pixels [batch, 3, size, size], the same on every run (seed 1). */
  static INDArray pixels(int batch, int size) {
    Nd4j.getRandom().setSeed(1);
    return Nd4j.randn(DataType.FLOAT, batch, 3, size, size);
  }
}
