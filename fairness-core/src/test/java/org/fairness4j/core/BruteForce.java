package org.fairness4j.core;

import java.util.ArrayList;
import java.util.List;
import org.fairness4j.core.RandomTables.Raw;

/**
 * Independent re-computation of group metrics straight from the raw columns: a row filter per group
 * and the textbook formulas, sharing no code with the engine.
 */
final class BruteForce {
  private BruteForce() {}

  /** Rows of a group given by sex (or null for any) and age bin index (or -1 for any). */
  static List<Integer> rows(Raw raw, String sex, int ageBin) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < raw.n(); i++) {
      if (sex != null && !raw.sex()[i].equals(sex)) {
        continue;
      }
      if (ageBin >= 0 && RandomTables.AGE.binOf(raw.age()[i]) != ageBin) {
        continue;
      }
      out.add(i);
    }
    return out;
  }

  /** Binary metric by name over some rows (positive class 1); NaN when 0/0. */
  static double binary(Raw raw, List<Integer> rows, String metric, boolean weighted) {
    double tp = 0;
    double fp = 0;
    double fn = 0;
    double tn = 0;
    for (int i : rows) {
      double w = weighted ? raw.weight()[i] : 1;
      boolean actual = raw.yTrue()[i] == 1;
      boolean predicted = raw.yPred()[i] == 1;
      if (actual && predicted) {
        tp += w;
      } else if (actual) {
        fn += w;
      } else if (predicted) {
        fp += w;
      } else {
        tn += w;
      }
    }
    double all = tp + fp + fn + tn;
    return switch (metric) {
      case "count" -> rows.size();
      case "accuracy" -> div(tp + tn, all);
      case "selection_rate" -> div(tp + fp, all);
      case "base_rate" -> div(tp + fn, all);
      case "recall" -> div(tp, tp + fn);
      case "fpr" -> div(fp, fp + tn);
      case "tnr" -> div(tn, fp + tn);
      case "fnr" -> div(fn, tp + fn);
      case "precision" -> div(tp, tp + fp);
      case "npv" -> div(tn, tn + fn);
      case "f1" -> div(2 * tp, 2 * tp + fp + fn);
      default -> throw new IllegalArgumentException(metric);
    };
  }

  /** AUC by comparing every positive with every negative; NaN without both. */
  static double auc(Raw raw, List<Integer> rows, boolean weighted) {
    double num = 0;
    double pos = 0;
    double neg = 0;
    for (int i : rows) {
      double wi = weighted ? raw.weight()[i] : 1;
      if (raw.yTrue()[i] == 1) {
        pos += wi;
        for (int j : rows) {
          if (raw.yTrue()[j] != 1) {
            double wj = weighted ? raw.weight()[j] : 1;
            double si = raw.score()[i];
            double sj = raw.score()[j];
            num += wi * wj * (si > sj ? 1 : si == sj ? 0.5 : 0);
          }
        }
      } else {
        neg += wi;
      }
    }
    return pos == 0 || neg == 0 ? Double.NaN : num / (pos * neg);
  }

  private static double div(double a, double b) {
    return b == 0 ? Double.NaN : a / b;
  }
}
