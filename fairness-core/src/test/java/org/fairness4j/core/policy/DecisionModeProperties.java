package org.fairness4j.core.policy;

import static org.fairness4j.core.policy.PolicyTables.evaluator;
import static org.fairness4j.core.policy.PolicyTables.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.metrics.Metric;
import org.fairness4j.core.policy.PolicyTables.Cell;

class DecisionModeProperties {
  /**
   * With analytic intervals (which contain the estimate), the modes are nested: a confident pass is
   * a point pass, and a point pass is a not-confidently-violated pass; the interval contains the
   * value, and the point verdict is the value against the bound.
   */
  @Property(tries = 200)
  void modesAreNested(
      @ForAll @IntRange(min = 1, max = 60) int tpA,
      @ForAll @IntRange(min = 0, max = 60) int fnA,
      @ForAll @IntRange(min = 1, max = 60) int tpB,
      @ForAll @IntRange(min = 0, max = 60) int fnB,
      @ForAll @DoubleRange(min = 0, max = 0.6) double t,
      @ForAll boolean atMost) {
    FairnessPolicy.Builder b = FairnessPolicy.builder();
    for (DecisionMode mode : DecisionMode.values()) {
      PolicyRule.Builder r =
          PolicyRule.differenceBetweenGroups(FeatureSet.of("g"), Metric.RECALL)
              .decision(mode)
              .interval(IntervalMethod.ANALYTIC);
      b.rule((atMost ? r.atMost(t) : r.atLeast(t)).build());
    }
    PolicyResult res =
        b.build()
            .check(
                table("g", new Cell("A", tpA, fnA, 3, 7), new Cell("B", tpB, fnB, 2, 8)),
                evaluator());
    PolicyRuleResult point = res.rules().get(0);
    PolicyRuleResult confident = res.rules().get(1);
    PolicyRuleResult lenient = res.rules().get(2);
    double v = point.value();
    assertEquals(atMost ? v <= t : v >= t, point.passed());
    assertTrue(
        confident.interval().lower() <= v + 1e-12 && v <= confident.interval().upper() + 1e-12);
    if (confident.passed()) {
      assertTrue(point.passed(), confident.message());
    }
    if (point.passed()) {
      assertTrue(lenient.passed(), lenient.message());
    }
  }
}
