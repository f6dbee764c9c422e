package org.fairness4j.core.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.ReportStatisticId;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.stats.Interval;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.core.table.PredictionTable;
import org.junit.jupiter.api.Test;

/**
 * The score interval of the one-vs-rest macro AUC against {@code golden-stats/
 * macro_auc_intervals.json}: written by {@code /work/pyenv/bin/python tools/macro_auc_delong_mc.py
 * --golden} (numpy 2.4.6, scipy 1.17.1, scikit-learn 1.9.1): the estimate is scikit-learn's
 * roc_auc_score(multi_class="ovr", average="macro"), the interval the script's (placements from
 * scipy's rankdata midranks, Student's t from scipy). Four three-class tables of 40–150 rows, two
 * with tied scores.
 */
class MacroAucIntervalsGoldenTest {
  @Test
  void macroAucIntervalMatchesTheReference() throws IOException {
    JsonNode golden;
    try (InputStream in =
        MacroAucIntervalsGoldenTest.class.getResourceAsStream(
            "/golden-stats/macro_auc_intervals.json")) {
      golden = new ObjectMapper().readTree(in);
    }
    for (JsonNode c : golden.get("cases")) {
      int n = c.get("labels").size();
      int[] y = new int[n];
      double[][] s = new double[3][n];
      String[] g = new String[n];
      for (int i = 0; i < n; i++) {
        y[i] = c.get("labels").get(i).asInt();
        g[i] = "A";
        for (int k = 0; k < 3; k++) {
          s[k][i] = c.get("scores").get(i).get(k).asDouble();
        }
      }
      PredictionTable t =
          PredictionTable.builder()
              .classes(ClassLabels.ofInts(0, 1, 2))
              .labels(y, y)
              .scores("0", s[0])
              .scores("1", s[1])
              .scores("2", s[2])
              .categorical("g", g)
              .build();
      BootstrapResult r =
          GroupBootstrap.builder()
              .resamples(20)
              .scores(true)
              .build()
              .evaluate(FairnessEvaluator.builder().build(), t, FeatureSet.of("g"));
      for (String id : new String[] {"by_group/A/macro_roc_auc_ovr", "overall/macro_roc_auc_ovr"}) {
        Interval i = r.intervals().get(ReportStatisticId.parse(id));
        assertEquals(MacroAucIntervals.METHOD, i.method(), id);
        assertEquals(c.get("estimate").asDouble(), i.estimate(), 1e-12, id);
        assertEquals(c.get("interval").get(0).asDouble(), i.lower(), 1e-10, id);
        assertEquals(c.get("interval").get(1).asDouble(), i.upper(), 1e-10, id);
      }
    }
  }
}
