package org.fairness4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.report.format.ReportFormat;
import org.fairness4j.core.report.format.ReportWriter;

/** Compares reports through their written form. */
final class ReportComparison {
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

  private ReportComparison() {}

  static String write(List<GroupReport> reports, ReportFormat format) throws IOException {
    StringWriter w = new StringWriter();
    ReportWriter.write(reports, format, w);
    return w.toString();
  }

  /** Identical text; or, when approximate, identical but for numbers within 1e-12 (relative). */
  static void assertSame(String expected, String actual, boolean approximate) {
    if (!approximate) {
      assertEquals(expected, actual);
      return;
    }
    assertEquals(NUMBER.matcher(expected).replaceAll("#"), NUMBER.matcher(actual).replaceAll("#"));
    Matcher a = NUMBER.matcher(actual);
    Matcher e = NUMBER.matcher(expected);
    while (e.find()) {
      assertTrue(a.find());
      double x = Double.parseDouble(a.group());
      double y = Double.parseDouble(e.group());
      assertTrue(Math.abs(x - y) <= 1e-12 * Math.max(1, Math.abs(y)), x + " vs " + y);
    }
  }
}
