package org.fairness4j.models.adapt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairness4j.models.weights.SafetensorsFile;
import org.fairness4j.models.weights.SafetensorsWriter;
import org.fairness4j.models.weights.WeightFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The checkpoint format, its checks on reading, and the order in which listeners hear events. */
class TrainingCheckpointTest {
  @TempDir Path dir;

  private static TrainingCheckpoint checkpoint(float bestValue) {
    Map<String, INDArray> model = new LinkedHashMap<>();
    model.put("param/fc.weight", Nd4j.create(new float[] {1, 2, 3, 4}, new long[] {2, 2}, 'c'));
    model.put("buffer/bn.mean", Nd4j.create(new float[] {0.5f}, new long[] {1}, 'c'));
    Map<String, INDArray> adam = new LinkedHashMap<>();
    adam.put("m/fc.weight", Nd4j.create(new float[] {0.1f, 0.2f, 0.3f, 0.4f}, new long[] {2, 2}));
    adam.put(
        "v/fc.weight", Nd4j.create(new float[] {1e-3f, 2e-3f, 3e-3f, 4e-3f}, new long[] {2, 2}));
    Map<String, INDArray> best = new LinkedHashMap<>();
    best.put("param/fc.weight", Nd4j.create(new float[] {bestValue, 0, 0, 1}, new long[] {2, 2}));
    best.put("buffer/bn.mean", Nd4j.create(new float[] {0.25f}, new long[] {1}, 'c'));
    List<EpochRecord> log =
        List.of(
            new EpochRecord(1, 0.9, 0.8, 0.5, 1e-3, 2.5, 40),
            new EpochRecord(2, 0.7, Double.NaN, Double.NaN, 1e-3, 2.0, 50));
    return new TrainingCheckpoint("cfg;params=fc", 2, 14, 1, -0.8, 1, log, model, adam, best);
  }

  @Test
  void writtenCheckpointsReadBackWithTheirTensorsInOrderAndTheLogBeside() throws IOException {
    assertFalse(TrainingCheckpoint.exists(dir));
    TrainingCheckpoint c = checkpoint(7);
    c.write(dir);
    assertTrue(TrainingCheckpoint.exists(dir));
    try (SafetensorsFile f = SafetensorsFile.open(dir.resolve(TrainingCheckpoint.FILE))) {
      assertEquals(
          List.of(
              "param/fc.weight",
              "buffer/bn.mean",
              "adam/m/fc.weight",
              "adam/v/fc.weight",
              "best/param/fc.weight",
              "best/buffer/bn.mean"),
          f.names());
      assertEquals(
          List.of(
              "format",
              "fingerprint",
              "completed_epochs",
              "adam_steps",
              "best_epoch",
              "best_score",
              "bad_epochs",
              "log"),
          new ArrayList<>(f.metadata().keySet()));
      assertEquals("fairness4j-checkpoint/1", f.metadata().get("format"));
    }
    List<String> csv = Files.readAllLines(dir.resolve(TrainingCheckpoint.LOG));
    assertEquals(EpochRecord.CSV_HEADER, csv.get(0));
    assertEquals("2,0.7,NaN,NaN,0.001,2.0,50.0", csv.get(2));

    TrainingCheckpoint r = TrainingCheckpoint.read(dir);
    assertEquals("cfg;params=fc", r.fingerprint());
    assertEquals(2, r.completedEpochs());
    assertEquals(14, r.adamSteps());
    assertEquals(1, r.bestEpoch());
    assertEquals(-0.8, r.bestScore());
    assertEquals(1, r.badEpochs());
    assertEquals(c.log(), r.log()); // NaN included: records compare doubles with Double.compare
    assertEquals(List.of("param/fc.weight", "buffer/bn.mean"), new ArrayList<>(r.model().keySet()));
    assertEquals(c.model().get("param/fc.weight"), r.model().get("param/fc.weight"));
    assertEquals(c.adam().get("v/fc.weight"), r.adam().get("v/fc.weight"));
    assertEquals(c.best().get("param/fc.weight"), r.best().get("param/fc.weight"));
  }

  @Test
  void aNonFiniteTensorIsRefusedNamingFileAndTensor() throws IOException {
    checkpoint(Float.NaN).write(dir);
    WeightFormatException e =
        assertThrows(WeightFormatException.class, () -> TrainingCheckpoint.read(dir));
    assertTrue(e.getMessage().contains(TrainingCheckpoint.FILE), e.getMessage());
    assertTrue(
        e.getMessage()
            .contains(
                "tensor 'best/param/fc.weight' holds 1 NaN and 0 infinite values (first at flat"
                    + " index 0)"),
        e.getMessage());
  }

  @Test
  void anotherFormatOrMissingMetadataIsRefusedNamingTheKey() throws IOException {
    Map<String, INDArray> t = Map.of("param/w", Nd4j.create(new float[] {1}, new long[] {1}));
    Path file = dir.resolve(TrainingCheckpoint.FILE);
    SafetensorsWriter.write(file, t, Map.of("format", "something-else"));
    WeightFormatException format =
        assertThrows(WeightFormatException.class, () -> TrainingCheckpoint.read(dir));
    assertTrue(format.getMessage().contains("'something-else'"), format.getMessage());

    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("format", "fairness4j-checkpoint/1");
    meta.put("fingerprint", "x");
    meta.put("log", EpochRecord.CSV_HEADER + "\n");
    SafetensorsWriter.write(file, t, meta);
    WeightFormatException missing =
        assertThrows(WeightFormatException.class, () -> TrainingCheckpoint.read(dir));
    assertTrue(
        missing.getMessage().contains("metadata 'completed_epochs' is missing"),
        missing.getMessage());
  }

  @Test
  void listenersHearStepsThenEachEpochAfterItsCheckpointIsWritten() throws IOException {
    AdaptationData train = AdaptationTrainerTest.clusters(1, 40, false);
    Path ckpt = dir.resolve("ckpt");
    List<String> events = new ArrayList<>();
    AdaptationListener listener =
        new AdaptationListener() {
          @Override
          public void onStep(Step s) {
            events.add("step " + s.epoch() + "." + s.batch() + "/" + s.batches());
          }

          @Override
          public void onEpoch(EpochRecord r) throws IOException {
            events.add(
                "epoch "
                    + r.epoch()
                    + " checkpoint "
                    + TrainingCheckpoint.read(ckpt).completedEpochs());
          }
        };
    ClassifierHead h = ClassifierHead.create(ClassifierHead.Kind.LINEAR, 16, 0, 3, 1);
    AdaptationTrainer.builder()
        .epochs(2)
        .batchSize(16)
        .checkpointDir(ckpt)
        .listener(listener)
        .build()
        .train(h, train, null);
    assertEquals(
        List.of(
            "step 1.1/3",
            "step 1.2/3",
            "step 1.3/3",
            "epoch 1 checkpoint 1",
            "step 2.1/3",
            "step 2.2/3",
            "step 2.3/3",
            "epoch 2 checkpoint 2"),
        events);
  }

  @Test
  void aTrainerIsImmutableAndItsCopiesDifferOnlyInCheckpointingAndListener() throws IOException {
    AdaptationData train = AdaptationTrainerTest.clusters(1, 40, false);
    AdaptationTrainer base = AdaptationTrainer.builder().epochs(1).batchSize(16).build();
    AdaptationTrainer checkpointed = base.withCheckpoints(dir.resolve("a"), false);
    ClassifierHead h1 = ClassifierHead.create(ClassifierHead.Kind.LINEAR, 16, 0, 3, 1);
    ClassifierHead h2 = ClassifierHead.create(ClassifierHead.Kind.LINEAR, 16, 0, 3, 1);
    base.train(h1, train, null);
    checkpointed.train(h2, train, null);
    assertTrue(TrainingCheckpoint.exists(dir.resolve("a")));
    assertEquals(h1.parameters().get("fc.weight"), h2.parameters().get("fc.weight"));
    assertThrows(IllegalStateException.class, () -> base.withCheckpoints(null, true));
  }
}
