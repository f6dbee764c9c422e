package org.fairness4j.core.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairness4j.core.ReportStatisticId;
import org.fairness4j.core.stats.Interval;
import org.junit.jupiter.api.Test;

class UndeclaredClustersTest {
  @Test
  void repeatedIdsGiveTheWarningUniqueOnesDoNot() {
    assertTrue(UndeclaredClusters.check("patient_id", new String[] {"P1", "P2", "P1"}).isPresent());
    assertFalse(
        UndeclaredClusters.check("patient_id", new String[] {"P1", "P2", "P3"}).isPresent());
    // blank cells are missing ids, not a shared one
    assertFalse(
        UndeclaredClusters.check("patient_id", new String[] {"", " ", null, "P1"}).isPresent());
    assertTrue(UndeclaredClusters.warning("mrn").contains("cluster by 'mrn'"));
    assertThrows(
        IllegalArgumentException.class, () -> UndeclaredClusters.check(" ", new String[0]));
  }

  @Test
  void withWarningQualifiesEveryIntervalAndKeepsEarlierReasons() {
    ReportStatisticId a = ReportStatisticId.parse("by_group/A/recall");
    ReportStatisticId b = ReportStatisticId.parse("difference/between_groups/recall");
    Map<ReportStatisticId, Interval> intervals = new LinkedHashMap<>();
    intervals.put(a, new Interval(0.5, 0.4, 0.6, 0.95, "wilson"));
    intervals.put(b, new Interval(0.1, 0.0, 0.2, 0.95, "bootstrap-percentile"));
    BootstrapResult r =
        new BootstrapResult(
            100, 1, intervals, Map.of(a, 0.0, b, 0.0), Map.of(b, "small counts"), List.of());
    assertTrue(r.unqualified(a));
    String w = UndeclaredClusters.warning("patient_id");
    BootstrapResult warned = r.withWarning(w);
    assertFalse(warned.unqualified(a));
    assertEquals(w, warned.warning(a).orElseThrow());
    assertEquals("small counts; " + w, warned.warning(b).orElseThrow());
    assertEquals(r.intervals(), warned.intervals());
    // idempotent: the same reason is not repeated
    assertEquals(warned.warnings(), warned.withWarning(w).warnings());
    assertThrows(IllegalArgumentException.class, () -> r.withWarning(" "));
  }
}
