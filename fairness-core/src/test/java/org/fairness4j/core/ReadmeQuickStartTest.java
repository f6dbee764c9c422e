package org.fairness4j.core;

import static org.fairness4j.core.DisparityMethod.BETWEEN_GROUPS;
import static org.fairness4j.core.EqualizedOddsAggregation.WORST_CASE;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
    assertEquals(code, shown, "README.md's first java block must be the quick start of this test");
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
