package org.fairness4j.core.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SensitiveAttributeTest {
  @Test
  void categoricalLevelsAreSortedAndMissingValuesFormTheirOwnGroup() {
    SensitiveAttribute a =
        SensitiveAttribute.categorical(
            "sex", new String[] {"M", "", "F", "NA", "M"}, MissingValuePolicy.OWN_GROUP);
    assertEquals(List.of("F", "M", SensitiveAttribute.MISSING_LEVEL), a.levels());
    assertEquals(1, a.code(0));
    assertEquals(2, a.code(1));
    assertEquals(0, a.code(2));
    assertEquals(2, a.missingRows());
  }

  @Test
  void droppedMissingValuesHaveNoLevelButAreCounted() {
    SensitiveAttribute a =
        SensitiveAttribute.categorical(
            "sex", new String[] {"M", null, "F"}, MissingValuePolicy.DROP);
    assertEquals(List.of("F", "M"), a.levels());
    assertEquals(-1, a.code(1));
    assertEquals(1, a.missingRows());
  }

  @Test
  void binnedTextSeparatesMissingUnparseableAndOutOfRange() {
    SensitiveAttribute a =
        SensitiveAttribute.binned(
            "age",
            new String[] {"12", "n/a", "abc", "-3", " 70 "},
            Binning.edges(0, 60),
            MissingValuePolicy.OWN_GROUP);
    assertEquals(List.of("[0,60)", "[60,inf)", "<missing>"), a.levels());
    assertEquals(1, a.missingTokenRows());
    assertEquals(1, a.unparseableRows());
    assertEquals(1, a.outOfRangeRows());
    assertEquals(3, a.missingRows());
    assertEquals(1, a.code(4));
    assertTrue(a.binning().isPresent());
  }

  @Test
  void noMissingLevelWhenNothingIsMissing() {
    SensitiveAttribute a =
        SensitiveAttribute.binned(
            "age", new double[] {1, 70}, Binning.edges(0, 60), MissingValuePolicy.OWN_GROUP);
    assertEquals(List.of("[0,60)", "[60,inf)"), a.levels());
    assertEquals(0, a.missingRows());
  }
}
