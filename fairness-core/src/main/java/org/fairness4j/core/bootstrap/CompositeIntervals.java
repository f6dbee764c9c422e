package org.fairness4j.core.bootstrap;

import java.util.Map;
import org.fairness4j.core.DisparityMethod;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.ReportStatisticId;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.metrics.Metric;
import org.fairness4j.core.stats.Interval;
import org.fairness4j.core.stats.ProportionIntervals;

/**
 * Score-based intervals of the composite numbers of a binary, unweighted, unclustered report: F1
 * and balanced accuracy of a group, and a group's signed difference and ratio to the reference
 * group. They replace the percentile intervals, which covered 0.91–0.93 at 95 % for groups of
 * 80–150 rows in the coverage study (docs/statistics.md, "Which interval each number gets"); where
 * an expected confusion count is small they carry a {@link SmallCounts} warning (a group's value:
 * below 3 at the other groups' shares; a difference or ratio: below 5 at the pooled shares). The
 * overall F1 and balanced accuracy get the interval of the pooled counts, without a small-count
 * warning (see {@link #isOverall}). "Wilson interval" below is Brown, Cai &amp; DasGupta's modified
 * Wilson interval ({@link ProportionIntervals#modifiedWilson}, since session 10); a method name
 * with {@code wilson-modified} in place of {@code wilson} says that a component's bound was its
 * one-sided Poisson bound.
 *
 * <ul>
 *   <li>F1 = 2J / (1 + J) with J = TP / (TP + FP + FN) (the Jaccard index); given TP + FP + FN, TP
 *       is binomial with rate J under multinomial sampling of the rows, so the Wilson interval [l,
 *       u] of J maps to [2l / (1 + l), 2u / (1 + u)] ({@code wilson-jaccard}).
 *   <li>Balanced accuracy (TPR + TNR) / 2: MOVER for a sum (Zou &amp; Donner 2008) from the two
 *       Wilson intervals: (TPR + TNR)/2 ∓ √((TPR − l₁)² + (TNR − l₂)²)/2 below and √((u₁ − TPR)² +
 *       (u₂ − TNR)²)/2 above ({@code mover-wilson}).
 *   <li>A difference θ₁ − θ₀ of two groups (independent): MOVER from the two intervals, θ₁ − θ₀ −
 *       √((θ₁ − l₁)² + (u₀ − θ₀)²) and θ₁ − θ₀ + √((u₁ − θ₁)² + (θ₀ − l₀)²) (Newcombe's method 10
 *       is this for rates; {@code mover-wilson-jaccard}, {@code mover-wilson}).
 *   <li>A ratio θ₁ / θ₀ of two groups: MOVER on the log scale from the two intervals ({@code
 *       mover-log-wilson-jaccard}, {@code mover-log-wilson}; the construction of the clustered rate
 *       ratio, {@link ScoreBounds#moverRatio}); where θ₁ = 0, MOVER-R ({@code
 *       mover-r-wilson-jaccard}, {@code mover-r-wilson}); none where θ₀ = 0 (undefined).
 * </ul>
 */
final class CompositeIntervals {
  private static final String MODIFIED = "wilson-modified";
  private static final String F1_METHOD = "wilson-jaccard";
  private static final String BA_METHOD = "mover-wilson";
  private static final String MODIFIED_F1_METHOD = MODIFIED + "-jaccard";
  private static final String MODIFIED_BA_METHOD = "mover-" + MODIFIED;
  private static final String LOG_RATIO = "mover-log-";
  private static final String ZERO_RATIO = "mover-r-";

  private CompositeIntervals() {}

  /**
   * Replaces the intervals of F1 and balanced accuracy (by group, to the reference). Where a group
   * they involve expects a small confusion count, {@link SmallCounts} warns them (they over-cover
   * there, up to 0.99–1.00).
   */
  static void apply(
      GroupReport report,
      GroupKey reference,
      double confidence,
      Map<ReportStatisticId, Interval> out) {
    if (!report.isBinary()) {
      return;
    }
    int positive = report.classes().require(report.positiveLabel().orElseThrow());
    for (Map.Entry<ReportStatisticId, Interval> e : out.entrySet()) {
      ReportStatisticId id = e.getKey();
      if (!(isTarget(id) || isOverall(id)) || Double.isNaN(e.getValue().estimate())) {
        continue;
      }
      Interval i;
      if (id.kind() == ReportStatisticId.Kind.OVERALL) {
        i = of(id.metric(), cells(report.overallConfusionMatrix(), positive), confidence);
      } else if (id.kind() == ReportStatisticId.Kind.BY_GROUP) {
        i = of(id.metric(), cells(report.confusionMatrix(id.group()), positive), confidence);
      } else if (id.kind() == ReportStatisticId.Kind.RATIO) {
        i =
            ratio(
                of(id.metric(), cells(report.confusionMatrix(id.group()), positive), confidence),
                of(id.metric(), cells(report.confusionMatrix(reference), positive), confidence));
      } else {
        i =
            difference(
                of(id.metric(), cells(report.confusionMatrix(id.group()), positive), confidence),
                of(id.metric(), cells(report.confusionMatrix(reference), positive), confidence));
      }
      if (i != null) {
        e.setValue(i);
      }
    }
  }

  /** Whether an interval's method is one made here. */
  static boolean isMethod(String method) {
    for (String base : new String[] {"wilson", MODIFIED}) {
      for (String m :
          new String[] {base + "-jaccard", "mover-" + base + "-jaccard", "mover-" + base}) {
        if (method.equals(m)) {
          return true;
        }
      }
      for (String m : new String[] {base + "-jaccard", base}) {
        if (method.equals(LOG_RATIO + m) || method.equals(ZERO_RATIO + m)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The overall F1 or balanced accuracy (unclustered): the score interval of the pooled counts,
   * never warned for small counts. A warning could only read the observed overall counts, and such
   * rules leave 0.60–0.97 unwarned (session 10, tools/composite_warning_rule_exact.py, "own&lt;T");
   * with the modified-Wilson components the construction itself covers 0.934–0.994 over all tables
   * in every cell of the exact grid (docs/coverage-study.md, "Session 10 (h22s)"), over-covering
   * only where a count is expected below about 2. Until session 10 they kept the percentile
   * interval, which over-covered (0.987 unwarned at recall 0.92 / FPR 0.04).
   */
  static boolean isOverall(ReportStatisticId id) {
    return (id.metric() == Metric.F1 || id.metric() == Metric.BALANCED_ACCURACY)
        && id.kind() == ReportStatisticId.Kind.OVERALL;
  }

  /** F1 or balanced accuracy of a group, or its signed difference or ratio to the reference. */
  static boolean isTarget(ReportStatisticId id) {
    if (id.metric() != Metric.F1 && id.metric() != Metric.BALANCED_ACCURACY) {
      return false;
    }
    return id.kind() == ReportStatisticId.Kind.BY_GROUP
        || ((id.kind() == ReportStatisticId.Kind.DIFFERENCE
                || id.kind() == ReportStatisticId.Kind.RATIO)
            && id.method() == DisparityMethod.TO_REFERENCE);
  }

  /**
   * The interval of F1 or balanced accuracy from {TP, FN, FP, TN}; null where undefined. The
   * components are Brown, Cai &amp; DasGupta's modified Wilson intervals ({@link
   * ProportionIntervals#modifiedWilson}, as for a group's rates): with plain Wilson components the
   * balanced-accuracy interval covered as little as 0.884 where an expected confusion count is
   * below 5, the modified ones 0.934 or more (exact, {@code tools/composite_exact_coverage.py}).
   * The method names the Poisson bound where one was used ({@code wilson-modified-jaccard}, {@code
   * mover-wilson-modified}) and is {@code wilson-jaccard}, {@code mover-wilson} otherwise.
   */
  static Interval of(Metric metric, long[] c, double confidence) {
    long tp = c[0];
    long fn = c[1];
    long fp = c[2];
    long tn = c[3];
    if (metric == Metric.F1) {
      long n = tp + fp + fn;
      if (n == 0) {
        return null;
      }
      Interval j = ProportionIntervals.modifiedWilson(tp, n, confidence);
      double f1 = 2.0 * tp / (2.0 * tp + fp + fn);
      return new Interval(
          f1,
          f1OfJaccard(j.lower()),
          f1OfJaccard(j.upper()),
          confidence,
          isModified(j) ? MODIFIED_F1_METHOD : F1_METHOD);
    }
    if (tp + fn == 0 || tn + fp == 0) {
      return null;
    }
    Interval a = ProportionIntervals.modifiedWilson(tp, tp + fn, confidence);
    Interval b = ProportionIntervals.modifiedWilson(tn, tn + fp, confidence);
    double tpr = (double) tp / (tp + fn);
    double tnr = (double) tn / (tn + fp);
    double below = Math.hypot(tpr - a.lower(), tnr - b.lower()) / 2;
    double above = Math.hypot(a.upper() - tpr, b.upper() - tnr) / 2;
    double ba = (tpr + tnr) / 2;
    return new Interval(
        ba,
        Math.max(0, ba - below),
        Math.min(1, ba + above),
        confidence,
        isModified(a) || isModified(b) ? MODIFIED_BA_METHOD : BA_METHOD);
  }

  private static boolean isModified(Interval i) {
    return i.method().contains(MODIFIED);
  }

  /**
   * The method of a construction from two intervals: {@code one}'s (with {@code mover-} in front
   * unless it has it), naming the modified Wilson bound where either interval used one.
   */
  private static String pairMethod(Interval one, Interval zero) {
    String m = one.method().startsWith("mover-") ? one.method() : "mover-" + one.method();
    if (isModified(zero) && !m.contains(MODIFIED) && m.contains("wilson")) {
      m = m.replaceFirst("wilson", MODIFIED);
    }
    return m;
  }

  /** MOVER interval of θ₁ − θ₀ from two independent intervals; null if either is. */
  static Interval difference(Interval one, Interval zero) {
    if (one == null || zero == null) {
      return null;
    }
    double d = one.estimate() - zero.estimate();
    double below = Math.hypot(one.estimate() - one.lower(), zero.upper() - zero.estimate());
    double above = Math.hypot(one.upper() - one.estimate(), zero.estimate() - zero.lower());
    return new Interval(
        d,
        Math.max(-1, d - below),
        Math.min(1, d + above),
        one.confidence(),
        pairMethod(one, zero));
  }

  /**
   * Interval of θ₁ / θ₀ from two independent intervals ({@link ScoreBounds#moverRatio}: MOVER on
   * the log scale, MOVER-R where θ₁ = 0); null if either is, or where θ₀ = 0 (the ratio is then
   * undefined and the caller keeps its reason).
   */
  static Interval ratio(Interval one, Interval zero) {
    if (one == null || zero == null) {
      return null;
    }
    double[] r =
        ScoreBounds.moverRatio(
            one.estimate(), one.lower(), one.upper(), zero.estimate(), zero.lower(), zero.upper());
    if (r == null) {
      return null;
    }
    // mover-log-wilson[-modified]-jaccard (F1), mover-log-wilson[-modified] (balanced accuracy)
    String base = pairMethod(one, zero).substring(6);
    String method = (one.estimate() > 0 ? LOG_RATIO : ZERO_RATIO) + base;
    return new Interval(one.estimate() / zero.estimate(), r[0], r[1], one.confidence(), method);
  }

  private static double f1OfJaccard(double j) {
    return 2 * j / (1 + j);
  }

  /** {TP, FN, FP, TN} of a K×K matrix [true][predicted] of whole counts. */
  static long[] cells(double[][] m, int positive) {
    double[] c = SmallCounts.cells(m, positive);
    return new long[] {Math.round(c[0]), Math.round(c[1]), Math.round(c[2]), Math.round(c[3])};
  }
}
