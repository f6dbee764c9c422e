package org.fairness4j.core.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.ReportStatisticId;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.stats.Interval;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.core.table.PredictionTable;
import org.junit.jupiter.api.Test;

/**
 * A three-class report's accuracy and error rate get the same score intervals as the binary report
 * of the same rows scored right (true 1, predicted 1) or wrong (true 1, predicted 0): the intervals
 * depend only on how many rows of each group (and patient) are right.
 */
class MulticlassRateIntervalsTest {
  private static final String[] STATISTICS = {
    "by_group/A/accuracy",
    "by_group/B/error_rate",
    "overall/accuracy",
    "difference/to_reference/B/accuracy",
    "ratio/to_reference/B/error_rate",
    "difference/between_groups/accuracy",
    "ratio/between_groups/error_rate"
  };

  private static BootstrapResult run(boolean binary, boolean clustered) {
    SplittableRandom rng = new SplittableRandom(11);
    int n = 300;
    int[] y = new int[n];
    int[] p = new int[n];
    String[] g = new String[n];
    String[] ids = new String[n];
    for (int i = 0; i < n; i++) {
      g[i] = i < 120 ? "A" : "B";
      ids[i] = "P" + i / 3;
      y[i] = rng.nextInt(3);
      p[i] = rng.nextDouble() < (i < 120 ? 0.7 : 0.8) ? y[i] : (y[i] + 1 + rng.nextInt(2)) % 3;
      if (binary) {
        p[i] = y[i] == p[i] ? 1 : 0;
        y[i] = 1;
      }
    }
    PredictionTable.Builder b =
        PredictionTable.builder()
            .classes(binary ? ClassLabels.ofInts(0, 1) : ClassLabels.ofInts(0, 1, 2))
            .labels(y, p)
            .categorical("g", g);
    FairnessEvaluator e =
        binary
            ? FairnessEvaluator.builder().positiveLabel("1").build()
            : FairnessEvaluator.builder().build();
    return GroupBootstrap.builder()
        .resamples(100)
        .seed(2)
        .clustered(clustered)
        .build()
        .evaluate(
            e,
            clustered ? b.clusters(ids).build() : b.build(),
            FeatureSet.of("g"),
            GroupKey.of("A"));
  }

  @Test
  void accuracyAndErrorRateIntervalsEqualTheBinaryOnesOfRightAndWrongRows() {
    for (boolean clustered : new boolean[] {false, true}) {
      BootstrapResult multi = run(false, clustered);
      BootstrapResult binary = run(true, clustered);
      for (String s : STATISTICS) {
        ReportStatisticId id = ReportStatisticId.parse(s);
        Interval m = multi.intervals().get(id);
        Interval b = binary.intervals().get(id);
        String what = s + (clustered ? " clustered" : "");
        assertEquals(b.method(), m.method(), what);
        assertEquals(b.estimate(), m.estimate(), 1e-12, what);
        assertEquals(b.lower(), m.lower(), 1e-12, what);
        assertEquals(b.upper(), m.upper(), 1e-12, what);
      }
    }
  }
}
