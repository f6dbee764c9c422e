package org.fairness4j.core.report.format;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.bootstrap.BootstrapResult;
import org.fairness4j.core.io.AtomicFiles;
import org.fairness4j.core.report.FairnessAudit;

/**
 * Writes a {@link FairnessAudit} (reports, intervals, curves, largest gaps, provenance) as a
 * self-contained HTML page, Markdown, JSON or CSV; to files atomically. The formats carry the same
 * content; see docs/report-format.md.
 */
public final class AuditWriter {
  private AuditWriter() {}

  /**
   * Writes an audit to a stream.
   *
   * @param audit the audit
   * @param format the format
   * @param out where to write; not closed
   * @throws IOException if writing fails
   */
  public static void write(FairnessAudit audit, ReportFormat format, Writer out)
      throws IOException {
    List<GroupReport> reports = new ArrayList<>();
    List<BootstrapResult> intervals = new ArrayList<>();
    for (FairnessAudit.Section s : audit.sections()) {
      reports.add(s.report());
      intervals.add(s.intervals());
    }
    List<BootstrapResult> boot = intervals.contains(null) ? null : intervals;
    switch (format) {
      case HTML -> AuditHtml.write(audit, out);
      case JSON -> AuditJson.write(audit, reports, boot, out);
      case MARKDOWN -> {
        AuditText.markdownHead(audit, out);
        GroupReportMarkdown.write(reports, boot, out);
        AuditText.markdownCurves(audit, out);
      }
      case CSV -> {
        StringBuilderWriter body = new StringBuilderWriter();
        GroupReportCsv.write(reports, boot, body);
        out.write(body.toString());
        AuditText.csvExtras(audit, out);
      }
      default -> throw new AssertionError(format);
    }
    out.flush();
  }

  /**
   * Writes an audit to a file atomically: an interrupted write leaves any earlier file intact.
   *
   * @param audit the audit
   * @param format the format
   * @param file the file to create or replace
   * @throws IOException if writing fails; the file is then unchanged
   */
  public static void write(FairnessAudit audit, ReportFormat format, Path file) throws IOException {
    AtomicFiles.writeText(file, out -> write(audit, format, out));
  }

  /** A Writer into a StringBuilder (java.io.StringWriter synchronises; this does not). */
  private static final class StringBuilderWriter extends Writer {
    private final StringBuilder sb = new StringBuilder();

    @Override
    public void write(char[] cbuf, int off, int len) {
      sb.append(cbuf, off, len);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    @Override
    public String toString() {
      return sb.toString();
    }
  }
}
