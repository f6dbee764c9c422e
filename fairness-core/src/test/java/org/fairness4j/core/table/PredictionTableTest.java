package org.fairness4j.core.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class PredictionTableTest {
  @Test
  void stringLabelsWithoutDeclaredClassesAreSorted() {
    PredictionTable t =
        PredictionTable.builder()
            .labels(new String[] {"pos", "neg"}, new String[] {"neg", "neg"})
            .categorical("g", "a", "b")
            .build();
    assertEquals(List.of("neg", "pos"), t.classes().asList());
    assertEquals(1, t.trueClass(0));
  }

  @Test
  void inputArraysAreCopied() {
    int[] y = {0, 1};
    PredictionTable t =
        PredictionTable.builder().labels(y, new int[] {0, 1}).categorical("g", "a", "b").build();
    y[0] = 1;
    assertEquals(0, t.trueClass(0));
  }

  @Test
  void inconsistentColumnsAreRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> PredictionTable.builder().labels(new int[] {0, 1}, new int[] {0}).build());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            PredictionTable.builder()
                .labels(new int[] {0, 1}, new int[] {0, 1})
                .scores("1", new double[] {0.5, Double.NaN})
                .build());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            PredictionTable.builder()
                .labels(new int[] {0, 1}, new int[] {0, 1})
                .scores("7", new double[] {0.5, 0.5})
                .build());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            PredictionTable.builder()
                .labels(new int[] {0, 1}, new int[] {0, 1})
                .weights(new double[] {1, -1})
                .build());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            PredictionTable.builder()
                .classes(ClassLabels.of("a"))
                .labels(new String[] {"a"}, new String[] {"b"})
                .build());
  }
}
