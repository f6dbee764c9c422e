package org.fairness4j.core.table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Left-closed bins over a numeric attribute, given by strictly increasing edges {@code e0 < e1 <
 * ... < ek}: bin {@code i < k} is {@code [e_i, e_{i+1})} and the last bin {@code [e_k, inf)} is
 * open. Values below {@code e0} (and NaN) fall in no bin and are handled by the attribute's {@link
 * MissingValuePolicy}. Bin names carry the closure, e.g. {@code [0,20)} and {@code [80,inf)}.
 *
 * @serial exclude
 */
public final class Binning implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  /** The closure of every bin of a {@code Binning}, as recorded in reports. */
  public static final String CLOSURE = "left-closed";

  private final double[] edges;
  private final List<String> names;

  private Binning(double[] edges) {
    if (edges.length == 0) {
      throw new IllegalArgumentException("a binning needs at least one edge");
    }
    for (int i = 0; i < edges.length; i++) {
      if (!Double.isFinite(edges[i])) {
        throw new IllegalArgumentException("bin edge " + edges[i] + " is not finite");
      }
      if (i > 0 && !(edges[i] > edges[i - 1])) {
        throw new IllegalArgumentException(
            "bin edges must increase strictly: " + Arrays.toString(edges));
      }
    }
    this.edges = edges.clone();
    List<String> n = new ArrayList<>(edges.length);
    for (int i = 0; i < edges.length; i++) {
      String hi = i + 1 < edges.length ? format(edges[i + 1]) : "inf";
      n.add("[" + format(edges[i]) + "," + hi + ")");
    }
    this.names = List.copyOf(n);
  }

  /**
   * Bins with the given edges.
   *
   * @param edges strictly increasing, finite
   * @return the binning
   * @throws IllegalArgumentException if the edges are empty, not finite or not increasing
   */
  public static Binning edges(double... edges) {
    return new Binning(edges);
  }

  /**
   * Parses a comma-separated list of edges, e.g. {@code 0,20,40,60,80}.
   *
   * @param spec the edges
   * @return the binning
   * @throws IllegalArgumentException if a part is not a number
   */
  public static Binning parse(String spec) {
    String[] parts = spec.split(",", -1);
    double[] e = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        e[i] = Double.parseDouble(parts[i].trim());
      } catch (NumberFormatException ex) {
        throw new IllegalArgumentException("bin edge '" + parts[i] + "' is not a number", ex);
      }
    }
    return new Binning(e);
  }

  /**
   * Returns the bin of a value.
   *
   * @param value a value
   * @return the bin index, or -1 if the value is below the first edge or NaN
   */
  public int binOf(double value) {
    if (!(value >= edges[0])) {
      return -1;
    }
    int i = Arrays.binarySearch(edges, value);
    return i >= 0 ? i : -i - 2;
  }

  /**
   * Returns the bin names in order.
   *
   * @return immutable list, one name per bin
   */
  public List<String> names() {
    return names;
  }

  /**
   * Returns the edges.
   *
   * @return a copy of the edges
   */
  public double[] edgeValues() {
    return edges.clone();
  }

  static String format(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  @Override
  public String toString() {
    return String.join(" ", names) + " (" + CLOSURE + ")";
  }
}
