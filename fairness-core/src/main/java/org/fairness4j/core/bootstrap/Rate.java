package org.fairness4j.core.bootstrap;

import org.fairness4j.core.metrics.Metric;

/**
 * The metrics of a binary report that are one rate x/n of the confusion cells (TP, FN, FP, TN), and
 * which cells make up their numerator and denominator: the rates {@link RateIntervals} gives score
 * intervals. In the methods, t and p say whether a row is truly and predicted positive.
 */
enum Rate {
  BASE_RATE(Metric.BASE_RATE),
  SELECTION_RATE(Metric.SELECTION_RATE),
  ACCURACY(Metric.ACCURACY),
  ERROR_RATE(Metric.ERROR_RATE),
  PRECISION(Metric.PRECISION),
  NPV(Metric.NPV),
  RECALL(Metric.RECALL),
  TNR(Metric.TNR),
  FPR(Metric.FPR),
  FNR(Metric.FNR),
  FDR(Metric.FDR),
  FOR(Metric.FALSE_OMISSION_RATE);

  final Metric metric;

  Rate(Metric metric) {
    this.metric = metric;
  }

  /** The rate of a metric, or null when the metric is not x/n of the confusion cells. */
  static Rate of(Metric metric) {
    for (Rate r : values()) {
      if (r.metric == metric) {
        return r;
      }
    }
    return null;
  }

  boolean inDenominator(boolean t, boolean p) {
    return switch (this) {
      case BASE_RATE, SELECTION_RATE, ACCURACY, ERROR_RATE -> true;
      case PRECISION, FDR -> p;
      case NPV, FOR -> !p;
      case RECALL, FNR -> t;
      case TNR, FPR -> !t;
    };
  }

  /** {x, n} of this rate from the cells {TP, FN, FP, TN}. */
  long[] count(long[] cells) {
    long x = 0;
    long n = 0;
    for (int c = 0; c < 4; c++) {
      boolean t = c < 2;
      boolean p = c == 0 || c == 2;
      if (inDenominator(t, p)) {
        n += cells[c];
        x += inNumerator(t, p) ? cells[c] : 0;
      }
    }
    return new long[] {x, n};
  }

  boolean inNumerator(boolean t, boolean p) {
    return switch (this) {
      case BASE_RATE -> t;
      case SELECTION_RATE -> p;
      case ACCURACY -> t == p;
      case ERROR_RATE -> t != p;
      case PRECISION, RECALL -> t && p;
      case NPV, TNR -> !t && !p;
      case FPR, FDR -> !t && p;
      case FNR, FOR -> t && !p;
    };
  }
}
