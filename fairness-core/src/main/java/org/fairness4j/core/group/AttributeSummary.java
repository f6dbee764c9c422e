package org.fairness4j.core.group;

import java.util.List;
import java.util.Optional;
import org.fairness4j.core.table.Binning;
import org.fairness4j.core.table.MissingValuePolicy;
import org.fairness4j.core.table.SensitiveAttribute;

/**
 * How one sensitive attribute of a report was formed, for provenance: its levels, its binning (with
 * closure) and how many rows had a missing, unparseable or out-of-range value.
 *
 * @param name attribute name
 * @param levels level names, in group order
 * @param binEdges edges of a binned attribute, empty for a categorical one
 * @param missingPolicy what happened to rows with missing values
 * @param missingRows rows with a missing token
 * @param unparseableRows rows whose value is not a number (binned attributes)
 * @param outOfRangeRows rows below the first bin edge
 */
public record AttributeSummary(
    String name,
    List<String> levels,
    List<Double> binEdges,
    MissingValuePolicy missingPolicy,
    int missingRows,
    int unparseableRows,
    int outOfRangeRows) {
  /**
   * Creates a summary.
   *
   * @param name attribute name
   * @param levels level names
   * @param binEdges bin edges, empty for categorical
   * @param missingPolicy policy
   * @param missingRows missing rows
   * @param unparseableRows unparseable rows
   * @param outOfRangeRows out-of-range rows
   */
  public AttributeSummary {
    levels = List.copyOf(levels);
    binEdges = List.copyOf(binEdges);
  }

  /**
   * Summarises an attribute.
   *
   * @param a the attribute
   * @return its summary
   */
  public static AttributeSummary of(SensitiveAttribute a) {
    List<Double> edges =
        a.binning()
            .map(b -> java.util.Arrays.stream(b.edgeValues()).boxed().toList())
            .orElse(List.of());
    return new AttributeSummary(
        a.name(),
        a.levels(),
        edges,
        a.policy(),
        a.missingTokenRows(),
        a.unparseableRows(),
        a.outOfRangeRows());
  }

  /**
   * Returns the bin closure of a binned attribute.
   *
   * @return {@value Binning#CLOSURE}, or empty for a categorical attribute
   */
  public Optional<String> closure() {
    return binEdges.isEmpty() ? Optional.empty() : Optional.of(Binning.CLOSURE);
  }

  /**
   * Returns the number of rows with a missing, unparseable or out-of-range value.
   *
   * @return the total
   */
  public int affectedRows() {
    return missingRows + unparseableRows + outOfRangeRows;
  }
}
