package org.fairness4j.core.stats;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Intervals contain their estimate, stay in [0, 1] and narrow as n grows (rate held fixed). */
class ProportionIntervalsProperties {
  @Property(tries = 300)
  void intervalsContainTheEstimateAndStayInTheUnitInterval(
      @ForAll @IntRange(min = 1, max = 5000) int n, @ForAll @IntRange(min = 0, max = 5000) int x) {
    int k = Math.min(x, n);
    for (Interval i :
        new Interval[] {
          ProportionIntervals.wilson(k, n, 0.95), ProportionIntervals.clopperPearson(k, n, 0.95)
        }) {
      assertTrue(
          i.contains(i.estimate()) || Math.abs(i.lower() - i.estimate()) < 1e-12, i.toString());
      assertTrue(i.lower() >= -1e-12 && i.upper() <= 1 + 1e-12, i.toString());
    }
  }

  @Property(tries = 300)
  void intervalsNarrowAsTheSampleGrows(
      @ForAll @IntRange(min = 1, max = 200) int n, @ForAll @IntRange(min = 0, max = 200) int x) {
    int k = Math.min(x, n);
    assertTrue(
        ProportionIntervals.wilson(4L * k, 4L * n, 0.95).width()
            < ProportionIntervals.wilson(k, n, 0.95).width());
    assertTrue(
        ProportionIntervals.clopperPearson(4L * k, 4L * n, 0.95).width()
            < ProportionIntervals.clopperPearson(k, n, 0.95).width());
  }

  @Property(edgeCases = EdgeCasesMode.NONE)
  void newcombeContainsTheObservedDifference(
      @ForAll @IntRange(min = 1, max = 300) int n1,
      @ForAll @IntRange(min = 0, max = 300) int x1,
      @ForAll @IntRange(min = 1, max = 300) int n2,
      @ForAll @IntRange(min = 0, max = 300) int x2) {
    Interval d =
        ProportionIntervals.newcombeDifference(Math.min(x1, n1), n1, Math.min(x2, n2), n2, 0.95);
    assertTrue(
        d.lower() <= d.estimate() + 1e-12 && d.estimate() <= d.upper() + 1e-12, d.toString());
    assertTrue(d.lower() >= -1 - 1e-12 && d.upper() <= 1 + 1e-12, d.toString());
  }
}
