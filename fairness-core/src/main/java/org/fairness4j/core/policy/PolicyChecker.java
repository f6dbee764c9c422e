package org.fairness4j.core.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupIndex;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.stats.Interval;
import org.fairness4j.core.table.PredictionTable;

/** Checks one table against a policy; caches the judged reports and bootstraps rules share. */
final class PolicyChecker {
  /** A feature set's report over the groups that meet a minimum size. */
  record Judged(PredictionTable table, GroupReport report, Map<GroupKey, Long> notJudged) {}

  private final FairnessPolicy policy;
  private final PredictionTable table;
  private final FairnessEvaluator evaluator;
  private final PolicyBaseline baseline;
  private final Map<String, Judged> judged = new HashMap<>();
  private final PolicyBootstrap bootstrap;

  PolicyChecker(
      FairnessPolicy policy,
      PredictionTable table,
      FairnessEvaluator evaluator,
      PolicyBaseline baseline) {
    this.policy = policy;
    this.table = table;
    this.evaluator = evaluator;
    this.baseline = baseline;
    this.bootstrap = new PolicyBootstrap(evaluator, policy.resamples(), policy.seed());
  }

  PolicyResult check() {
    List<PolicyRuleResult> out = new ArrayList<>();
    for (PolicyRule rule : policy.rules()) {
      try {
        out.add(check(rule));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where(rule) + e.getMessage(), e);
      }
    }
    return new PolicyResult(policy.source(), out, judgedReports());
  }

  private String where(PolicyRule rule) {
    return policy.source()
        + (rule.line() > 0 ? ":" + rule.line() : "")
        + ": rule '"
        + rule.name()
        + "': ";
  }

  /** The reports of each feature set judged with the policy's minimum sizes, for writing out. */
  List<GroupReport> judgedReports() {
    List<GroupReport> out = new ArrayList<>();
    for (PolicyRule r : policy.rules()) {
      GroupReport g = judged(r).report();
      if (!out.contains(g)) {
        out.add(g);
      }
    }
    return out;
  }

  private Judged judged(PolicyRule rule) {
    FeatureSet fs = rule.features();
    for (String a : fs.attributes()) {
      if (table.attribute(a).isEmpty()) {
        throw new IllegalArgumentException(
            "feature set '"
                + fs.name()
                + "': the table has no sensitive attribute '"
                + a
                + "' (attributes: "
                + table.attributes().stream().map(x -> x.name()).toList()
                + ")");
      }
    }
    String key = fs.name() + "@" + rule.minGroupSize();
    Judged j = judged.get(key);
    if (j == null) {
      j = judge(fs, rule.minGroupSize());
      judged.put(key, j);
    }
    return j;
  }

  private Judged judge(FeatureSet fs, int minSize) {
    GroupIndex index = GroupIndex.of(table, fs);
    long[] counts = new long[index.groupCount()];
    for (int i = 0; i < table.rowCount(); i++) {
      int g = index.groupOf(i);
      if (g >= 0) {
        counts[g]++;
      }
    }
    Map<GroupKey, Long> small = new LinkedHashMap<>();
    for (int g = 0; g < counts.length; g++) {
      if (counts[g] > 0 && counts[g] < minSize) {
        small.put(index.keys().get(g), counts[g]);
      }
    }
    PredictionTable t = table;
    if (!small.isEmpty()) {
      int[] rows = new int[table.rowCount()];
      int n = 0;
      for (int i = 0; i < table.rowCount(); i++) {
        int g = index.groupOf(i);
        if (g >= 0 && counts[g] >= minSize) {
          rows[n++] = i;
        }
      }
      t = table.select(java.util.Arrays.copyOf(rows, n));
    }
    return new Judged(t, evaluator.evaluate(t, fs), small);
  }

  private PolicyRuleResult check(PolicyRule rule) {
    Judged j = judged(rule);
    GroupReport r = j.report();
    Estimate e = Estimate.of(rule.statistic(), r);
    // The threshold.
    double threshold;
    double base = Double.NaN;
    boolean atMost;
    PolicyBound bound = rule.bound();
    switch (bound.kind()) {
      case AT_MOST -> {
        threshold = bound.value();
        atMost = true;
      }
      case AT_LEAST -> {
        threshold = bound.value();
        atMost = false;
      }
      default -> {
        atMost = rule.statistic().largerIsWorse();
        if (baseline == null) {
          return undecidable(
              rule,
              j,
              e,
              Double.NaN,
              Double.NaN,
              "a change rule needs a baseline report (--baseline), and none was given");
        }
        PolicyBaseline.Value v =
            baseline.value(
                rule.features().name(), rule.statistic(), List.copyOf(r.byGroup().keySet()));
        if (v.reason() != null) {
          return undecidable(rule, j, e, Double.NaN, Double.NaN, v.reason());
        }
        base = v.value();
        threshold = atMost ? base + bound.value() : base - bound.value();
      }
    }
    if (!e.isDefined()) {
      return undecidable(
          rule,
          j,
          e,
          threshold,
          base,
          "the statistic is undefined (" + e.reason() + "); an undefined value never passes");
    }
    String cmp = atMost ? "at most" : "at least";
    if (rule.decision() == DecisionMode.POINT) {
      boolean ok = atMost ? e.value() <= threshold : e.value() >= threshold;
      return result(
          rule,
          j,
          e,
          null,
          threshold,
          base,
          ok ? RuleVerdict.PASSED : RuleVerdict.FAILED,
          comparison("the value", e.value(), ok, cmp, threshold));
    }
    Interval interval;
    String warning = null;
    if (rule.interval() == IntervalMethod.ANALYTIC && table.isClustered()) {
      // The score intervals count rows as independent: with several rows per subject they are
      // too narrow, so a gate on them would decide on noise.
      return undecidable(
          rule,
          j,
          e,
          threshold,
          base,
          "no interval: analytic intervals count rows as independent, but the table has cluster"
              + " ids (--cluster); use interval: bootstrap, which resamples whole clusters");
    }
    if (rule.interval() == IntervalMethod.ANALYTIC) {
      AnalyticIntervals.Outcome o =
          AnalyticIntervals.of(rule.statistic(), r, table.isWeighted(), rule.confidence());
      if (o.interval() == null) {
        return undecidable(rule, j, e, threshold, base, "no interval: " + o.reason());
      }
      interval = o.interval();
    } else {
      String[] why = new String[2];
      interval = bootstrap.interval(rule, j, e, why);
      if (interval == null) {
        return undecidable(rule, j, e, threshold, base, "no interval: " + why[0]);
      }
      warning = why[1];
    }
    String c = percentText(rule.confidence());
    boolean ok;
    String reason;
    if (rule.decision() == DecisionMode.CONFIDENT) {
      double b = atMost ? interval.upper() : interval.lower();
      ok = atMost ? b <= threshold : b >= threshold;
      reason =
          comparison(atMost ? "upper bound" : "lower bound", b, ok, cmp, threshold)
              + (ok
                  ? ": the rule holds at " + c + " confidence"
                  : ": the data do not show at "
                      + c
                      + " confidence that the rule holds"
                      + ((atMost ? e.value() > threshold : e.value() < threshold)
                          ? " (the estimate itself breaks it)"
                          : " (the interval is too wide: more rows, or a real improvement, is"
                              + " needed)"));
    } else {
      double b = atMost ? interval.lower() : interval.upper();
      boolean violated = atMost ? b > threshold : b < threshold;
      ok = !violated;
      reason =
          comparison(atMost ? "lower bound" : "upper bound", b, !violated, cmp, threshold)
              + (violated
                  ? ": the rule is broken at " + c + " confidence"
                  : ": not shown to be broken at " + c + " confidence");
    }
    RuleVerdict verdict = ok ? RuleVerdict.PASSED : RuleVerdict.FAILED;
    if (warning != null) {
      reason += "; the interval is unreliable: " + warning;
      if (ok && rule.decision() == DecisionMode.CONFIDENT) {
        // A confident pass must rest on an interval that shows the uncertainty (recall 8/8 in
        // both groups gives the percentile interval [0, 0]); it is not shown here.
        verdict = RuleVerdict.UNDECIDABLE;
        reason += " (a confident pass needs a reliable interval; try interval: analytic)";
      }
    }
    return result(rule, j, e, interval, threshold, base, verdict, reason);
  }

  /** E.g. {@code upper bound 0.12 is not at most 0.1}. */
  private static String comparison(
      String what, double value, boolean holds, String cmp, double threshold) {
    return what
        + " "
        + PolicyRuleResult.format(value)
        + (holds ? " is " : " is not ")
        + cmp
        + " "
        + PolicyRuleResult.format(threshold);
  }

  private static String percentText(double c) {
    return String.format(Locale.ROOT, "%.4g%%", 100 * c).replaceAll("\\.?0+%", "%");
  }

  private static PolicyRuleResult undecidable(
      PolicyRule rule, Judged j, Estimate e, double threshold, double base, String reason) {
    return result(rule, j, e, null, threshold, base, RuleVerdict.UNDECIDABLE, reason);
  }

  private static PolicyRuleResult result(
      PolicyRule rule,
      Judged j,
      Estimate e,
      Interval interval,
      double threshold,
      double base,
      RuleVerdict verdict,
      String reason) {
    return new PolicyRuleResult(
        rule,
        verdict,
        e.value(),
        interval,
        threshold,
        base,
        e.groups(),
        e.skipped(),
        j.notJudged(),
        reason);
  }
}
