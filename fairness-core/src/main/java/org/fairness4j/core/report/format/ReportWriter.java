package org.fairness4j.core.report.format;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.bootstrap.BootstrapResult;
import org.fairness4j.core.io.AtomicFiles;

/** Writes {@link GroupReport}s as JSON, CSV or Markdown, to a stream or atomically to a file. */
public final class ReportWriter {
  private ReportWriter() {}

  /**
   * Writes reports to a stream.
   *
   * @param reports the reports, one per feature set
   * @param format the format
   * @param out where to write; not closed
   * @throws IOException if writing fails
   */
  public static void write(List<GroupReport> reports, ReportFormat format, Writer out)
      throws IOException {
    write(reports, null, format, out);
  }

  /**
   * Writes reports with their bootstrap intervals.
   *
   * @param reports the reports, one per feature set
   * @param intervals one result per report (same order), or null for none
   * @param format the format
   * @param out where to write; not closed
   * @throws IOException if writing fails
   */
  public static void write(
      List<GroupReport> reports, List<BootstrapResult> intervals, ReportFormat format, Writer out)
      throws IOException {
    if (intervals != null && intervals.size() != reports.size()) {
      throw new IllegalArgumentException("one bootstrap result per report is needed");
    }
    switch (format) {
      case JSON -> GroupReportJson.write(reports, intervals, out);
      case CSV -> GroupReportCsv.write(reports, intervals, out);
      case MARKDOWN -> GroupReportMarkdown.write(reports, intervals, out);
      case HTML ->
          AuditHtml.write(
              org.fairness4j.core.report.FairnessAudit.builder(reports)
                  .intervals(intervals)
                  .build(),
              out);
      default -> throw new AssertionError(format);
    }
    out.flush();
  }

  /**
   * Writes reports to a file atomically (see {@link AtomicFiles}).
   *
   * @param reports the reports
   * @param format the format
   * @param file the file to create or replace
   * @throws IOException if writing fails; the file is then unchanged
   */
  public static void write(List<GroupReport> reports, ReportFormat format, Path file)
      throws IOException {
    write(reports, null, format, file);
  }

  /**
   * Writes reports with their bootstrap intervals to a file atomically.
   *
   * @param reports the reports
   * @param intervals one result per report, or null
   * @param format the format
   * @param file the file to create or replace
   * @throws IOException if writing fails; the file is then unchanged
   */
  public static void write(
      List<GroupReport> reports, List<BootstrapResult> intervals, ReportFormat format, Path file)
      throws IOException {
    AtomicFiles.writeText(file, out -> write(reports, intervals, format, out));
  }
}
