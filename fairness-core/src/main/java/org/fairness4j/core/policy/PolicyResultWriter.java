package org.fairness4j.core.policy;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Locale;
import org.fairness4j.core.io.AtomicFiles;

/**
 * Writes a {@link PolicyResult} as JUnit XML (the format Jenkins, GitLab and GitHub Actions read:
 * one test case per rule, a {@code failure} for a failed rule, an {@code error} for an undecidable
 * one) or as a Markdown summary that fits a pull-request comment.
 */
public final class PolicyResultWriter {
  private PolicyResultWriter() {}

  /**
   * Writes JUnit XML.
   *
   * @param result the result
   * @param out where to write
   * @throws IOException if writing fails
   */
  public static void junitXml(PolicyResult result, Writer out) throws IOException {
    out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.write(
        "<testsuite name=\""
            + xml("fairness policy " + result.source())
            + "\" tests=\""
            + result.rules().size()
            + "\" failures=\""
            + result.count(RuleVerdict.FAILED)
            + "\" errors=\""
            + result.count(RuleVerdict.UNDECIDABLE)
            + "\" skipped=\"0\">\n");
    for (PolicyRuleResult r : result.rules()) {
      out.write(
          "  <testcase classname=\""
              + xml("fairness." + r.rule().features().name())
              + "\" name=\""
              + xml(r.rule().name())
              + "\"");
      switch (r.verdict()) {
        case PASSED -> {
          out.write(">\n    <system-out>" + xml(r.message()) + "</system-out>\n  </testcase>\n");
        }
        case FAILED -> {
          out.write(
              ">\n    <failure type=\"fairness\" message=\""
                  + xml(r.reason())
                  + "\">"
                  + xml(r.message())
                  + "</failure>\n  </testcase>\n");
        }
        default -> {
          out.write(
              ">\n    <error type=\"undecidable\" message=\""
                  + xml(r.reason())
                  + "\">"
                  + xml(r.message())
                  + "</error>\n  </testcase>\n");
        }
      }
    }
    out.write("</testsuite>\n");
  }

  /**
   * Writes a Markdown summary: a verdict line, a table with one row per rule, and the details of
   * the rules that did not pass.
   *
   * @param result the result
   * @param out where to write
   * @throws IOException if writing fails
   */
  public static void markdown(PolicyResult result, Writer out) throws IOException {
    out.write("### Fairness check: " + result.headline() + "\n\n");
    out.write("Policy `" + md(result.source()) + "`.\n\n");
    out.write("| Verdict | Rule | Feature set | Value | Interval | Required | Decided |\n");
    out.write("|---|---|---|---:|---|---|---|\n");
    for (PolicyRuleResult r : result.rules()) {
      String mark =
          switch (r.verdict()) {
            case PASSED -> "passed";
            case FAILED -> "**FAILED**";
            case UNDECIDABLE -> "**undecidable**";
          };
      String interval =
          r.interval() == null
              ? ""
              : "["
                  + PolicyRuleResult.format(r.interval().lower())
                  + ", "
                  + PolicyRuleResult.format(r.interval().upper())
                  + "]";
      String required =
          Double.isNaN(r.threshold())
              ? ""
              : (r.atMost() ? "≤ " : "≥ ") + PolicyRuleResult.format(r.threshold());
      out.write(
          "| "
              + mark
              + " | "
              + md(r.rule().name())
              + " | "
              + md(r.rule().features().name())
              + " | "
              + PolicyRuleResult.format(r.value())
              + " | "
              + interval
              + " | "
              + required
              + " | "
              + r.rule().decision().key()
              + (r.rule().decision() == DecisionMode.POINT
                  ? ""
                  : String.format(Locale.ROOT, " (%.3g)", r.rule().confidence()))
              + " |\n");
    }
    if (!result.notPassed().isEmpty()) {
      out.write("\n<details><summary>Rules that did not pass</summary>\n\n```\n");
      for (PolicyRuleResult r : result.notPassed()) {
        out.write(r.message().replace("```", "'''") + "\n\n");
      }
      out.write("```\n</details>\n");
    }
  }

  /**
   * Writes JUnit XML to a file, atomically.
   *
   * @param result the result
   * @param file the file
   * @throws IOException if writing fails
   */
  public static void junitXml(PolicyResult result, Path file) throws IOException {
    AtomicFiles.writeText(file, w -> junitXml(result, w));
  }

  /**
   * Writes the Markdown summary to a file, atomically.
   *
   * @param result the result
   * @param file the file
   * @throws IOException if writing fails
   */
  public static void markdown(PolicyResult result, Path file) throws IOException {
    AtomicFiles.writeText(file, w -> markdown(result, w));
  }

  private static String md(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }

  private static String xml(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&apos;");
        default -> {
          if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
            b.append(' ');
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }
}
