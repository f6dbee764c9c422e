package org.fairness4j.core.report.format;

import java.util.Locale;
import org.fairness4j.core.ReportStatisticId;
import org.fairness4j.core.bootstrap.BootstrapResult;
import org.fairness4j.core.metrics.MetricValue;
import org.fairness4j.core.stats.Interval;

/** The text pieces of the HTML report: escaping, number formats and interval cells. */
final class HtmlText {
  private HtmlText() {}

  static String reason(MetricValue v) {
    return v.reason() == null
        ? "undefined"
        : v.reason().name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  static String interval(Interval ci) {
    if (ci == null) {
      return "";
    }
    return "<span class=\"ci\">[" + num(ci.lower()) + ", " + num(ci.upper()) + "]</span>";
  }

  /** An interval with its method, undefined share and any warning in the tooltip. */
  static String interval(Interval ci, BootstrapResult boot, ReportStatisticId stat) {
    String text = SignedDifferences.text(boot, stat);
    boolean warned = boot != null && boot.warning(stat).isPresent();
    return "<span class=\"ci\" title=\""
        + esc(text)
        + "\">["
        + num(ci.lower())
        + ", "
        + num(ci.upper())
        + "]"
        + "</span>"
        + (warned ? " <small class=\"warn\">⚠ unreliable</small>" : "")
        + (!warned && boot != null && boot.note(stat).isPresent()
            ? " <small class=\"note\" title=\""
                + esc(boot.note(stat).orElseThrow())
                + "\">ⓘ note</small>"
            : "")
        + (boot != null && boot.undefinedShare(stat) > 0 && ci.method().startsWith("bootstrap")
            ? " <small>"
                + esc(SignedDifferences.percent(boot.undefinedShare(stat)))
                + " undefined</small>"
            : "");
  }

  static String shorten(String s) {
    return s.length() <= 24 ? s : s.substring(0, 23) + "…";
  }

  static double clamp(double v) {
    return Math.max(0, Math.min(1, v));
  }

  static String num(double v) {
    return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.4f", v);
  }

  static String count(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3f", v);
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
