package org.fairness4j.core.report.format;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;
import org.fairness4j.core.policy.PolicyResult;
import org.fairness4j.core.policy.PolicyResultWriter;
import org.fairness4j.core.policy.PolicyRuleResult;
import org.fairness4j.core.policy.RuleVerdict;

/** The "Fairness policy" section of a full report: one row per rule, right after provenance. */
final class AuditPolicy {
  private AuditPolicy() {}

  static void html(PolicyResult r, Writer out) throws IOException {
    out.write(
        "<h2 id=\"policy\">Fairness policy: "
            + HtmlText.esc(r.headline())
            + "</h2>\n<p>Policy <code>"
            + HtmlText.esc(r.source())
            + "</code> (<code>fairness check</code> is the gate that fails a build).</p>\n");
    out.write(
        "<div class=\"wide\"><table class=\"summary\"><thead><tr><th>verdict</th><th>rule</th>"
            + "<th>feature set</th><th>value</th><th>interval</th><th>required</th>"
            + "<th>decided</th><th>reason</th></tr></thead><tbody>\n");
    for (PolicyRuleResult x : r.rules()) {
      String verdict = x.verdict().name().toLowerCase(Locale.ROOT);
      out.write(
          "<tr><td>"
              + (x.verdict() == RuleVerdict.PASSED ? verdict : "<b>" + verdict + "</b>")
              + "</td><td>"
              + HtmlText.esc(x.rule().name())
              + "</td><td>"
              + HtmlText.esc(x.rule().features().name())
              + "</td><td>"
              + number(x.value())
              + "</td><td>"
              + (x.interval() == null
                  ? ""
                  : "[" + number(x.interval().lower()) + ", " + number(x.interval().upper()) + "]")
              + "</td><td>"
              + HtmlText.esc(required(x))
              + "</td><td>"
              + HtmlText.esc(x.rule().decision().key())
              + "</td><td>"
              + HtmlText.esc(x.reason())
              + "</td></tr>\n");
    }
    out.write("</tbody></table></div>\n");
  }

  static void markdown(PolicyResult r, Writer out) throws IOException {
    out.write("\n## Fairness policy\n\n");
    PolicyResultWriter.markdown(r, out);
  }

  static void json(PolicyResult r, JsonWriter w) throws IOException {
    w.beginObject()
        .name("source")
        .value(r.source())
        .name("passed")
        .value(r.passed())
        .name("rules")
        .beginArray();
    for (PolicyRuleResult x : r.rules()) {
      w.beginObject()
          .name("name")
          .value(x.rule().name())
          .name("line")
          .value((long) x.rule().line())
          .name("feature_set")
          .value(x.rule().features().name())
          .name("statistic")
          .value(x.rule().statistic().key())
          .name("verdict")
          .value(x.verdict().name())
          .name("value")
          .value(x.value())
          .name("threshold")
          .value(x.threshold())
          .name("decision")
          .value(x.rule().decision().key());
      if (x.interval() != null) {
        w.name("lower")
            .value(x.interval().lower())
            .name("upper")
            .value(x.interval().upper())
            .name("interval_method")
            .value(x.interval().method());
      }
      w.name("reason").value(x.reason()).endObject();
    }
    w.endArray().endObject();
  }

  private static String required(PolicyRuleResult x) {
    boolean atMost =
        switch (x.rule().bound().kind()) {
          case AT_MOST -> true;
          case AT_LEAST -> false;
          default -> x.rule().statistic().largerIsWorse();
        };
    return (atMost ? "≤ " : "≥ ") + number(x.threshold());
  }

  private static String number(double v) {
    return Double.isNaN(v) ? "undefined" : String.format(Locale.ROOT, "%.4f", v);
  }
}
