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
