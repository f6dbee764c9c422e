package org.fairness4j.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.metrics.Metric;
import org.fairness4j.core.metrics.MetricValue;
import org.fairness4j.core.metrics.MetricValues;
import org.fairness4j.core.metrics.UndefinedReason;

/**
 * Min, max, difference and ratio of one metric over groups, with Fairlearn's formulas. Groups whose
 * value is NaN are left out and listed; a ZERO-policy 0 takes part like any value. A difference or
 * ratio needs two groups with a defined value: with one it is undefined ({@link
 * UndefinedReason#ONE_DEFINED_GROUP}), never a gap of 0 or a ratio of 1 (Fairlearn returns 0
 * there).
 */
final class Disparities {
  private final String name;
  private final MetricValue overall;
  private final List<GroupKey> keys = new ArrayList<>();
  private final List<Double> values = new ArrayList<>();
  private final List<GroupKey> skipped = new ArrayList<>();
  private int min = -1;
  private int max = -1;

  Disparities(Metric metric, MetricValues overall, Map<GroupKey, MetricValues> byGroup) {
    this.name = metric.key();
    this.overall = overall.get(metric);
    for (Map.Entry<GroupKey, MetricValues> e : byGroup.entrySet()) {
      double v = e.getValue().value(metric);
      if (Double.isNaN(v)) {
        skipped.add(e.getKey());
        continue;
      }
      keys.add(e.getKey());
      values.add(v);
      int i = values.size() - 1;
      if (min < 0 || v < values.get(min)) {
        min = i;
      }
      if (max < 0 || v > values.get(max)) {
        max = i;
      }
    }
  }

  GroupExtreme min(Metric metric) {
    return extreme(metric, min);
  }

  GroupExtreme max(Metric metric) {
    return extreme(metric, max);
  }

  private GroupExtreme extreme(Metric metric, int i) {
    if (i < 0) {
      return new GroupExtreme(metric, Double.NaN, null, skipped, UndefinedReason.NO_DEFINED_GROUPS);
    }
    return new GroupExtreme(metric, values.get(i), keys.get(i), skipped, null);
  }

  Disparity difference(DisparityMethod method, GroupKey reference) {
    Disparity few = tooFewGroups(method);
    if (few != null) {
      return few;
    }
    switch (method) {
      case BETWEEN_GROUPS:
        return defined(
            method, values.get(max) - values.get(min), List.of(keys.get(min), keys.get(max)));
      case TO_OVERALL:
        {
          if (Double.isNaN(overall.value())) {
            return undefined(method, UndefinedReason.UNDEFINED_OVERALL);
          }
          double o = overall.value();
          int best = -1;
          double bestDiff = -1;
          for (int i = 0; i < values.size(); i++) {
            double d = Math.abs(values.get(i) - o);
            if (d > bestDiff) {
              bestDiff = d;
              best = i;
            }
          }
          return defined(method, bestDiff, List.of(keys.get(best)));
        }
      case TO_REFERENCE:
        {
          int ref = referenceIndex(reference);
          if (ref < 0) {
            return undefined(method, UndefinedReason.UNDEFINED_REFERENCE);
          }
          double r = values.get(ref);
          int best = ref;
          double bestAbs = 0;
          for (int i = 0; i < values.size(); i++) {
            double d = Math.abs(values.get(i) - r);
            if (i != ref && d > bestAbs) {
              bestAbs = d;
              best = i;
            }
          }
          return defined(method, values.get(best) - r, List.of(keys.get(best), keys.get(ref)));
        }
      default:
        throw new AssertionError(method);
    }
  }

  Disparity ratio(DisparityMethod method, GroupKey reference) {
    Disparity few = tooFewGroups(method);
    if (few != null) {
      return few;
    }
    switch (method) {
      case BETWEEN_GROUPS:
        {
          double hi = values.get(max);
          if (hi == 0) {
            return undefined(method, UndefinedReason.ZERO_DENOMINATOR);
          }
          return defined(method, values.get(min) / hi, List.of(keys.get(min), keys.get(max)));
        }
      case TO_OVERALL:
        {
          if (Double.isNaN(overall.value())) {
            return undefined(method, UndefinedReason.UNDEFINED_OVERALL);
          }
          double o = overall.value();
          if (o == 0) {
            return undefined(method, UndefinedReason.ZERO_DENOMINATOR);
          }
          int best = -1;
          double bestRatio = Double.POSITIVE_INFINITY;
          for (int i = 0; i < values.size(); i++) {
            double x = values.get(i) / o;
            if (x > 1) {
              x = 1 / x;
            }
            if (x < bestRatio) {
              bestRatio = x;
              best = i;
            }
          }
          return defined(method, bestRatio, List.of(keys.get(best)));
        }
      case TO_REFERENCE:
        {
          int ref = referenceIndex(reference);
          if (ref < 0) {
            return undefined(method, UndefinedReason.UNDEFINED_REFERENCE);
          }
          double r = values.get(ref);
          if (r == 0) {
            return undefined(method, UndefinedReason.ZERO_DENOMINATOR);
          }
          int best = ref;
          double bestFold = 1;
          for (int i = 0; i < values.size(); i++) {
            double x = values.get(i) / r;
            double fold = x > 1 ? 1 / x : x;
            if (i != ref && fold < bestFold) {
              bestFold = fold;
              best = i;
            }
          }
          return defined(method, values.get(best) / r, List.of(keys.get(best), keys.get(ref)));
        }
      default:
        throw new AssertionError(method);
    }
  }

  /** Signed g − ref (or g / ref) of every group with a defined value, reference included. */
  Map<GroupKey, Double> toReference(GroupKey reference, boolean asRatio) {
    int ref = referenceIndex(reference);
    Map<GroupKey, Double> out = new java.util.LinkedHashMap<>();
    if (ref < 0) {
      return out;
    }
    double r = values.get(ref);
    for (int i = 0; i < values.size(); i++) {
      out.put(keys.get(i), asRatio ? values.get(i) / r : values.get(i) - r);
    }
    return out;
  }

  private int referenceIndex(GroupKey reference) {
    if (reference == null) {
      throw new IllegalArgumentException("TO_REFERENCE needs a reference group");
    }
    return keys.indexOf(reference);
  }

  /** The undefined disparity when fewer than two groups have a defined value; null otherwise. */
  private Disparity tooFewGroups(DisparityMethod method) {
    if (min < 0) {
      return undefined(method, UndefinedReason.NO_DEFINED_GROUPS);
    }
    return values.size() < 2 ? undefined(method, UndefinedReason.ONE_DEFINED_GROUP) : null;
  }

  private Disparity undefined(DisparityMethod method, UndefinedReason reason) {
    return Disparity.undefined(name, method, reason, skipped);
  }

  private Disparity defined(DisparityMethod method, double value, List<GroupKey> groups) {
    return new Disparity(name, method, value, null, groups, skipped);
  }
}
