package org.fairness4j.core.metrics;

import static org.fairness4j.core.metrics.UndefinedReason.EMPTY_GROUP;
import static org.fairness4j.core.metrics.UndefinedReason.NO_NEGATIVES;
import static org.fairness4j.core.metrics.UndefinedReason.NO_POSITIVES;
import static org.fairness4j.core.metrics.UndefinedReason.NO_POSITIVES_AND_NO_PREDICTED_POSITIVES;
import static org.fairness4j.core.metrics.UndefinedReason.NO_PREDICTED_NEGATIVES;
import static org.fairness4j.core.metrics.UndefinedReason.NO_PREDICTED_POSITIVES;
import static org.fairness4j.core.metrics.UndefinedReason.UNDEFINED_CLASS_COMPONENT;
import static org.fairness4j.core.metrics.UndefinedReason.UNDEFINED_COMPONENT;

import java.util.EnumMap;
import java.util.Map;

/**
 * Computes the metrics of one group from its confusion counts. Stateless; every method returns
 * undefined values as NaN with a reason, or as 0 with the reason when {@code zeroForUndefined} is
 * set (Fairlearn's convention, applied to each one-vs-rest component before averaging, as
 * scikit-learn does).
 */
public final class GroupMetrics {
  private GroupMetrics() {}

  /**
   * The binary metrics of one group ({@link Metric#binary()}).
   *
   * @param c the group's counts
   * @param rocAuc the group's AUC, or null when the table has no scores (then it is left out)
   * @param zeroForUndefined replace undefined rates by 0 (AUC excepted)
   * @return the values
   */
  public static MetricValues binary(BinaryCounts c, MetricValue rocAuc, boolean zeroForUndefined) {
    Map<Metric, MetricValue> m = new EnumMap<>(Metric.class);
    double total = c.total();
    double pos = c.positives();
    double neg = c.negatives();
    double predPos = c.tp() + c.fp();
    double predNeg = c.fn() + c.tn();
    m.put(Metric.COUNT, MetricValue.of(c.rows()));
    put(m, Metric.BASE_RATE, MetricValue.ratio(pos, total, EMPTY_GROUP), zeroForUndefined);
    put(m, Metric.SELECTION_RATE, MetricValue.ratio(predPos, total, EMPTY_GROUP), zeroForUndefined);
    put(
        m,
        Metric.ACCURACY,
        MetricValue.ratio(c.tp() + c.tn(), total, EMPTY_GROUP),
        zeroForUndefined);
    put(
        m,
        Metric.ERROR_RATE,
        MetricValue.ratio(c.fp() + c.fn(), total, EMPTY_GROUP),
        zeroForUndefined);
    MetricValue recall = rate(c.tp(), pos, total, NO_POSITIVES, zeroForUndefined);
    MetricValue tnr = rate(c.tn(), neg, total, NO_NEGATIVES, zeroForUndefined);
    m.put(Metric.RECALL, recall);
    m.put(Metric.TNR, tnr);
    m.put(Metric.FPR, rate(c.fp(), neg, total, NO_NEGATIVES, zeroForUndefined));
    m.put(Metric.FNR, rate(c.fn(), pos, total, NO_POSITIVES, zeroForUndefined));
    m.put(Metric.PRECISION, rate(c.tp(), predPos, total, NO_PREDICTED_POSITIVES, zeroForUndefined));
    m.put(Metric.FDR, rate(c.fp(), predPos, total, NO_PREDICTED_POSITIVES, zeroForUndefined));
    m.put(Metric.NPV, rate(c.tn(), predNeg, total, NO_PREDICTED_NEGATIVES, zeroForUndefined));
    m.put(
        Metric.FALSE_OMISSION_RATE,
        rate(c.fn(), predNeg, total, NO_PREDICTED_NEGATIVES, zeroForUndefined));
    m.put(
        Metric.F1,
        rate(
            2 * c.tp(),
            2 * c.tp() + c.fp() + c.fn(),
            total,
            NO_POSITIVES_AND_NO_PREDICTED_POSITIVES,
            zeroForUndefined));
    m.put(Metric.BALANCED_ACCURACY, mean2(recall, tnr, total));
    if (rocAuc != null) {
      m.put(Metric.ROC_AUC, total == 0 ? MetricValue.undefined(EMPTY_GROUP) : rocAuc);
    }
    return MetricValues.of(m);
  }

  /**
   * Adds the one-vs-rest macro AUC to a group's multiclass metrics: the mean of the classes' AUCs,
   * undefined (with the first undefined class's reason) when any class's AUC is undefined.
   *
   * @param values the group's multiclass metrics
   * @param perClassAuc each class's one-vs-rest AUC in this group
   * @param zeroForUndefined report an undefined value as 0 (still marked undefined)
   * @return the metrics with {@link Metric#MACRO_ROC_AUC}
   */
  public static MetricValues withMacroAuc(
      MetricValues values, java.util.List<MetricValue> perClassAuc, boolean zeroForUndefined) {
    Map<Metric, MetricValue> m = new EnumMap<>(Metric.class);
    m.putAll(values.asMap());
    double sum = 0;
    for (MetricValue v : perClassAuc) {
      if (!v.isDefined()) {
        put(m, Metric.MACRO_ROC_AUC, MetricValue.undefined(v.reason()), zeroForUndefined);
        return MetricValues.of(m);
      }
      sum += v.value();
    }
    m.put(Metric.MACRO_ROC_AUC, MetricValue.of(sum / perClassAuc.size()));
    return MetricValues.of(m);
  }

  /**
   * The multiclass metrics of one group ({@link Metric#multiclass()}).
   *
   * @param matrix the group's confusion matrix {@code [true][predicted]}
   * @param rows the group's unweighted row count
   * @param zeroForUndefined replace undefined per-class rates by 0 before averaging
   * @return the values
   */
  public static MetricValues multiclass(double[][] matrix, long rows, boolean zeroForUndefined) {
    int k = matrix.length;
    double[] support = new double[k];
    double[] predicted = new double[k];
    double total = 0;
    double correct = 0;
    for (int t = 0; t < k; t++) {
      for (int p = 0; p < k; p++) {
        support[t] += matrix[t][p];
        predicted[p] += matrix[t][p];
        total += matrix[t][p];
      }
      correct += matrix[t][t];
    }
    Map<Metric, MetricValue> m = new EnumMap<>(Metric.class);
    m.put(Metric.COUNT, MetricValue.of(rows));
    if (total == 0) {
      for (Metric metric : Metric.multiclass()) {
        if (metric != Metric.COUNT && metric != Metric.MACRO_ROC_AUC) {
          put(m, metric, MetricValue.undefined(EMPTY_GROUP), zeroForUndefined);
        }
      }
      return MetricValues.of(m);
    }
    MetricValue accuracy = MetricValue.of(correct / total);
    m.put(Metric.ACCURACY, accuracy);
    m.put(Metric.ERROR_RATE, MetricValue.of((total - correct) / total));
    m.put(Metric.MICRO_PRECISION, accuracy);
    m.put(Metric.MICRO_RECALL, accuracy);
    m.put(Metric.MICRO_F1, accuracy);

    double[] precision = new double[k];
    double[] recall = new double[k];
    double[] f1 = new double[k];
    boolean precisionUndefined = false;
    boolean recallUndefined = false;
    boolean f1Undefined = false;
    boolean weightedPrecisionUndefined = false;
    double presentF1Sum = 0;
    int present = 0;
    double recallPresentSum = 0;
    int withSupport = 0;
    for (int c = 0; c < k; c++) {
      double tp = matrix[c][c];
      double fp = predicted[c] - tp;
      double fn = support[c] - tp;
      if (predicted[c] == 0) {
        precision[c] = zeroForUndefined ? 0 : Double.NaN;
        precisionUndefined = true;
        weightedPrecisionUndefined |= support[c] > 0;
      } else {
        precision[c] = tp / predicted[c];
      }
      if (support[c] == 0) {
        recall[c] = zeroForUndefined ? 0 : Double.NaN;
        recallUndefined = true;
      } else {
        recall[c] = tp / support[c];
        recallPresentSum += recall[c];
        withSupport++;
      }
      double f1Denominator = 2 * tp + fp + fn;
      if (f1Denominator == 0) {
        f1[c] = zeroForUndefined ? 0 : Double.NaN;
        f1Undefined = true;
      } else {
        f1[c] = 2 * tp / f1Denominator;
        presentF1Sum += f1[c];
        present++;
      }
    }
    m.put(Metric.MACRO_PRECISION, mean(precision, precisionUndefined, zeroForUndefined));
    m.put(Metric.MACRO_RECALL, mean(recall, recallUndefined, zeroForUndefined));
    m.put(Metric.MACRO_F1, mean(f1, f1Undefined, zeroForUndefined));
    m.put(Metric.MACRO_F1_PRESENT, MetricValue.of(presentF1Sum / present));
    m.put(Metric.BALANCED_ACCURACY, MetricValue.of(recallPresentSum / withSupport));
    m.put(
        Metric.WEIGHTED_PRECISION,
        weighted(precision, support, total, weightedPrecisionUndefined, zeroForUndefined));
    m.put(Metric.WEIGHTED_RECALL, weighted(recall, support, total, false, zeroForUndefined));
    m.put(Metric.WEIGHTED_F1, weighted(f1, support, total, false, zeroForUndefined));
    return MetricValues.of(m);
  }

  private static MetricValue mean(double[] values, boolean undefined, boolean zero) {
    if (undefined && !zero) {
      return MetricValue.undefined(UNDEFINED_CLASS_COMPONENT);
    }
    double s = 0;
    for (double v : values) {
      s += v;
    }
    return new MetricValue(s / values.length, undefined ? UNDEFINED_CLASS_COMPONENT : null);
  }

  private static MetricValue weighted(
      double[] values, double[] support, double total, boolean undefined, boolean zero) {
    if (undefined && !zero) {
      return MetricValue.undefined(UNDEFINED_CLASS_COMPONENT);
    }
    double s = 0;
    for (int c = 0; c < values.length; c++) {
      if (support[c] > 0) {
        s += values[c] * support[c];
      }
    }
    return new MetricValue(s / total, undefined ? UNDEFINED_CLASS_COMPONENT : null);
  }

  private static MetricValue rate(
      double numerator, double denominator, double total, UndefinedReason reason, boolean zero) {
    MetricValue v = MetricValue.ratio(numerator, denominator, total == 0 ? EMPTY_GROUP : reason);
    return zero ? v.zeroIfUndefined() : v;
  }

  private static void put(
      Map<Metric, MetricValue> m, Metric metric, MetricValue v, boolean zeroForUndefined) {
    m.put(metric, zeroForUndefined ? v.zeroIfUndefined() : v);
  }

  private static MetricValue mean2(MetricValue a, MetricValue b, double total) {
    if (total == 0) {
      return a;
    }
    if (Double.isNaN(a.value()) || Double.isNaN(b.value())) {
      return MetricValue.undefined(UNDEFINED_COMPONENT);
    }
    UndefinedReason r = a.reason() != null || b.reason() != null ? UNDEFINED_COMPONENT : null;
    return new MetricValue((a.value() + b.value()) / 2, r);
  }
}
