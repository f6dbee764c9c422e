package org.fairness4j.core.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.ReportStatisticId;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.stats.Interval;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.core.table.PredictionTable;
import org.junit.jupiter.api.Test;

/**
 * The score intervals of a three-class report's accuracy, macro recall and macro precision (and
 * their differences and ratios to the reference group) against {@code golden-stats/
 * multiclass_intervals.json}: written by {@code /work/pyenv/bin/python
 * tools/make_multiclass_interval_golden.py} (numpy 2.4.6, scipy 1.17.1, scikit-learn 1.9.1,
 * statsmodels 0.15.0; estimates by scikit-learn, Wilson bounds by statsmodels' proportion_confint
 * with scipy's Poisson bounds where Brown, Cai &amp; DasGupta's modification applies, the accuracy
 * difference by the Miettinen–Nurminen score interval of {@code tools/mn_reference.py}, scipy's
 * numerical restricted maximum likelihood and brentq, to 1e-8; MOVER sums, differences and log
 * ratios computed there from those bounds). Three pairs of groups, one with a class predicted
 * without error and counts of 2–3 wrong (the Poisson bounds).
 */
class MulticlassIntervalsGoldenTest {
  private static final GroupKey A = GroupKey.of("A");

  private static JsonNode golden() throws IOException {
    try (InputStream in =
        MulticlassIntervalsGoldenTest.class.getResourceAsStream(
            "/golden-stats/multiclass_intervals.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  private static PredictionTable table(JsonNode c) {
    List<Integer> y = new ArrayList<>();
    List<Integer> p = new ArrayList<>();
    List<String> g = new ArrayList<>();
    for (String name : List.of("A", "B")) {
      for (int t = 0; t < 3; t++) {
        for (int q = 0; q < 3; q++) {
          for (int i = 0; i < c.get(name).get(t).get(q).asInt(); i++) {
            y.add(t);
            p.add(q);
            g.add(name);
          }
        }
      }
    }
    return PredictionTable.builder()
        .classes(ClassLabels.ofInts(0, 1, 2))
        .labels(
            y.stream().mapToInt(Integer::intValue).toArray(),
            p.stream().mapToInt(Integer::intValue).toArray())
        .categorical("g", g.toArray(String[]::new))
        .build();
  }

  private static void assertInterval(JsonNode want, Interval got, String what) {
    assertInterval(want, got, what, 1e-10);
  }

  private static void assertInterval(JsonNode want, Interval got, String what, double tolerance) {
    assertEquals(want.get("estimate").asDouble(), got.estimate(), 1e-12, what + " estimate");
    assertEquals(want.get("interval").get(0).asDouble(), got.lower(), tolerance, what + " lower");
    assertEquals(want.get("interval").get(1).asDouble(), got.upper(), tolerance, what + " upper");
  }

  @Test
  void accuracyMacroRecallAndMacroPrecisionMatchTheReference() throws IOException {
    for (JsonNode c : golden().get("cases")) {
      BootstrapResult r =
          GroupBootstrap.builder()
              .resamples(50)
              .seed(1)
              .build()
              .evaluate(FairnessEvaluator.builder().build(), table(c), FeatureSet.of("g"), A);
      for (String group : List.of("A", "B")) {
        for (String m : List.of("accuracy", "macro_recall", "macro_precision")) {
          String id = "by_group/" + group + "/" + m;
          Interval got = r.intervals().get(ReportStatisticId.parse(id));
          assertInterval(c.get(group + "_" + m), got, id);
          assertTrue(
              m.equals("accuracy")
                  ? got.method().startsWith("wilson")
                  : MulticlassIntervals.isMethod(got.method()),
              got.method());
        }
        // Multiclass balanced accuracy is macro recall (every class present; scikit-learn's
        // balanced_accuracy_score equals it in each case, asserted by the script).
        String id = "by_group/" + group + "/balanced_accuracy";
        assertInterval(
            c.get(group + "_macro_recall"), r.intervals().get(ReportStatisticId.parse(id)), id);
      }
      assertInterval(
          c.get("difference_accuracy"),
          r.intervals().get(ReportStatisticId.parse("difference/to_reference/B/accuracy")),
          "accuracy difference",
          1e-8); // the reference's bounds come from brentq
      for (String m : List.of("macro_recall", "macro_precision")) {
        for (String kind : List.of("difference", "ratio")) {
          String id = kind + "/to_reference/B/" + m;
          Interval got = r.intervals().get(ReportStatisticId.parse(id));
          assertInterval(c.get(kind + "_" + m), got, id);
          assertTrue(got.method().startsWith(kind.equals("ratio") ? "mover-log-" : "mover-"), id);
        }
      }
    }
  }
}
