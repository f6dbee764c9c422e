package org.fairness4j.core.report.format;

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
    return write(f, true);
  }

  /** With {@code analytic} false every interval is a percentile one ({@code analytic(false)}). */
  private static String write(ReportFormat f, boolean analytic) throws IOException {
    PredictionTable t = table();
    GroupKey ref = GroupKey.of("B");
    GroupReport r = EVALUATOR.evaluate(t, SEX).withReference(ref);
    BootstrapResult boot =
        GroupBootstrap.builder()
            .resamples(500)
            .seed(1)
            .analytic(analytic)
            .build()
            .evaluate(EVALUATOR, t, SEX, ref);
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
    assertTrue(json.contains("\"method\":\"miettinen-nurminen\""), json);
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
    // The HTML tables show A's F1 and balanced accuracy, score intervals by default (no resamples
    // left out); as percentile intervals they carry the share of undefined resamples.
    String percentile = write(ReportFormat.HTML, false);
    assertTrue(percentile.contains("undefined</small>"), percentile);
    assertFalse(html.contains("An interval that includes 0 means the gap may be noise"), html);
    // The selection-rate difference (A: 4/41, B: 54/100) is far from 0: no sentence about it.
    assertFalse(html.contains("noise: A selection_rate"), html);
  }

  /**
   * A note (here the worst-case equalized-odds one) is attached in every format to exactly its
   * intervals, and its text is listed once; A's tiny counts add none (docs/statistics.md).
   */
  @Test
  void notesAreAttachedToTheirIntervalsInEveryFormat() throws IOException {
    String note = "worst-case equalized odds of two groups combines TPR and FPR";
    String stat = "fairness/equalized_odds_difference/between_groups/worst_case";
    String json = write(ReportFormat.JSON).replaceAll("\\s", "");
    String values =
        json.substring(json.indexOf("\"values\":{"), json.indexOf("\"without_interval\""));
    String eo = values.substring(values.indexOf("\"" + stat + "\":{"));
    eo = eo.substring(0, eo.indexOf('}'));
    assertTrue(eo.contains("\"note\":\"worst-caseequalizedodds"), eo);
    String recallA = values.substring(values.indexOf("\"by_group/A/recall\":{"));
    recallA = recallA.substring(0, recallA.indexOf('}'));
    assertFalse(recallA.contains("\"note\""), recallA);
    assertTrue(json.contains("\"notes\":[\"" + note.replaceAll("\\s", "")), json);
    String csv = write(ReportFormat.CSV);
    assertTrue(csv.contains("note: " + note), csv);
    String md = write(ReportFormat.MARKDOWN);
    assertTrue(md.contains("Note: " + note), md);
    assertTrue(md.contains("; note: " + note), md);
    String html = write(ReportFormat.HTML);
    assertTrue(html.contains("<p class=\"note\">Note: " + note), html);
    // An interval in the HTML tables that carries a note gets the mark, the text in its tooltip.
    PredictionTable t = table();
    GroupKey ref = GroupKey.of("B");
    GroupReport r = EVALUATOR.evaluate(t, SEX).withReference(ref);
    BootstrapResult b =
        GroupBootstrap.builder().resamples(200).seed(1).build().evaluate(EVALUATOR, t, SEX, ref);
    String recallB = "by_group/B/recall";
    BootstrapResult noted =
        new BootstrapResult(
            b.resamples(),
            b.seed(),
            b.intervals(),
            b.undefinedShare(),
            b.warnings(),
            List.of("a test note"),
            java.util.Map.of(org.fairness4j.core.ReportStatisticId.parse(recallB), "a test note"));
    StringWriter out = new StringWriter();
    AuditWriter.write(
        FairnessAudit.builder(List.of(r)).intervals(List.of(noted)).build(),
        ReportFormat.HTML,
        out);
    assertTrue(out.toString().contains("title=\"a test note\">ⓘ note</small>"), out.toString());
  }

  private static int count(String s, String sub) {
    int n = 0;
    for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + 1)) {
      n++;
    }
    return n;
  }
}
