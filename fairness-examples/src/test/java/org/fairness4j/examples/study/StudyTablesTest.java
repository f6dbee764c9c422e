package org.fairness4j.examples.study;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The interval cells of tables.md and report.html. The demo's linear probe has ECE_delta_age
 * 0.000324 with the percentile interval [0.000607, 0.050381] (bin/fairness study --demo, seed 42):
 * an absolute gap is biased upward under resampling, and the cell says so rather than looking like
 * an error.
 */
class StudyTablesTest {
  @Test
  void anEstimateOutsideItsIntervalIsMarked() {
    assertEquals(
        "0.0003 [0.0006, 0.0504] †",
        StudyTables.withInterval(0.000324, new PaperIntervals.Bounds(0.000607, 0.050381)));
    assertEquals(
        "0.9000 [0.8582, 0.9334]",
        StudyTables.withInterval(0.9, new PaperIntervals.Bounds(0.8582, 0.9334)));
    assertEquals(
        "1.0000 [1.0000, 1.0000]",
        StudyTables.withInterval(1.0, new PaperIntervals.Bounds(1.0, 1.0)));
    assertEquals(
        "0.5000", StudyTables.withInterval(0.5, new PaperIntervals.Bounds(Double.NaN, Double.NaN)));
  }
}
