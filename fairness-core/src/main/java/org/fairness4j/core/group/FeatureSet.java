package org.fairness4j.core.group;

import java.util.List;

/**
 * The sensitive attributes whose intersection defines the groups of a report, e.g. {@code [sex]} or
 * {@code [sex, age]}. Its name joins the attributes with {@code +} ({@code sex+age}).
 *
 * @param attributes attribute names, at least one, distinct
 */
public record FeatureSet(List<String> attributes) {
  /**
   * Creates a feature set.
   *
   * @param attributes attribute names, at least one, distinct
   */
  public FeatureSet {
    attributes = List.copyOf(attributes);
    if (attributes.isEmpty()) {
      throw new IllegalArgumentException("a feature set needs at least one attribute");
    }
    if (attributes.stream().distinct().count() != attributes.size()) {
      throw new IllegalArgumentException("repeated attribute in feature set " + attributes);
    }
  }

  /**
   * Creates a feature set.
   *
   * @param attributes attribute names
   * @return the feature set
   */
  public static FeatureSet of(String... attributes) {
    return new FeatureSet(List.of(attributes));
  }

  /**
   * The default feature sets of the adapters: each attribute alone, then, when there are several,
   * all of them intersected.
   *
   * @param attributes attribute names, at least one, distinct
   * @return the feature sets, in that order
   * @throws IllegalArgumentException if there is no attribute or one is repeated
   */
  public static List<FeatureSet> eachAndAll(List<String> attributes) {
    FeatureSet all = new FeatureSet(attributes);
    List<FeatureSet> sets = new java.util.ArrayList<>();
    all.attributes().forEach(a -> sets.add(of(a)));
    if (all.attributes().size() > 1) {
      sets.add(all);
    }
    return List.copyOf(sets);
  }

  /**
   * Returns the name: attributes joined by {@code +}.
   *
   * @return the name
   */
  public String name() {
    return String.join("+", attributes);
  }

  @Override
  public String toString() {
    return name();
  }
}
