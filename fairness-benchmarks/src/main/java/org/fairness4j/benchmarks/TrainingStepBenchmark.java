package org.fairness4j.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.fairness4j.models.adapt.AdamW;
import org.fairness4j.models.adapt.ClassifierHead;
import org.fairness4j.models.adapt.EncoderClassifier;
import org.fairness4j.models.adapt.LoraAdapter;
import org.fairness4j.models.adapt.LoraConfig;
import org.fairness4j.models.adapt.TrainableClassifier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step (forward, backward, AdamW update) at a batch size ({@code batch}, 16 by
 * default) of LoRA (the authors' preset, r 16 on the fused qkv projections) or full fine-tuning of
 * the CLIP vision encoder in {@code fairness4j.clip.dir} (e.g. the ViT-B/16 directory of {@code
 * tools/make_clip_fixture.py --shape b16}), with a linear head on 6 classes. {@code
 * tools/bench_training_step.py} times PyTorch on the same machine.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 4)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx12g"})
public class TrainingStepBenchmark {
  /** {@code lora} or {@code full}. */
  @Param({"lora", "full"})
  public String strategy;

  /** Images per batch (the target is 16; see docs/performance.md for memory). */
  @Param({"16"})
  public int batch;

  private TrainableClassifier model;
  private INDArray pixels;
  private INDArray labels;
  private AdamW adam;

  /**
   * Builds the model and a batch.
   *
   * @throws IOException if the directory cannot be read
   */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    org.fairness4j.models.Nd4jBackendSetup.configure();
    String dir = System.getProperty("fairness4j.clip.dir");
    if (dir == null) {
      throw new IllegalStateException("pass -Dfairness4j.clip.dir=DIR (a CLIP model directory)");
    }
    Path clip = Path.of(dir);
    model =
        strategy.equals("lora")
            ? EncoderClassifier.lora(
                clip,
                LoraAdapter.create(LoraConfig.authors(), 1),
                ClassifierHead.Kind.LINEAR,
                0,
                6,
                1)
            : EncoderClassifier.fullFineTuning(clip, 1.0, ClassifierHead.Kind.LINEAR, 0, 6, 1);
    Nd4j.getRandom().setSeed(1);
    pixels = Nd4j.randn(DataType.FLOAT, batch, 3, 224, 224);
    labels = Nd4j.zeros(DataType.FLOAT, batch, 6);
    for (int i = 0; i < batch; i++) {
      labels.putScalar(i, i % 6, 1f);
    }
    adam = new AdamW(AdamW.Settings.DEFAULTS);
  }

  /**
   * One step.
   *
   * @return the loss
   */
  @Benchmark
  public double step() {
    TrainableClassifier.Step s = model.trainStep(pixels, labels, 0);
    adam.step(model.parameters(), s.gradients(), 1e-5, null);
    return s.loss();
  }
}
