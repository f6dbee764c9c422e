package org.fairness4j.core.table.csv;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;

/**
 * Assigns rows coded by a {@link TableCoder} to the groups of some feature sets, with the levels an
 * {@link AggregatedTable} resolved; for a second pass over rows that cannot be held (ranking scores
 * on Apache Spark executors, or in a stream). Immutable and serializable.
 *
 * @serial exclude
 */
public final class RowGrouper implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<HashMap<String, Integer>> codes;
  private final List<int[]> attributes;
  private final List<int[]> radices;
  private final HashMap<Integer, Integer> classOfLabel;

  RowGrouper(
      List<HashMap<String, Integer>> codes,
      List<int[]> attributes,
      List<int[]> radices,
      HashMap<Integer, Integer> classOfLabel) {
    this.codes = List.copyOf(codes);
    this.attributes = List.copyOf(attributes);
    this.radices = List.copyOf(radices);
    this.classOfLabel = classOfLabel;
  }

  /**
   * Returns the number of feature sets.
   *
   * @return the count
   */
  public int featureSetCount() {
    return attributes.size();
  }

  /**
   * Returns the number of groups of a feature set.
   *
   * @param featureSet its position
   * @return the number of groups
   */
  public int groupCount(int featureSet) {
    int[] r = radices.get(featureSet);
    return r[r.length - 1];
  }

  /**
   * Returns the level codes of a row's attribute tokens ({@link TableCoder#attributeToken}).
   *
   * @param tokens one token per attribute of the spec
   * @return one level code per attribute, -1 for a dropped missing value
   * @throws IllegalArgumentException if a token was not seen when the levels were resolved
   */
  public int[] levelCodes(String[] tokens) {
    int[] out = new int[tokens.length];
    for (int a = 0; a < tokens.length; a++) {
      Integer c = codes.get(a).get(tokens[a]);
      if (c == null) {
        throw new IllegalArgumentException(
            "value '" + tokens[a] + "' of attribute " + a + " was not in the first pass");
      }
      out[a] = c;
    }
    return out;
  }

  /**
   * Returns the group of a row in a feature set.
   *
   * @param featureSet the feature set's position
   * @param levelCodes the row's level codes ({@link #levelCodes})
   * @return the group number, or -1 if the row is in no group
   */
  public int group(int featureSet, int[] levelCodes) {
    return group(levelCodes, attributes.get(featureSet), radices.get(featureSet));
  }

  /** The group of level codes in the attributes idx with mixed radix radix; -1 if in none. */
  static int group(int[] levelCodes, int[] idx, int[] radix) {
    int g = 0;
    for (int a = 0; a < idx.length; a++) {
      int c = levelCodes[idx[a]];
      if (c < 0) {
        return -1;
      }
      g += c * radix[a];
    }
    return g;
  }

  /**
   * Returns the class index of a label code ({@link TableCoder#label}).
   *
   * @param label the label code
   * @return the class index
   */
  public int classOf(int label) {
    return classOfLabel == null ? label : classOfLabel.get(label);
  }
}
