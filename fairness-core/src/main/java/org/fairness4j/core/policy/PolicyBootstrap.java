package org.fairness4j.core.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.ReportStatisticId;
import org.fairness4j.core.bootstrap.BootstrapResult;
import org.fairness4j.core.bootstrap.GroupBootstrap;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.stats.Interval;

/**
 * The bootstrap intervals of a policy's rules ({@code interval: bootstrap}): percentile intervals
 * of the judged tables, one bootstrap per feature set, minimum size and level, shared by the rules
 * that need it.
 */
final class PolicyBootstrap {
  private final FairnessEvaluator evaluator;
  private final int resamples;
  private final long seed;
  private final Map<String, BootstrapResult> boots = new HashMap<>();

  PolicyBootstrap(FairnessEvaluator evaluator, int resamples, long seed) {
    this.evaluator = evaluator;
    this.resamples = resamples;
    this.seed = seed;
  }

  private BootstrapResult bootstrap(PolicyRule rule, PolicyChecker.Judged j, double level) {
    String key = rule.features().name() + "@" + rule.minGroupSize() + "@" + Double.toString(level);
    BootstrapResult b = boots.get(key);
    if (b == null) {
      b =
          GroupBootstrap.builder()
              .resamples(resamples)
              .seed(seed)
              .confidence(level)
              .clustered(j.table().isClustered())
              // The rule names the bootstrap: percentile intervals, not the score intervals the
              // report shows for rates (those are interval: analytic).
              .analytic(false)
              .build()
              .evaluate(evaluator, j.table(), rule.features());
      boots.put(key, b);
    }
    return b;
  }

  /**
   * The bootstrap interval of a rule's statistic at the rule's confidence (a one-sided bound at
   * confidence c is a two-sided interval at 1 − 2(1 − c)).
   *
   * @param why filled with the reason when there is no interval ([0]) and a warning ([1])
   * @return the interval, or null (why[0] says why)
   */
  Interval interval(PolicyRule rule, PolicyChecker.Judged j, Estimate e, String[] why) {
    double alpha = 1 - rule.confidence();
    if (rule.statistic().kind() != PolicyStatistic.Kind.BELOW_OVERALL) {
      BootstrapResult b = bootstrap(rule, j, 1 - 2 * alpha);
      ReportStatisticId id = rule.statistic().reportId().orElseThrow();
      Interval i = b.intervals().get(id);
      if (i == null) {
        why[0] = undefinedShare(b, id);
        return null;
      }
      // The upward bias of extremes' percentile intervals is documented for policies
      // (docs/fairness-checks.md); the other warnings (undefined resamples, a degenerate interval,
      // small counts) go into the reason.
      why[1] = b.warning(id).filter(w -> !w.equals(GroupBootstrap.EXTREME_WARNING)).orElse(null);
      return new Interval(
          e.value(),
          i.lower(),
          i.upper(),
          i.confidence(),
          i.method()
              + (j.table().isClustered() ? " over clusters" : "")
              + ", "
              + b.resamples()
              + " resamples, seed "
              + b.seed());
    }
    // Below overall: each group's interval at Bonferroni level, the overall value taken as known.
    String metric = rule.statistic().metric().key();
    double overall = j.report().overall().value(rule.statistic().metric());
    List<GroupKey> defined = new ArrayList<>();
    j.report()
        .byGroup()
        .forEach(
            (g, v) -> {
              if (!Double.isNaN(v.value(rule.statistic().metric()))) {
                defined.add(g);
              }
            });
    BootstrapResult b = bootstrap(rule, j, 1 - 2 * alpha / defined.size());
    double lower = Double.NEGATIVE_INFINITY;
    double upper = Double.NEGATIVE_INFINITY;
    for (GroupKey g : defined) {
      ReportStatisticId key = ReportStatisticId.byGroup(g, rule.statistic().metric());
      Interval i = b.intervals().get(key);
      if (i == null) {
        why[0] = undefinedShare(b, key);
        return null;
      }
      if (why[1] == null && b.warning(key).isPresent()) {
        why[1] = g + ": " + b.warning(key).get();
      }
      lower = Math.max(lower, overall - i.upper());
      upper = Math.max(upper, overall - i.lower());
    }
    return new Interval(
        e.value(),
        lower,
        upper,
        1 - 2 * alpha,
        "bootstrap percentile of each group, bonferroni over "
            + defined.size()
            + " groups, overall fixed, "
            + b.resamples()
            + " resamples, seed "
            + b.seed());
  }

  private static String undefinedShare(BootstrapResult b, ReportStatisticId key) {
    Double share = b.undefinedShare().get(key);
    return "the bootstrap gives no interval for "
        + key
        + (share == null
            ? ""
            : String.format(Locale.ROOT, " (undefined in %.1f%% of the resamples)", 100 * share));
  }
}
