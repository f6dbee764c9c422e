package org.fairness4j.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.fairness4j.models.adapt.AdamW;
import org.fairness4j.models.adapt.ClassifierHead;
import org.fairness4j.models.adapt.EncoderClassifier;
import org.fairness4j.models.adapt.LoraAdapter;
import org.fairness4j.models.adapt.LoraConfig;
import org.fairness4j.models.adapt.TrainableClassifier;
import org.fairness4j.models.train.EagerVitClassifier;
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
import org.openjdk.jmh.annotations.TearDown;
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

  /** Images per batch (the targets are 4 and 16; see docs/performance.md for memory). */
  @Param({"4", "16"})
  public int batch;

  /**
   * {@code eager} (hand-written backward on host arrays, {@code EagerVitClassifier}) or {@code
   * graph} (SameDiff, {@code EncoderClassifier}).
   */
  @Param({"eager"})
  public String trainer;

  /** {@code on} for gradient checkpointing (eager only). */
  @Param({"off"})
  public String checkpointing;

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
    Path clip = BenchmarkModels.clipDir();
    if (trainer.equals("eager")) {
      Map<String, INDArray> head = new LinkedHashMap<>();
      ClassifierHead.create(ClassifierHead.Kind.LINEAR, 512, 0, 6, 1)
          .parameters()
          .forEach((k, v) -> head.put("head." + k, v));
      model =
          (strategy.equals("lora")
                  ? EagerVitClassifier.lora(
                      clip,
                      LoraAdapter.create(LoraConfig.authors(), 1),
                      ClassifierHead.Kind.LINEAR,
                      0,
                      6,
                      head)
                  : EagerVitClassifier.fullFineTuning(
                      clip, 1.0, ClassifierHead.Kind.LINEAR, 0, 6, head))
              .checkpointing(checkpointing.equals("on"));
    } else {
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
    }
    pixels = BenchmarkModels.pixels(batch, 224);
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
  /**
   * Prints the process's peak resident memory and the activations the last step held.
   *
   * @throws IOException if /proc cannot be read
   */
  @TearDown(Level.Trial)
  public void peak() throws IOException {
    Path status = Path.of("/proc/self/status");
    String hwm =
        Files.exists(status)
            ? Files.readAllLines(status).stream()
                .filter(l -> l.startsWith("VmHWM"))
                .findFirst()
                .orElse("VmHWM: ?")
            : "VmHWM: ?";
    long act = model instanceof EagerVitClassifier e ? e.activationBytes() >> 20 : -1;
    System.out.println(
        "PEAK "
            + strategy
            + " b"
            + batch
            + " "
            + trainer
            + " "
            + hwm.replaceAll("\\s+", " ")
            + " activations_MB "
            + act);
  }

  @Benchmark
  public double step() {
    TrainableClassifier.Step s = model.trainStep(pixels, labels, 0);
    adam.step(model.parameters(), s.gradients(), 1e-5, null);
    return s.loss();
  }
}
