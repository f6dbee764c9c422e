package org.fairness4j.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.ReportNumbers;
import org.fairness4j.core.ReportStatisticId;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupKey;
import org.junit.jupiter.api.Test;

/**
 * The closed-form truths of {@link CoverageDesigns} are what its tables estimate: one very large
 * table per design kind gives every true value within sampling error (the coverage study would
 * otherwise measure against a wrong truth).
 */
class CoverageDesignsTest {
  private static void assertTruths(CoverageDesigns.Design d, double tolerance) {
    GroupReport r =
        d.evaluator()
            .evaluate(d.table(new SplittableRandom(7)), FeatureSet.of("g"))
            .withReference(GroupKey.of("A"));
    Map<ReportStatisticId, Double> numbers = ReportNumbers.of(r);
    int checked = 0;
    for (Map.Entry<String, Double> e : d.truths().entrySet()) {
      Double v = numbers.get(ReportStatisticId.parse(e.getKey()));
      assertEquals(e.getValue(), v, tolerance, e.getKey());
      checked++;
    }
    assertEquals(d.truths().size(), checked);
  }

  @Test
  void binormalScoresHaveTheirClosedFormAuc() {
    assertTruths(
        new CoverageDesigns.ScoreDesign(
            "large",
            List.of(
                new CoverageDesigns.ScoreGroup("A", 40_000, 40_000, 0.3, 0.75, 1.0),
                new CoverageDesigns.ScoreGroup("B", 60_000, 60_000, 0.2, 0.9, 0.7))),
        0.01);
  }

  @Test
  void weightedRatesAreTheWeightedPopulationRates() {
    double[] ipw = {1.25, 2, 5, 10};
    assertTruths(
        new CoverageWeightedDesigns.WeightedDesign(
            "large",
            List.of(
                new CoverageWeightedDesigns.WeightedGroup(
                    "A", 200_000, ipw, 0.3, 0.05, 0.7, 0.05, 0.1),
                new CoverageWeightedDesigns.WeightedGroup(
                    "B", 200_000, new double[] {1, 2, 3}, 0.35, 0.05, 0.8, -0.05, 0.15))),
        0.01);
  }

  @Test
  void multiclassAveragesComeFromTheExpectedCells() {
    double[][] fair = {{0.7, 0.2, 0.1}, {0.2, 0.6, 0.2}, {0.1, 0.25, 0.65}};
    double[][] good = {{0.8, 0.15, 0.05}, {0.1, 0.75, 0.15}, {0.05, 0.15, 0.8}};
    assertTruths(
        new CoverageClassDesigns.ClassDesign(
            "large",
            List.of(
                new CoverageClassDesigns.ClassGroup(
                    "A", 100_000, new double[] {0.6, 0.3, 0.1}, fair),
                new CoverageClassDesigns.ClassGroup(
                    "B", 100_000, new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, good))),
        0.01);
  }
}
