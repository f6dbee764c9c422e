package org.fairness4j.core;

import static org.fairness4j.core.DisparityMethod.BETWEEN_GROUPS;
import static org.fairness4j.core.EqualizedOddsAggregation.WORST_CASE;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.metrics.Metric;
import org.fairness4j.core.table.PredictionTable;
import org.junit.jupiter.api.Test;

/** The README's quick start runs, gives the numbers its comments state, and matches README.md. */
class ReadmeQuickStartTest {
  @Test
  void quickStartRunsAndGivesTheNumbersItsCommentsState() {
    // README:begin
    PredictionTable table =
        PredictionTable.builder()
            .labels(new int[] {1, 0, 1, 1, 0, 1, 0, 0}, new int[] {1, 0, 0, 1, 1, 1, 0, 0})
            .categorical("sex", "F", "F", "F", "F", "M", "M", "M", "M")
            .build();
    GroupReport report =
        FairnessEvaluator.builder()
            .positiveLabel("1")
            .build()
            .evaluate(table, FeatureSet.of("sex"));
    GroupExtreme worst = report.groupMin(Metric.RECALL); // F, 2/3
    Disparity gap = report.difference(Metric.RECALL, BETWEEN_GROUPS); // 1/3
    Disparity eo = report.fairness().equalizedOddsDifference(BETWEEN_GROUPS, WORST_CASE); // 1/3
    // README:end
    assertEquals(GroupKey.of("F"), worst.group());
    assertEquals(2.0 / 3, worst.value(), 1e-15);
    assertEquals(1.0 / 3, gap.value(), 1e-15);
    assertEquals(1.0 / 3, eo.value(), 1e-15);
    assertEquals(List.of(GroupKey.of("F"), GroupKey.of("M")), eo.groups());
  }

  @Test
  void readmeShowsExactlyTheCodeOfThisTest() throws IOException {
    String source =
        Files.readString(Path.of("src/test/java/org/fairness4j/core/ReadmeQuickStartTest.java"));
    String code =
        between(source, "    // README:begin\n", "    // README:end\n").replaceAll("(?m)^    ", "");
    String readme = Files.readString(Path.of("../README.md"));
    String shown = between(readme, "```java\n", "```\n");
    // The block starts with its imports (each a real class or constant), then a blank line.
    List<String> imports = new java.util.ArrayList<>();
    String rest = shown;
    while (rest.startsWith("import ") || rest.startsWith("\n")) {
      int eol = rest.indexOf('\n');
      String line = rest.substring(0, eol);
      if (!line.isEmpty()) {
        imports.add(line);
      }
      rest = rest.substring(eol + 1);
    }
    assertEquals(code, rest, "README.md's first java block must be the quick start of this test");
    for (String line : imports) {
      String name = line.replaceFirst("^import (static )?", "").replace(";", "");
      if (line.startsWith("import static ")) {
        int dot = name.lastIndexOf('.');
        assertDoesNotThrow(
            () -> Class.forName(name.substring(0, dot)).getField(name.substring(dot + 1)), line);
      } else {
        assertDoesNotThrow(() -> Class.forName(name), line);
      }
    }
    for (String used :
        List.of(
            "PredictionTable",
            "GroupReport",
            "FairnessEvaluator",
            "FeatureSet",
            "GroupExtreme",
            "Metric",
            "Disparity",
            "BETWEEN_GROUPS",
            "WORST_CASE")) {
      assertTrue(
          imports.stream().anyMatch(i -> i.endsWith("." + used + ";")), used + " not imported");
    }
  }

  private static String between(String text, String start, String end) {
    int a = text.indexOf(start);
    int b = text.indexOf(end, a + start.length());
    if (a < 0 || b < 0) {
      throw new AssertionError("markers " + start.strip() + " / " + end.strip() + " not found");
    }
    return text.substring(a + start.length(), b);
  }
}
