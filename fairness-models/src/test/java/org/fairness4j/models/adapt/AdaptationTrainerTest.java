package org.fairness4j.models.adapt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class AdaptationTrainerTest {
  private static final int DIM = 16;
  private static final int CLASSES = 3;

  @TempDir Path dir;

  /** Three Gaussian clusters in 16 dimensions; labels shuffled when {@code randomLabels}. */
  static AdaptationData clusters(long seed, int n, boolean randomLabels) {
    Random rng = new Random(seed);
    float[] x = new float[n * DIM];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = rng.nextInt(CLASSES);
      for (int d = 0; d < DIM; d++) {
        x[i * DIM + d] = (float) (rng.nextGaussian() + (d % CLASSES == y[i] ? 2.0 : 0.0));
      }
      if (randomLabels) {
        y[i] = rng.nextInt(CLASSES);
      }
    }
    return AdaptationData.ofArrays(Nd4j.create(x, new long[] {n, DIM}, 'c'), y);
  }

  private static AdaptationTrainer.Builder base() {
    return AdaptationTrainer.builder().epochs(6).batchSize(32).seed(4).constantRate(1e-2);
  }

  @ParameterizedTest
  @EnumSource(ClassifierHead.Kind.class)
  void everyHeadLearnsASeparableTask(ClassifierHead.Kind kind) throws IOException {
    ClassifierHead head = ClassifierHead.create(kind, DIM, 64, CLASSES, 1);
    AdaptationData val = clusters(2, 300, false);
    double before = TrainingLoop.evaluate(head, val)[1];
    AdaptationTrainer.Result r = base().build().train(head, clusters(1, 600, false), val);
    double after = TrainingLoop.evaluate(head, val)[1];
    assertTrue(after > 0.95, kind + ": accuracy " + before + " -> " + after);
    assertEquals(6, r.log().size());
    assertTrue(r.log().get(5).trainLoss() < r.log().get(0).trainLoss());
  }

  @Test
  void aResumedRunEndsWithTheWeightsOfAnUninterruptedOne() throws IOException {
    AdaptationData train = clusters(1, 200, false);
    AdaptationData val = clusters(2, 100, false);
    ClassifierHead whole = ClassifierHead.create(ClassifierHead.Kind.MLP, DIM, 32, CLASSES, 7);
    base().cosineWithWarmup(1e-2, 0.2).clipNorm(1.0).build().train(whole, train, val);

    Path ckpt = dir.resolve("ckpt");
    ClassifierHead killed = ClassifierHead.create(ClassifierHead.Kind.MLP, DIM, 32, CLASSES, 7);
    AdaptationListener killer =
        new AdaptationListener() {
          @Override
          public void onEpoch(EpochRecord record) {
            if (record.epoch() == 3) {
              throw new IllegalStateException("killed");
            }
          }
        };
    AdaptationTrainer.Builder b =
        base().cosineWithWarmup(1e-2, 0.2).clipNorm(1.0).checkpointDir(ckpt).resume(true);
    assertThrows(
        IllegalStateException.class, () -> b.listener(killer).build().train(killed, train, val));
    assertTrue(Files.exists(ckpt.resolve("checkpoint.safetensors")));

    ClassifierHead resumed = ClassifierHead.create(ClassifierHead.Kind.MLP, DIM, 32, CLASSES, 99);
    AdaptationTrainer.Result r =
        b.listener(new AdaptationListener() {}).build().train(resumed, train, val);
    assertEquals(6, r.log().size(), "log keeps the epochs of the killed run");
    for (Map.Entry<String, INDArray> p : whole.parameters().entrySet()) {
      assertEquals(p.getValue(), resumed.parameters().get(p.getKey()), p.getKey());
    }
    for (Map.Entry<String, INDArray> p : whole.buffers().entrySet()) {
      assertEquals(p.getValue(), resumed.buffers().get(p.getKey()), p.getKey());
    }
    List<String> csv = Files.readAllLines(ckpt.resolve("log.csv"));
    assertEquals(EpochRecord.CSV_HEADER, csv.get(0));
    assertEquals(7, csv.size());
  }

  @Test
  void theSameSeedGivesTheSameWeightsAndAnotherSeedOthers() throws IOException {
    AdaptationData train = clusters(1, 100, false);
    INDArray[] w = new INDArray[3];
    long[] seeds = {5, 5, 6};
    for (int i = 0; i < 3; i++) {
      ClassifierHead h = ClassifierHead.create(ClassifierHead.Kind.LINEAR, DIM, 0, CLASSES, 1);
      base().epochs(2).seed(seeds[i]).build().train(h, train, null);
      w[i] = h.parameters().get("fc.weight");
    }
    assertEquals(w[0], w[1]);
    assertNotEquals(w[0], w[2]);
  }

  @Test
  void earlyStoppingKeepsTheBestEpoch() throws IOException {
    // Random validation labels: validation loss only gets worse as the head fits the training set.
    AdaptationData train = clusters(1, 300, false);
    AdaptationData val = clusters(3, 150, true);
    ClassifierHead h =
        ClassifierHead.create(ClassifierHead.Kind.LINEAR_HIDDEN, DIM, 32, CLASSES, 1);
    AdaptationTrainer.Result r =
        base()
            .epochs(30)
            .earlyStopping(AdaptationTrainer.Monitor.VAL_LOSS, 2)
            .build()
            .train(h, train, val);
    assertTrue(r.stoppedEarly());
    assertTrue(r.log().size() < 30);
    double bestLoss = r.log().stream().mapToDouble(EpochRecord::valLoss).min().orElseThrow();
    assertEquals(bestLoss, r.log().get(r.bestEpoch() - 1).valLoss());
    assertEquals(bestLoss, TrainingLoop.evaluate(h, val)[0], 1e-6, "model holds the best epoch");
  }

  @Test
  void resumingWithAnotherConfigurationIsRefused() throws IOException {
    AdaptationData train = clusters(1, 64, false);
    Path ckpt = dir.resolve("c");
    ClassifierHead h = ClassifierHead.create(ClassifierHead.Kind.LINEAR, DIM, 0, CLASSES, 1);
    base().epochs(1).checkpointDir(ckpt).build().train(h, train, null);
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                base()
                    .epochs(1)
                    .batchSize(8)
                    .checkpointDir(ckpt)
                    .resume(true)
                    .build()
                    .train(h, train, null));
    assertTrue(e.getMessage().contains("another configuration"), e.getMessage());
  }

  @Test
  void schedulesFollowTheirFormulas() {
    LearningRateSchedule warm = LearningRateSchedule.cosineWithWarmup(1.0, 10, 110);
    assertEquals(0.0, warm.rate(0, 10));
    assertEquals(0.5, warm.rate(5, 10), 1e-12);
    assertEquals(1.0, warm.rate(10, 10), 1e-12);
    assertEquals(0.5, warm.rate(60, 10), 1e-12);
    assertEquals(0.0, warm.rate(110, 10), 1e-12);
    // PyTorch CosineAnnealingWarmRestarts(T_0=2, T_mult=2, eta_min=0.1) from lr 1: restarts at
    // epochs 2 and 6; halfway through the second period (epoch 4) the rate is (1 + 0.1) / 2.
    LearningRateSchedule sgdr = LearningRateSchedule.cosineWarmRestarts(1.0, 0.1, 2, 2);
    assertEquals(1.0, sgdr.rate(0, 5), 1e-12);
    assertEquals(1.0, sgdr.rate(10, 5), 1e-12);
    assertEquals(0.55, sgdr.rate(20, 5), 1e-12);
    assertEquals(1.0, sgdr.rate(30, 5), 1e-12);
    assertEquals(0.55, sgdr.rate(5, 5), 1e-12);
  }

  @Test
  void clippingScalesToTheGlobalNorm() {
    INDArray a = Nd4j.create(new float[] {3, 0}, new long[] {2}, 'c');
    INDArray b = Nd4j.create(new float[] {0, 4}, new long[] {2}, 'c');
    double norm = AdamW.clipGlobalNorm(new java.util.HashMap<>(Map.of("a", a, "b", b)), 1.0);
    assertEquals(5.0, norm, 1e-6);
    assertEquals(0.6, a.getDouble(0), 1e-6);
    assertEquals(0.8, b.getDouble(1), 1e-6);
    assertFalse(a.dataType() != DataType.FLOAT);
  }
}
