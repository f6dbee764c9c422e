package org.fairness4j.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.fairness4j.core.DisparityMethod;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.FairnessMetrics;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.policy.DecisionMode;
import org.fairness4j.core.policy.FairnessPolicy;
import org.fairness4j.core.policy.IntervalMethod;
import org.fairness4j.core.policy.PolicyResult;
import org.fairness4j.core.policy.PolicyRule;
import org.fairness4j.core.policy.PolicyStatistic;
import org.fairness4j.core.policy.RuleVerdict;
import org.fairness4j.core.table.PredictionTable;

/**
 * How often policy gates fail on noise (false alarms), pass real violations (misses) and flip
 * between two samples of the same model, by decision mode and group size: docs/fairness-checks.md.
 *
 * <p>Two groups of n rows each, half positives; group A's true positive rate is 0.80, group B's
 * 0.80 − δ, both false positive rates 0.10. The rule is "equal opportunity difference (TPR
 * difference) between groups at most 0.10", decided on the point estimate, confidently and
 * not-confidently-violated, at one-sided 95%, with bootstrap (1000 resamples) and analytic
 * intervals. Each (n, δ) is replicated R times from seed 2026. Prints a Markdown table of the share
 * of replications in which the gate failed.
 *
 * <pre>
 * java -cp ... org.fairness4j.benchmarks.PolicyGateSimulation [R]
 * </pre>
 */
public final class PolicyGateSimulation {
  private static final double THRESHOLD = 0.10;
  private static final int[] SIZES = {100, 400, 1600};
  private static final double[] DELTAS = {0.0, 0.05, 0.10, 0.15, 0.20};

  private PolicyGateSimulation() {}

  /**
   * Runs the simulation.
   *
   * @param args optionally the number of replications R (default 400)
   */
  public static void main(String[] args) {
    int reps = args.length > 0 ? Integer.parseInt(args[0]) : 400;
    FairnessEvaluator evaluator = FairnessEvaluator.builder().positiveLabel("1").build();
    FeatureSet fs = FeatureSet.of("group");
    PolicyStatistic eopp =
        PolicyStatistic.fairness(
            FairnessMetrics.EQUAL_OPPORTUNITY_DIFFERENCE, DisparityMethod.BETWEEN_GROUPS, null);
    String[] names = {
      "point",
      "confident (bootstrap)",
      "not-confidently-violated (bootstrap)",
      "confident (analytic)",
      "not-confidently-violated (analytic)"
    };
    DecisionMode[] modes = {
      DecisionMode.POINT,
      DecisionMode.CONFIDENT,
      DecisionMode.NOT_CONFIDENTLY_VIOLATED,
      DecisionMode.CONFIDENT,
      DecisionMode.NOT_CONFIDENTLY_VIOLATED
    };
    IntervalMethod[] intervals = {
      IntervalMethod.BOOTSTRAP,
      IntervalMethod.BOOTSTRAP,
      IntervalMethod.BOOTSTRAP,
      IntervalMethod.ANALYTIC,
      IntervalMethod.ANALYTIC
    };
    RandomGenerator rng = new Well19937c(2026);
    System.out.printf(
        Locale.ROOT,
        "Share of %d replications in which the gate FAILED (rule: TPR difference at most %.2f;"
            + " one-sided 95%%).%n%n",
        reps,
        THRESHOLD);
    StringBuilder header = new StringBuilder("| rows per group | true difference δ |");
    StringBuilder rule = new StringBuilder("|---:|---:|");
    for (String n : names) {
      header.append(' ').append(n).append(" |");
      rule.append("---:|");
    }
    System.out.println(header);
    System.out.println(rule);
    for (int n : SIZES) {
      for (double delta : DELTAS) {
        int[] fails = new int[names.length];
        for (int r = 0; r < reps; r++) {
          PredictionTable t = table(rng, n, 0.80, 0.80 - delta, 0.10);
          FairnessPolicy.Builder b = FairnessPolicy.builder().seed(rng.nextLong());
          for (int m = 0; m < names.length; m++) {
            b.rule(
                PolicyRule.builder(fs, eopp)
                    .name(names[m])
                    .atMost(THRESHOLD)
                    .decision(modes[m])
                    .interval(intervals[m])
                    .confidence(0.95)
                    .build());
          }
          PolicyResult res = b.build().check(t, evaluator);
          for (int m = 0; m < names.length; m++) {
            // An undecidable rule does not pass either: it counts as a failure of the gate.
            if (res.rules().get(m).verdict() != RuleVerdict.PASSED) {
              fails[m]++;
            }
          }
        }
        StringBuilder row = new StringBuilder();
        row.append(String.format(Locale.ROOT, "| %d | %.2f |", n, delta));
        for (int f : fails) {
          row.append(String.format(Locale.ROOT, " %.3f |", (double) f / reps));
        }
        System.out.println(row);
      }
    }
  }

  /**
   * Two groups of n rows, half positives, with the given true positive and false positive rates.
   */
  private static PredictionTable table(
      RandomGenerator rng, int n, double tprA, double tprB, double fpr) {
    List<Integer> yt = new ArrayList<>();
    List<Integer> yp = new ArrayList<>();
    List<String> g = new ArrayList<>();
    double[] tpr = {tprA, tprB};
    String[] names = {"A", "B"};
    for (int k = 0; k < 2; k++) {
      int pos = n / 2;
      int neg = n - pos;
      int tp = new BinomialDistribution(rng, pos, tpr[k]).sample();
      int fp = new BinomialDistribution(rng, neg, fpr).sample();
      add(yt, yp, g, names[k], 1, 1, tp);
      add(yt, yp, g, names[k], 1, 0, pos - tp);
      add(yt, yp, g, names[k], 0, 1, fp);
      add(yt, yp, g, names[k], 0, 0, neg - fp);
    }
    return PredictionTable.builder()
        .labels(
            yt.stream().mapToInt(Integer::intValue).toArray(),
            yp.stream().mapToInt(Integer::intValue).toArray())
        .categorical("group", g.toArray(new String[0]))
        .build();
  }

  private static void add(
      List<Integer> yt, List<Integer> yp, List<String> g, String group, int t, int p, int count) {
    for (int i = 0; i < count; i++) {
      yt.add(t);
      yp.add(p);
      g.add(group);
    }
  }
}
