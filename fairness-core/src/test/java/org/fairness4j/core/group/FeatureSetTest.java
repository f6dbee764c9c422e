package org.fairness4j.core.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The adapters' default feature sets. */
class FeatureSetTest {
  @Test
  void eachAttributeAloneThenAllIntersected() {
    assertEquals(
        List.of(FeatureSet.of("sex"), FeatureSet.of("age"), FeatureSet.of("sex", "age")),
        FeatureSet.eachAndAll(List.of("sex", "age")));
    assertEquals(List.of(FeatureSet.of("sex")), FeatureSet.eachAndAll(List.of("sex")));
    assertThrows(IllegalArgumentException.class, () -> FeatureSet.eachAndAll(List.of()));
    assertThrows(
        IllegalArgumentException.class, () -> FeatureSet.eachAndAll(List.of("sex", "sex")));
  }
}
