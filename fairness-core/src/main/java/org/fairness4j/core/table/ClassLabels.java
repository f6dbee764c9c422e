package org.fairness4j.core.table;

import java.util.HashMap;
import java.util.List;

/**
 * The ordered set of class labels of a prediction table. Labels are strings; integer labels are
 * stored as their decimal text and ordered numerically. The order fixes the class index used by
 * per-class scores and confusion matrices; it never decides which label is "positive".
 *
 * @serial exclude
 */
public final class ClassLabels implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final List<String> labels;
  private final HashMap<String, Integer> index;

  private ClassLabels(List<String> labels) {
    this.labels = List.copyOf(labels);
    this.index = new HashMap<>();
    for (int i = 0; i < this.labels.size(); i++) {
      if (this.labels.get(i).isBlank()) {
        throw new IllegalArgumentException(
            "class label " + (i + 1) + " of " + this.labels + " is empty");
      }
      if (index.put(this.labels.get(i), i) != null) {
        throw new IllegalArgumentException("duplicate class label '" + this.labels.get(i) + "'");
      }
    }
    if (this.labels.isEmpty()) {
      throw new IllegalArgumentException("at least one class label is required");
    }
  }

  /**
   * Class labels in the given order.
   *
   * @param labels distinct labels
   * @return the label set
   * @throws IllegalArgumentException if a label repeats or is blank, or the list is empty
   */
  public static ClassLabels of(List<String> labels) {
    return new ClassLabels(labels);
  }

  /**
   * Class labels in the given order.
   *
   * @param labels distinct labels
   * @return the label set
   */
  public static ClassLabels of(String... labels) {
    return new ClassLabels(List.of(labels));
  }

  /**
   * Integer class labels in ascending numeric order.
   *
   * @param values the distinct integer labels, in any order
   * @return the label set, ordered numerically
   */
  public static ClassLabels ofInts(int... values) {
    java.util.BitSet nonNegative = new java.util.BitSet();
    java.util.TreeSet<Integer> others = new java.util.TreeSet<>();
    for (int v : values) {
      if (v >= 0 && v < 1 << 20) {
        nonNegative.set(v);
      } else {
        others.add(v);
      }
    }
    java.util.List<String> labels = new java.util.ArrayList<>();
    for (int v : others.headSet(0)) {
      labels.add(Integer.toString(v));
    }
    nonNegative.stream().forEach(v -> labels.add(Integer.toString(v)));
    for (int v : others.tailSet(0)) {
      labels.add(Integer.toString(v));
    }
    return new ClassLabels(labels);
  }

  /**
   * Returns the number of classes.
   *
   * @return the number of classes
   */
  public int size() {
    return labels.size();
  }

  /**
   * Returns the label of a class index.
   *
   * @param classIndex index in {@code [0, size())}
   * @return the label
   */
  public String label(int classIndex) {
    return labels.get(classIndex);
  }

  /**
   * Returns the class index of a label, or -1 if it is not a class of this set.
   *
   * @param label a label
   * @return its index, or -1
   */
  public int indexOf(String label) {
    Integer i = index.get(label);
    return i == null ? -1 : i;
  }

  /**
   * Returns the class index of a label.
   *
   * @param label a label
   * @return its index
   * @throws IllegalArgumentException naming the known labels if {@code label} is not one of them
   */
  public int require(String label) {
    int i = indexOf(label);
    if (i < 0) {
      throw new IllegalArgumentException(
          "'" + label + "' is not a class label; the classes are " + labels);
    }
    return i;
  }

  /**
   * Returns the labels in class-index order.
   *
   * @return an immutable list
   */
  public List<String> asList() {
    return labels;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClassLabels other && labels.equals(other.labels);
  }

  @Override
  public int hashCode() {
    return labels.hashCode();
  }

  @Override
  public String toString() {
    return labels.toString();
  }
}
