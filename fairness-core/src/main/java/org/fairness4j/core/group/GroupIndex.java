package org.fairness4j.core.group;

import java.util.ArrayList;
import java.util.List;
import org.fairness4j.core.table.PredictionTable;
import org.fairness4j.core.table.SensitiveAttribute;

/**
 * The assignment of each row of a table to a group of a {@link FeatureSet}: the cartesian product
 * of the attributes' levels, numbered in mixed radix with the first attribute most significant (so
 * groups sort like Fairlearn's: by the first attribute, then the second, ...). Rows whose level is
 * missing under {@link org.fairness4j.core.table.MissingValuePolicy#DROP} belong to no group.
 */
public final class GroupIndex {
  private final FeatureSet features;
  private final List<GroupKey> keys;
  private final int[] groupOfRow;
  private final int droppedRows;

  private GroupIndex(FeatureSet features, List<GroupKey> keys, int[] groupOfRow, int dropped) {
    this.features = features;
    this.keys = keys;
    this.groupOfRow = groupOfRow;
    this.droppedRows = dropped;
  }

  /**
   * Groups the rows of a table.
   *
   * @param table the table
   * @param features the attributes to intersect
   * @return the index
   * @throws IllegalArgumentException if an attribute is not in the table, or the product of level
   *     counts exceeds {@link Integer#MAX_VALUE}
   */
  public static GroupIndex of(PredictionTable table, FeatureSet features) {
    List<SensitiveAttribute> attrs = new ArrayList<>();
    for (String name : features.attributes()) {
      attrs.add(table.requireAttribute(name));
    }
    int m = attrs.size();
    int[] radix = new int[m];
    long total = 1;
    for (int a = m - 1; a >= 0; a--) {
      radix[a] = (int) total;
      total *= attrs.get(a).levels().size();
      if (total > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("too many groups in " + features);
      }
    }
    List<GroupKey> keys = new ArrayList<>((int) total);
    for (int g = 0; g < total; g++) {
      List<String> levels = new ArrayList<>(m);
      for (int a = 0; a < m; a++) {
        int code = (g / radix[a]) % attrs.get(a).levels().size();
        levels.add(attrs.get(a).levels().get(code));
      }
      keys.add(new GroupKey(levels));
    }
    int n = table.rowCount();
    int[] group = new int[n];
    int dropped = 0;
    if (m == 1) {
      SensitiveAttribute a0 = attrs.get(0);
      for (int i = 0; i < n; i++) {
        int c = a0.code(i);
        group[i] = c;
        if (c < 0) {
          dropped++;
        }
      }
    } else {
      for (int i = 0; i < n; i++) {
        int g = 0;
        for (int a = 0; a < m; a++) {
          int c = attrs.get(a).code(i);
          if (c < 0) {
            g = -1;
            break;
          }
          g += c * radix[a];
        }
        group[i] = g;
        if (g < 0) {
          dropped++;
        }
      }
    }
    return new GroupIndex(features, List.copyOf(keys), group, dropped);
  }

  /**
   * Returns the feature set.
   *
   * @return the feature set
   */
  public FeatureSet features() {
    return features;
  }

  /**
   * Returns every group of the cartesian product, including empty ones, in group-number order.
   *
   * @return an immutable list
   */
  public List<GroupKey> keys() {
    return keys;
  }

  /**
   * Returns the number of groups in the cartesian product.
   *
   * @return the number of groups
   */
  public int groupCount() {
    return keys.size();
  }

  /**
   * Returns the group number of a row.
   *
   * @param row the row
   * @return the group number, or -1 if the row was dropped
   */
  public int groupOf(int row) {
    return groupOfRow[row];
  }

  /**
   * Returns the number of rows.
   *
   * @return the number of rows
   */
  public int rowCount() {
    return groupOfRow.length;
  }

  /**
   * Returns the number of rows in no group (missing values under the DROP policy).
   *
   * @return the count
   */
  public int droppedRows() {
    return droppedRows;
  }
}
