package org.fairness4j.core.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class BinningTest {
  @Test
  void binsAreLeftClosedWithAnOpenLastBin() {
    Binning b = Binning.parse("0,20,40,60,80");
    assertEquals(List.of("[0,20)", "[20,40)", "[40,60)", "[60,80)", "[80,inf)"), b.names());
    assertEquals(0, b.binOf(0));
    assertEquals(0, b.binOf(19.999));
    assertEquals(1, b.binOf(20));
    assertEquals(4, b.binOf(80));
    assertEquals(4, b.binOf(1e9));
  }

  @Test
  void valuesBelowTheFirstEdgeAndNanFallInNoBin() {
    Binning b = Binning.edges(0, 60);
    assertEquals(-1, b.binOf(-0.5));
    assertEquals(-1, b.binOf(Double.NaN));
    assertEquals(List.of("[0,60)", "[60,inf)"), b.names());
  }

  @Test
  void fractionalEdgesKeepTheirDigits() {
    assertEquals(List.of("[0.5,1.25)", "[1.25,inf)"), Binning.edges(0.5, 1.25).names());
  }

  @Test
  void badEdgesAreRejectedWithTheReason() {
    assertThrows(IllegalArgumentException.class, () -> Binning.edges());
    assertThrows(IllegalArgumentException.class, () -> Binning.edges(0, 0));
    assertThrows(IllegalArgumentException.class, () -> Binning.edges(10, 5));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Binning.parse("0,x"));
    assertEquals("bin edge 'x' is not a number", e.getMessage());
  }
}
