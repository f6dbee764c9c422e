package org.fairness4j.core.table;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One sensitive attribute column: a level code per row and the level names. Categorical attributes
 * have their distinct values as levels, sorted; binned numeric attributes have the bin names of
 * their {@link Binning}, in bin order. Rows whose value is missing, unparseable or out of range get
 * the level {@value #MISSING_LEVEL} (policy {@link MissingValuePolicy#OWN_GROUP}) or no level at
 * all (policy {@link MissingValuePolicy#DROP}, code -1); their numbers are kept.
 */
public final class SensitiveAttribute {
  /** The level name of rows whose value is missing, under {@link MissingValuePolicy#OWN_GROUP}. */
  public static final String MISSING_LEVEL = "<missing>";

  private final String name;
  private final List<String> levels;
  private final int[] codes;
  private final Binning binning;
  private final MissingValuePolicy policy;
  private final int missing;
  private final int unparseable;
  private final int outOfRange;

  private SensitiveAttribute(
      String name,
      List<String> levels,
      int[] codes,
      Binning binning,
      MissingValuePolicy policy,
      int missing,
      int unparseable,
      int outOfRange) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a sensitive attribute needs a name");
    }
    this.name = name;
    this.levels = List.copyOf(levels);
    this.codes = codes;
    this.binning = binning;
    this.policy = policy;
    this.missing = missing;
    this.unparseable = unparseable;
    this.outOfRange = outOfRange;
  }

  /**
   * The attribute of the given rows, in that order (a row may repeat): same levels and binning; the
   * counts of missing, unparseable and out-of-range values stay those of the whole column.
   */
  SensitiveAttribute select(int[] rows) {
    int[] c = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      c[i] = codes[rows[i]];
    }
    return new SensitiveAttribute(
        name, levels, c, binning, policy, missing, unparseable, outOfRange);
  }

  /**
   * Returns whether a raw value counts as missing: blank, or {@code NA}, {@code N/A}, {@code NaN},
   * {@code null}, {@code None} in any case.
   *
   * @param raw the raw text, may be null
   * @return true if missing
   */
  public static boolean isMissingToken(String raw) {
    if (raw == null) {
      return true;
    }
    String s = raw.strip();
    if (s.isEmpty()) {
      return true;
    }
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "na", "n/a", "nan", "null", "none" -> true;
      default -> false;
    };
  }

  /**
   * A categorical attribute; levels are the distinct non-missing values, stripped of leading and
   * trailing white space (so {@code " F"} and {@code "F"} are one level), sorted.
   *
   * @param name attribute name
   * @param values one value per row; missing values as defined by {@link #isMissingToken}
   * @param policy what to do with missing values
   * @return the attribute
   */
  public static SensitiveAttribute categorical(
      String name, String[] values, MissingValuePolicy policy) {
    Map<String, Integer> firstSeen = new HashMap<>();
    List<String> seen = new ArrayList<>();
    int[] raw = new int[values.length];
    int missing = 0;
    for (int i = 0; i < values.length; i++) {
      String v = values[i] == null ? null : values[i].strip();
      Integer code = v == null ? Integer.valueOf(-1) : firstSeen.get(v);
      if (code == null) {
        code = isMissingToken(v) ? -1 : seen.size();
        if (code >= 0) {
          seen.add(v);
        }
        firstSeen.put(v, code);
      }
      raw[i] = code;
      if (code < 0) {
        missing++;
      }
    }
    List<String> sorted = new ArrayList<>(seen);
    sorted.sort(null);
    Map<String, Integer> rank = new HashMap<>();
    for (int c = 0; c < sorted.size(); c++) {
      rank.put(sorted.get(c), c);
    }
    int[] remap = new int[seen.size()];
    for (int c = 0; c < seen.size(); c++) {
      remap[c] = rank.get(seen.get(c));
    }
    return finish(name, sorted, raw, remap, null, policy, missing, 0, 0);
  }

  /**
   * A numeric attribute binned with explicit edges.
   *
   * @param name attribute name
   * @param values one value per row; NaN is missing
   * @param binning the bins
   * @param policy what to do with missing or out-of-range values
   * @return the attribute
   */
  public static SensitiveAttribute binned(
      String name, double[] values, Binning binning, MissingValuePolicy policy) {
    int[] raw = new int[values.length];
    int missing = 0;
    int outOfRange = 0;
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      if (Double.isNaN(v)) {
        raw[i] = -1;
        missing++;
      } else {
        raw[i] = binning.binOf(v);
        if (raw[i] < 0) {
          outOfRange++;
        }
      }
    }
    return finish(name, binning.names(), raw, null, binning, policy, missing, 0, outOfRange);
  }

  /**
   * A numeric attribute binned with explicit edges, from text: missing tokens count as missing,
   * other non-numbers as unparseable.
   *
   * @param name attribute name
   * @param values one value per row
   * @param binning the bins
   * @param policy what to do with missing, unparseable or out-of-range values
   * @return the attribute
   */
  public static SensitiveAttribute binned(
      String name, String[] values, Binning binning, MissingValuePolicy policy) {
    int[] raw = new int[values.length];
    int missing = 0;
    int unparseable = 0;
    int outOfRange = 0;
    // Codes of distinct values seen so far: -2 missing, -3 unparseable, else the bin (or -1).
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < values.length; i++) {
      String v = values[i];
      Integer code = v == null ? Integer.valueOf(-2) : seen.get(v);
      if (code == null) {
        code = classify(v, binning);
        seen.put(v, code);
      }
      int c = code;
      if (c == -2) {
        missing++;
      } else if (c == -3) {
        unparseable++;
      } else if (c == -1) {
        outOfRange++;
      }
      raw[i] = c < 0 ? -1 : c;
    }
    return finish(
        name, binning.names(), raw, null, binning, policy, missing, unparseable, outOfRange);
  }

  private static int classify(String v, Binning binning) {
    if (isMissingToken(v)) {
      return -2;
    }
    try {
      return binning.binOf(Double.parseDouble(v.strip()));
    } catch (NumberFormatException e) {
      return -3;
    }
  }

  private static SensitiveAttribute finish(
      String name,
      List<String> levels,
      int[] raw,
      int[] remap,
      Binning binning,
      MissingValuePolicy policy,
      int missing,
      int unparseable,
      int outOfRange) {
    List<String> lv = new ArrayList<>(levels);
    int absent = -1;
    if (missing + unparseable + outOfRange > 0 && policy == MissingValuePolicy.OWN_GROUP) {
      absent = lv.size();
      lv.add(MISSING_LEVEL);
    }
    for (int i = 0; i < raw.length; i++) {
      int c = raw[i];
      raw[i] = c < 0 ? absent : (remap == null ? c : remap[c]);
    }
    return new SensitiveAttribute(name, lv, raw, binning, policy, missing, unparseable, outOfRange);
  }

  /**
   * Returns the attribute name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the level names in level-code order.
   *
   * @return an immutable list
   */
  public List<String> levels() {
    return levels;
  }

  /**
   * Returns the level code of a row.
   *
   * @param row the row
   * @return the code, or -1 if the row has no level (dropped missing value)
   */
  public int code(int row) {
    return codes[row];
  }

  /**
   * Returns the number of rows.
   *
   * @return the number of rows
   */
  public int size() {
    return codes.length;
  }

  /**
   * Returns the binning of a numeric attribute.
   *
   * @return the binning, or empty for a categorical attribute
   */
  public Optional<Binning> binning() {
    return Optional.ofNullable(binning);
  }

  /**
   * Returns the missing-value policy.
   *
   * @return the policy
   */
  public MissingValuePolicy policy() {
    return policy;
  }

  /**
   * Returns the number of rows whose value is missing, unparseable or out of range.
   *
   * @return the number of affected rows
   */
  public int missingRows() {
    return missing + unparseable + outOfRange;
  }

  /**
   * Returns the number of rows with a missing token (blank, NA, NaN, ...).
   *
   * @return the count
   */
  public int missingTokenRows() {
    return missing;
  }

  /**
   * Returns the number of rows of a binned attribute whose value is not a number.
   *
   * @return the count
   */
  public int unparseableRows() {
    return unparseable;
  }

  /**
   * Returns the number of rows of a binned attribute below the first bin edge.
   *
   * @return the count
   */
  public int outOfRangeRows() {
    return outOfRange;
  }

  @Override
  public String toString() {
    return name + levels;
  }
}
