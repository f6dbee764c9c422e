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

  /** The modification only widens Wilson at 90 % and above, and only at x or n − x of 1..3. */
  @Property(tries = 300)
  void modifiedWilsonContainsWilsonAndDiffersOnlyNearTheEnds(
      @ForAll @IntRange(min = 1, max = 100000) int n,
      @ForAll @IntRange(min = 0, max = 8) int k,
      @ForAll boolean fromTop,
      @ForAll @IntRange(min = 0, max = 2) int level) {
    double conf = new double[] {0.9, 0.95, 0.99}[level];
    long x = fromTop ? Math.max(0, n - k) : Math.min(k, n);
    Interval w = ProportionIntervals.wilson(x, n, conf);
    Interval m = ProportionIntervals.modifiedWilson(x, n, conf);
    assertTrue(m.lower() <= w.lower() && w.upper() <= m.upper(), m + " vs " + w);
    assertTrue(m.lower() >= 0 && m.upper() <= 1 && m.contains(m.estimate()), m.toString());
    long limit = n <= 50 ? 2 : 3;
    boolean near = (x >= 1 && x <= limit) || (n - x >= 1 && n - x <= limit);
    assertTrue(near == m.method().equals("wilson-modified"), m + " at " + x + "/" + n);
    if (!near) {
      assertTrue(m.lower() == w.lower() && m.upper() == w.upper(), m + " vs " + w);
    }
  }
}
