package org.fairness4j.benchmarks;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.fairness4j.models.clip.ClipCheckpoint;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * CLIP image encoding (SameDiff, CPU) of a model directory given by the system property {@code
 * fairness4j.clip.dir} — e.g. the ViT-B/16 directory written by {@code tools/make_clip_fixture.py
 * --shape b16}, which also prints PyTorch's time on the same machine.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx8g"})
public class ClipImageBenchmark {
  /** Images per batch. */
  @Param({"1", "16"})
  public int batch;

  private ClipCheckpoint model;
  private INDArray pixels;

  /**
   * Loads the model.
   *
   * @throws IOException if the directory cannot be read
   */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    model = ClipCheckpoint.load(BenchmarkModels.clipDir());
    pixels = BenchmarkModels.pixels(batch, model.imageEncoder().imageSize());
  }

  /** Releases the model. */
  @TearDown(Level.Trial)
  public void tearDown() {
    model.close();
  }

  /**
   * Encodes one batch.
   *
   * @return the embeddings
   */
  @Benchmark
  public INDArray encode() {
    return model.imageEncoder().encode(pixels);
  }
}
