package org.fairness4j.core.report.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fairness4j.core.report.AuditFixtures;
import org.fairness4j.core.report.FairnessAudit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditWriterTest {
  @TempDir Path dir;

  private static String write(FairnessAudit audit, ReportFormat f) throws IOException {
    StringWriter w = new StringWriter();
    AuditWriter.write(audit, f, w);
    return w.toString();
  }

  @Test
  void htmlIsSelfContained() throws IOException {
    String html = write(AuditFixtures.audit(), ReportFormat.HTML);
    assertFalse(html.contains("<script"), "no scripts");
    assertFalse(html.contains("<link"), "no external style sheets");
    assertFalse(Pattern.compile("\\ssrc=").matcher(html).find(), "no external resources");
    Matcher urls = Pattern.compile("https?://[^\"]+").matcher(html);
    while (urls.find()) {
      assertEquals("http://www.w3.org/2000/svg", urls.group(), "only the SVG namespace");
    }
    assertTrue(html.startsWith("<!DOCTYPE html>"));
    assertTrue(html.contains("Audit &lt;test&gt; &amp; check"), "title escaped");
  }

  @Test
  void htmlShowsSummaryChartsCurvesMatricesAndUndefinedGroups() throws IOException {
    FairnessAudit audit = AuditFixtures.audit();
    String html = write(audit, ReportFormat.HTML);
    FairnessAudit.Gap top = audit.gaps().get(0);
    int summary = html.indexOf("id=\"summary\"");
    assertTrue(html.indexOf(top.label(), summary) > summary);
    assertTrue(html.contains("0.5 fitted on validation"));
    assertTrue(html.contains("in-memory test table"));
    // One bar chart per binary metric shown and report, plus ROC and reliability per report.
    assertEquals(2 * 7, count(html, "class=\"chart bar\""));
    assertEquals(2, count(html, "class=\"chart roc\""));
    assertEquals(2, count(html, "class=\"chart reliability\""));
    assertTrue(count(html, "class=\"whisker\"") > 20, "interval whiskers");
    assertTrue(html.contains("Confusion matrices"));
    // Site C has no positives: its recall is undefined and said so; C|[60,120) is empty.
    assertTrue(
        html.contains("recall: no positives — C"),
        html.substring(html.indexOf("<ul class=\"undefined\">")));
    assertTrue(
        html.contains(
            "Empty groups (no rows; left out of every comparison): A|[120,inf), B|[120,inf),"
                + " C|[60,120), C|[120,inf)"),
        html.substring(html.lastIndexOf("<ul class=\"undefined\">")));
  }

  @Test
  void jsonCarriesProvenanceSummaryCurvesAndTheReports() throws IOException {
    FairnessAudit audit = AuditFixtures.audit();
    JsonNode j = new ObjectMapper().readTree(write(audit, ReportFormat.JSON));
    assertEquals("fairness4j-audit/1", j.get("format").asText());
    assertEquals(3, j.at("/provenance/seeds/bootstrap").asLong());
    assertEquals(200, j.at("/provenance/resamples").asInt());
    assertEquals(audit.gaps().size(), j.get("summary").size());
    assertEquals(audit.gaps().get(0).value(), j.at("/summary/0/value").asDouble(), 0);
    assertTrue(j.at("/curves/0/roc/A/fpr").isArray());
    assertTrue(j.at("/curves/0/calibration/B/reliability").isArray());
    StringWriter plain = new StringWriter();
    List<org.fairness4j.core.GroupReport> reports = new ArrayList<>();
    List<org.fairness4j.core.bootstrap.BootstrapResult> boot = new ArrayList<>();
    audit
        .sections()
        .forEach(
            s -> {
              reports.add(s.report());
              boot.add(s.intervals());
            });
    ReportWriter.write(reports, boot, ReportFormat.JSON, plain);
    assertEquals(new ObjectMapper().readTree(plain.toString()), j.get("reports"));
  }

  @Test
  void markdownAndCsvCarryProvenanceAndGaps() throws IOException {
    FairnessAudit audit = AuditFixtures.audit();
    String md = write(audit, ReportFormat.MARKDOWN);
    assertTrue(md.startsWith("# Audit <test> & check"));
    assertTrue(md.contains("| seed:bootstrap | 3 |"));
    assertTrue(md.contains("## Largest gaps"));
    assertTrue(md.contains("Calibration by site"));
    List<CsvRecord> rows = new ArrayList<>();
    try (CsvReader<CsvRecord> r = CsvReader.builder().ofCsvRecord(write(audit, ReportFormat.CSV))) {
      r.forEach(rows::add);
    }
    int width = rows.get(0).getFieldCount();
    assertTrue(rows.stream().allMatch(r -> r.getFieldCount() == width));
    assertTrue(
        rows.stream()
            .anyMatch(r -> r.getField(2).equals("provenance") && r.getField(5).equals("input")));
    assertEquals(
        audit.gaps().size(), rows.stream().filter(r -> r.getField(2).equals("summary")).count());
  }

  @Test
  void filesAreWrittenAtomicallyAndReadable() throws IOException {
    Path f = dir.resolve("report.html");
    AuditWriter.write(AuditFixtures.audit(), ReportFormat.ofFile(f), f);
    assertTrue(Files.readString(f).endsWith("</html>\n"));
    if (Files.getFileStore(f).supportsFileAttributeView("posix")) {
      assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    }
    try (var s = Files.list(dir)) {
      assertEquals(List.of(f), s.toList(), "no temporary file left behind");
    }
  }

  @Test
  void formatFollowsTheExtension() {
    assertEquals(ReportFormat.HTML, ReportFormat.ofFile(Path.of("a/b.html")));
    assertEquals(ReportFormat.MARKDOWN, ReportFormat.ofFile(Path.of("b.md")));
    assertEquals(ReportFormat.JSON, ReportFormat.ofFile(Path.of("b.json")));
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> ReportFormat.ofFile(Path.of("report")));
    assertTrue(e.getMessage().contains(".html"));
  }

  private static int count(String s, String needle) {
    int n = 0;
    for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
