package org.fairness4j.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.bootstrap.BootstrapResult;
import org.fairness4j.core.bootstrap.GroupBootstrap;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.report.FairnessAudit;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.core.table.PredictionTable;
import org.junit.jupiter.api.Test;

/**
 * Every writer puts the undefined share and any warning next to each interval, and leads with the
 * signed differences to the reference group.
 */
class IntervalWritersTest {
  private static final FairnessEvaluator EVALUATOR =
      FairnessEvaluator.builder().positiveLabel("1").build();
  private static final FeatureSet SEX = FeatureSet.of("sex");

  /** A: one positive, missed; B: recall 50/60. */
  private static PredictionTable table() {
    List<int[]> rows = new ArrayList<>();
    List<String> sex = new ArrayList<>();
    add(rows, sex, "A", 1, 0, 1);
    add(rows, sex, "A", 0, 0, 36);
    add(rows, sex, "A", 0, 1, 4);
    add(rows, sex, "B", 1, 1, 50);
    add(rows, sex, "B", 1, 0, 10);
    add(rows, sex, "B", 0, 0, 36);
    add(rows, sex, "B", 0, 1, 4);
    return PredictionTable.builder()
        .classes(ClassLabels.ofInts(0, 1))
        .labels(
            rows.stream().mapToInt(r -> r[0]).toArray(),
            rows.stream().mapToInt(r -> r[1]).toArray())
        .categorical("sex", sex.toArray(String[]::new))
        .build();
  }

  private static void add(List<int[]> rows, List<String> sex, String g, int y, int p, int n) {
    for (int i = 0; i < n; i++) {
      rows.add(new int[] {y, p});
      sex.add(g);
    }
  }

  private static String write(ReportFormat f) throws IOException {
    PredictionTable t = table();
    GroupKey ref = GroupKey.of("B");
    GroupReport r = EVALUATOR.evaluate(t, SEX).withReference(ref);
    BootstrapResult boot =
        GroupBootstrap.builder().resamples(500).seed(1).build().evaluate(EVALUATOR, t, SEX, ref);
    StringWriter out = new StringWriter();
    if (f == ReportFormat.HTML) {
      AuditWriter.write(FairnessAudit.builder(List.of(r)).intervals(List.of(boot)).build(), f, out);
    } else {
      ReportWriter.write(List.of(r), List.of(boot), f, out);
    }
    return out.toString();
  }

  @Test
  void jsonHasTheUndefinedShareNextToEveryIntervalAndTheSignedDifferences() throws IOException {
    String json = write(ReportFormat.JSON).replaceAll("\\s", "");
    String values =
        json.substring(json.indexOf("\"values\":{"), json.indexOf("\"without_interval\""));
    int intervals = count(values, "\"lower\":");
    assertTrue(intervals > 20, json);
    assertEquals(intervals, count(values, "\"undefined_share\":"));
    assertTrue(json.contains("\"reference\":\"B\""), json);
    assertTrue(json.contains("\"difference_to_reference\":{\"A\":{"), json);
    assertTrue(json.contains("\"difference/to_reference/A/selection_rate\":{"), json);
    assertTrue(json.contains("\"warning\":\"undefinedin"), json);
    assertTrue(json.contains("\"method\":\"newcombe\""), json);
  }

  @Test
  void csvHasUndefinedShareRowsAndWarnings() throws IOException {
    String csv = write(ReportFormat.CSV);
    assertEquals(count(csv, ",interval,lower,"), count(csv, ",interval,interval_method,"));
    assertTrue(csv.contains(",interval,undefined_share,,difference/between_groups/recall,"), csv);
    assertTrue(csv.contains("unreliable: undefined in "), csv);
    assertTrue(csv.contains(",difference,to_reference,A vs B,recall,-0.8333"), csv);
  }

  @Test
  void markdownAndHtmlLeadWithSignedDifferences() throws IOException {
    String md = write(ReportFormat.MARKDOWN);
    int signed = md.indexOf("Signed differences to the reference group `B`");
    assertTrue(signed >= 0 && signed < md.indexOf("| group | count"), md);
    assertTrue(md.contains("UNRELIABLE: undefined in "), md);
    String html = write(ReportFormat.HTML);
    int lead = html.indexOf("Signed differences to the reference group");
    assertTrue(lead >= 0 && lead < html.indexOf("Largest gaps"), html);
    assertTrue(html.contains("undefined</small>"), html);
    assertFalse(html.contains("An interval that includes 0 means the gap may be noise"), html);
    // The selection-rate difference (A: 4/41, B: 54/100) is far from 0: no sentence about it.
    assertFalse(html.contains("noise: A selection_rate"), html);
  }

  /**
   * A's counts are tiny, so its score intervals do not keep the study's 93–97 %: every format
   * attaches the note to exactly those intervals (and lists its text once).
   */
  @Test
  void smallCountScoreIntervalsAreNotedInEveryFormat() throws IOException {
    String note = "do not keep the 93–97 % coverage of the others";
    String json = write(ReportFormat.JSON).replaceAll("\\s", "");
    String values =
        json.substring(json.indexOf("\"values\":{"), json.indexOf("\"without_interval\""));
    String recallA = values.substring(values.indexOf("\"by_group/A/recall\":{"));
    recallA = recallA.substring(0, recallA.indexOf('}'));
    assertTrue(recallA.contains("\"note\":\"scoreintervals"), recallA);
    assertTrue(json.contains(note.replaceAll("\\s", "")), "json notes");
    String csv = write(ReportFormat.CSV);
    assertTrue(csv.contains(",interval,lower,,by_group/A/recall,"), csv);
    assertTrue(csv.contains("note: score intervals"), csv);
    String md = write(ReportFormat.MARKDOWN);
    assertTrue(md.contains("Note: score intervals"), md);
    assertTrue(md.contains("; note: score intervals"), md);
    String html = write(ReportFormat.HTML);
    assertTrue(html.contains("<p class=\"note\">Note: score intervals"), html);
    assertTrue(html.contains("ⓘ note</small>"), html);
  }

  private static int count(String s, String sub) {
    int n = 0;
    for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + 1)) {
      n++;
    }
    return n;
  }
}
