package org.fairness4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fairness4j.core.metrics.UndefinedPolicy;
import org.fairness4j.core.table.PredictionTable;
import org.junit.jupiter.api.Test;

/**
 * Reproduces every value of the Fairlearn golden files to 1e-12 in Fairlearn-compatible mode, and
 * every value that involves no degenerate group in the default mode.
 */
class GoldenFairlearnTest {
  private static final double TOLERANCE = 1e-12;
  private static final Set<String> NOT_VALUES =
      Set.of("kind", "label_space", "features", "bootstrap");

  @Test
  void binaryReportsEqualFairlearnInZeroMode() throws IOException {
    int compared = compareAll(Golden.binaryTable(), "fairlearn_bin_10k.jsonl", null, "1");
    assertEquals(goldenValues("fairlearn_bin_10k.jsonl", null), compared);
  }

  @Test
  void multiclassMacroReportsEqualFairlearnInZeroMode() throws IOException {
    int compared =
        compareAll(Golden.multiclassTable(), "fairlearn_mc_10k.jsonl", "multiclass", null);
    assertEquals(goldenValues("fairlearn_mc_10k.jsonl", "multiclass"), compared);
  }

  @Test
  void oneVsRestReportsEqualFairlearnInZeroMode() throws IOException {
    int compared =
        compareAll(Golden.multiclassTable(), "fairlearn_mc_10k.jsonl", "ovr_class_1", "1");
    assertEquals(goldenValues("fairlearn_mc_10k.jsonl", "ovr_class_1"), compared);
  }

  /**
   * The number of values in a golden file (each compared with itself), to prove none was missed.
   */
  private static int goldenValues(String file, String labelSpace) {
    int n = 0;
    for (JsonNode golden : Golden.objects(file, labelSpace)) {
      n += compare(golden, golden, "", new ArrayList<>(), null);
    }
    assertTrue(n > 250, "golden file " + file + " has " + n + " values");
    return n;
  }

  private static int compareAll(
      PredictionTable table, String file, String labelSpace, String positive) {
    FairnessEvaluator.Builder b = FairnessEvaluator.builder().undefinedPolicy(UndefinedPolicy.ZERO);
    if (positive != null) {
      b.positiveLabel(positive);
    }
    FairnessEvaluator evaluator = b.build();
    int compared = 0;
    List<JsonNode> objects = Golden.objects(file, labelSpace);
    assertTrue(!objects.isEmpty());
    for (JsonNode golden : objects) {
      GroupReport report = evaluator.evaluate(table, Golden.features(golden));
      JsonNode ours = Golden.asJson(report);
      assertEquals(golden.get("n").asLong(), ours.get("n").asLong());
      List<String> mismatches = new ArrayList<>();
      compared += compare(golden, ours, golden.get("features").asText(), mismatches, null);
      assertTrue(mismatches.isEmpty(), String.join("\n", mismatches));
    }
    return compared;
  }

  /**
   * Compares every number of {@code golden} with the same key in {@code ours}; keys for which
   * {@code skip} answers true are left out. Returns the number of values compared.
   */
  static int compare(
      JsonNode golden,
      JsonNode ours,
      String path,
      List<String> mismatches,
      java.util.function.Predicate<String> skip) {
    int n = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = golden.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      if (NOT_VALUES.contains(key) || key.equals("n")) {
        continue;
      }
      String p = path + "/" + key;
      if (skip != null && skip.test(p)) {
        continue;
      }
      JsonNode o = ours == null ? null : ours.get(key);
      if (o == null) {
        mismatches.add(p + ": missing in our report");
        continue;
      }
      if (e.getValue().isObject()) {
        n += compare(e.getValue(), o, p, mismatches, skip);
      } else {
        double want = Golden.number(e.getValue());
        double got = Golden.number(o);
        boolean same = Double.isNaN(want) ? Double.isNaN(got) : Math.abs(want - got) <= TOLERANCE;
        if (!same) {
          mismatches.add(p + ": Fairlearn " + want + ", Fairness4J " + got);
        }
        n++;
      }
    }
    return n;
  }

  @Test
  void comparisonHelperReportsMismatches() throws IOException {
    JsonNode a = Golden.JSON.readTree("{\"x\": {\"y\": 1.0, \"z\": \"NaN\"}}");
    JsonNode b = Golden.JSON.readTree("{\"x\": {\"y\": 1.1, \"z\": 0.0}}");
    List<String> mismatches = new ArrayList<>();
    assertEquals(2, compare(a, b, "", mismatches, null));
    assertEquals(2, mismatches.size());
    assertNotNull(mismatches.get(0));
    if (!mismatches.get(0).contains("/x/y")) {
      fail(mismatches.toString());
    }
  }
}
