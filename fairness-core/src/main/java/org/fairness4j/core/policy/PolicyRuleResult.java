package org.fairness4j.core.policy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.stats.Interval;

/**
 * The outcome of one rule.
 *
 * @param rule the rule
 * @param verdict passed, failed or undecidable
 * @param value the statistic's point value; NaN when undefined
 * @param interval the interval the decision used, or null ({@link DecisionMode#POINT}, or none
 *     could be computed)
 * @param threshold the bound the statistic was held to (for a change rule: the baseline value moved
 *     by the allowed worsening); NaN when there is none
 * @param baseline the baseline value of a change rule, NaN otherwise
 * @param groups the groups that produced the value (e.g. the min and max group)
 * @param skipped judged groups left out because their value is undefined
 * @param notJudged groups below the minimum group size, with their row counts: reported, not judged
 * @param reason why the rule passed, failed or could not be decided, in words
 */
public record PolicyRuleResult(
    PolicyRule rule,
    RuleVerdict verdict,
    double value,
    Interval interval,
    double threshold,
    double baseline,
    List<GroupKey> groups,
    List<GroupKey> skipped,
    Map<GroupKey, Long> notJudged,
    String reason) {
  /**
   * Creates a result.
   *
   * @param rule rule
   * @param verdict verdict
   * @param value value
   * @param interval interval
   * @param threshold threshold
   * @param baseline baseline value
   * @param groups groups
   * @param skipped skipped groups
   * @param notJudged groups below the minimum size
   * @param reason reason
   */
  public PolicyRuleResult {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(reason, "reason");
    groups = List.copyOf(groups);
    skipped = List.copyOf(skipped);
    notJudged = Collections.unmodifiableMap(new LinkedHashMap<>(notJudged));
  }

  /**
   * Returns whether the rule passed.
   *
   * @return true if {@link RuleVerdict#PASSED}
   */
  public boolean passed() {
    return verdict == RuleVerdict.PASSED;
  }

  /**
   * Returns a message a person can act on: the rule, the verdict, the value and interval, the
   * bound, the groups behind the value and the reason.
   *
   * @return a multi-line message
   */
  public String message() {
    StringBuilder b = new StringBuilder();
    b.append(verdict.name()).append(": ").append(rule.name());
    if (rule.line() > 0) {
      b.append(" (policy line ").append(rule.line()).append(')');
    }
    b.append("\n  ").append(rule.features().name()).append(' ').append(rule.statistic().key());
    b.append(" = ").append(format(value));
    if (interval != null) {
      b.append(", interval [")
          .append(format(interval.lower()))
          .append(", ")
          .append(format(interval.upper()))
          .append("] (")
          .append(interval.method())
          .append("; each bound one-sided ")
          .append(percent(rule.confidence()))
          .append(')');
    }
    if (!Double.isNaN(threshold)) {
      b.append("; required ").append(atMost() ? "at most " : "at least ").append(format(threshold));
      if (!Double.isNaN(baseline)) {
        b.append(" (baseline ")
            .append(format(baseline))
            .append(atMost() ? " + " : " - ")
            .append(format(rule.bound().value()))
            .append(')');
      }
    }
    b.append("; decided ").append(rule.decision().key());
    if (!groups.isEmpty()) {
      b.append("\n  groups behind the value: ").append(groups);
    }
    if (!skipped.isEmpty()) {
      b.append("\n  left out (value undefined): ").append(skipped);
    }
    if (!notJudged.isEmpty()) {
      b.append("\n  not judged (fewer than ")
          .append(rule.minGroupSize())
          .append(" rows): ")
          .append(notJudged);
    }
    b.append("\n  ").append(reason);
    return b.toString();
  }

  /** Whether the statistic is held below its threshold (rather than above). */
  boolean atMost() {
    return switch (rule.bound().kind()) {
      case AT_MOST -> true;
      case AT_LEAST -> false;
      case MAX_WORSENING -> rule.statistic().largerIsWorse();
    };
  }

  static String format(double v) {
    if (Double.isNaN(v)) {
      return "undefined";
    }
    return String.format(Locale.ROOT, "%.4f", v);
  }

  private static String percent(double c) {
    return String.format(Locale.ROOT, "%.4g%%", 100 * c).replaceAll("\\.?0+%", "%");
  }
}
