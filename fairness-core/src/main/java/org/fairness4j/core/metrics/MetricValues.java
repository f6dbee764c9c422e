package org.fairness4j.core.metrics;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/** An immutable set of metric values of one group (or of the whole table). */
public final class MetricValues {
  private final Map<Metric, MetricValue> values;

  private MetricValues(Map<Metric, MetricValue> values) {
    this.values = Collections.unmodifiableMap(new EnumMap<>(values));
  }

  /**
   * Wraps values.
   *
   * @param values metric to value; copied
   * @return the values
   */
  public static MetricValues of(Map<Metric, MetricValue> values) {
    return new MetricValues(values.isEmpty() ? new EnumMap<>(Metric.class) : values);
  }

  /**
   * Returns the value of a metric.
   *
   * @param metric the metric
   * @return its value with reason
   * @throws IllegalArgumentException if the metric was not computed
   */
  public MetricValue get(Metric metric) {
    MetricValue v = values.get(metric);
    if (v == null) {
      throw new IllegalArgumentException(metric.key() + " was not computed; have " + metrics());
    }
    return v;
  }

  /**
   * Returns the plain value of a metric (NaN when undefined under the default policy).
   *
   * @param metric the metric
   * @return the value
   */
  public double value(Metric metric) {
    return get(metric).value();
  }

  /**
   * Returns whether a metric was computed.
   *
   * @param metric the metric
   * @return true if present
   */
  public boolean has(Metric metric) {
    return values.containsKey(metric);
  }

  /**
   * Returns the computed metrics in enum order.
   *
   * @return an unmodifiable set
   */
  public Set<Metric> metrics() {
    return values.keySet();
  }

  /**
   * Returns the values as a map in enum order.
   *
   * @return an unmodifiable map
   */
  public Map<Metric, MetricValue> asMap() {
    return values;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MetricValues other && values.equals(other.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
