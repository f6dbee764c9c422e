package org.fairness4j.core.group;

import java.util.List;

/**
 * The name of one group: one level per attribute of its {@link FeatureSet}, in attribute order. It
 * prints as the levels joined by {@code |}, e.g. {@code F|[0,20)}.
 *
 * @param levels the level of each attribute
 */
public record GroupKey(List<String> levels) {
  /** Separator between levels in the printed key. */
  public static final String SEPARATOR = "|";

  /**
   * Creates a key.
   *
   * @param levels the level of each attribute, at least one
   */
  public GroupKey {
    levels = List.copyOf(levels);
    if (levels.isEmpty()) {
      throw new IllegalArgumentException("a group key needs at least one level");
    }
  }

  /**
   * Creates a key from levels.
   *
   * @param levels the level of each attribute
   * @return the key
   */
  public static GroupKey of(String... levels) {
    return new GroupKey(List.of(levels));
  }

  /**
   * Parses a printed key ({@code F|[0,20)}).
   *
   * @param printed levels joined by {@code |}
   * @return the key
   */
  public static GroupKey parse(String printed) {
    return new GroupKey(List.of(printed.split("\\|", -1)));
  }

  @Override
  public String toString() {
    return String.join(SEPARATOR, levels);
  }
}
