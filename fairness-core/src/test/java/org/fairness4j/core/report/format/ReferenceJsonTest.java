package org.fairness4j.core.report.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.core.table.PredictionTable;
import org.junit.jupiter.api.Test;

/**
 * Signed differences to a reference group with more than one other group: each group is one JSON
 * object holding every metric (the writer once opened a group object per metric, so most readers
 * kept only the last metric of each group), and the file reads under strict duplicate detection.
 */
class ReferenceJsonTest {
  private static GroupReport report() {
    int n = 90;
    int[] y = new int[n];
    int[] p = new int[n];
    String[] g = new String[n];
    for (int i = 0; i < n; i++) {
      g[i] = List.of("A", "B", "C").get(i % 3);
      y[i] = (i / 3) % 2;
      p[i] = (i * 7 / 5) % 2;
    }
    PredictionTable t =
        PredictionTable.builder()
            .classes(ClassLabels.ofInts(0, 1))
            .labels(y, p)
            .categorical("sex", g)
            .build();
    return FairnessEvaluator.builder()
        .positiveLabel("1")
        .build()
        .evaluate(t, FeatureSet.of("sex"))
        .withReference(GroupKey.of("B"));
  }

  @Test
  void everyGroupIsOneObjectWithEveryMetric() throws IOException {
    StringWriter out = new StringWriter();
    ReportWriter.write(List.of(report()), ReportFormat.JSON, out);
    ObjectMapper strict = new ObjectMapper();
    strict.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    JsonNode root = strict.readTree(out.toString());
    JsonNode report = root.isArray() ? root.get(0) : root;
    if (report.has("reports")) {
      report = report.get("reports").get(0);
    }
    for (String kind : new String[] {"difference_to_reference", "ratio_to_reference"}) {
      JsonNode byGroup = report.get(kind);
      assertEquals(List.of("A", "C"), fieldNames(byGroup), kind);
      Set<String> a = new TreeSet<>(fieldNames(byGroup.get("A")));
      Set<String> c = new TreeSet<>(fieldNames(byGroup.get("C")));
      assertTrue(a.size() > 3, kind + ": " + a);
      assertEquals(a, c, kind);
      assertTrue(a.contains("selection_rate") && a.contains("recall"), kind + ": " + a);
    }
  }

  @Test
  void aKeyWrittenTwiceInOneObjectIsRefused() throws IOException {
    JsonWriter w = new JsonWriter(new StringWriter());
    w.beginObject();
    w.name("F").beginObject().endObject();
    w.name("M").value(1L);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> w.name("F"));
    assertTrue(e.getMessage().contains("F"), e.getMessage());
    w.name("inner").beginObject();
    w.name("F").value(2L); // a new object has its own keys
    w.endObject();
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
