package org.fairness4j.core.table.csv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fairness4j.core.group.AttributeSummary;
import org.fairness4j.core.table.MissingValuePolicy;
import org.fairness4j.core.table.SensitiveAttribute;

/**
 * The levels of one attribute of an {@link AggregatedTable}, resolved from the rows of each of its
 * {@link TableCoder#attributeToken tokens}: present values sorted (categorical) or the bins in
 * order, and under {@link MissingValuePolicy#OWN_GROUP} a missing level last.
 *
 * @param levels the levels, in order
 * @param codes each token's level code, -1 for a dropped missing value
 * @param summary how the attribute was formed
 */
record AttributeCoding(
    List<String> levels, HashMap<String, Integer> codes, AttributeSummary summary) {

  static AttributeCoding of(
      CsvTableSpec.AttributeSpec as, MissingValuePolicy policy, Map<String, Long> rowsOfToken) {
    long missing = 0;
    long unparseable = 0;
    long outOfRange = 0;
    List<String> lv = new ArrayList<>();
    HashMap<String, Integer> code = new HashMap<>();
    if (as.binning() == null) {
      missing = rowsOfToken.getOrDefault(null, 0L);
      List<String> present = new ArrayList<>();
      rowsOfToken.keySet().stream().filter(t -> t != null).forEach(present::add);
      present.sort(null);
      lv.addAll(present);
      for (int i = 0; i < present.size(); i++) {
        code.put(present.get(i), i);
      }
    } else {
      lv.addAll(as.binning().names());
      for (Map.Entry<String, Long> e : rowsOfToken.entrySet()) {
        int t = Integer.parseInt(e.getKey());
        if (t == TableCoder.MISSING) {
          missing += e.getValue();
        } else if (t == TableCoder.UNPARSEABLE) {
          unparseable += e.getValue();
        } else if (t == TableCoder.OUT_OF_RANGE) {
          outOfRange += e.getValue();
        } else {
          code.put(e.getKey(), t);
        }
      }
    }
    if (as.binning() != null && unparseable > 0 && code.isEmpty() && outOfRange == 0) {
      // As the in-memory reader (RawColumns): binning a text column would put every row in the
      // missing group; a few non-numbers among numbers are only counted as unparseable.
      throw new IllegalArgumentException(
          "column '"
              + as.name()
              + "': "
              + RawColumns.textColumnRefusal(unparseable + " text values"));
    }
    int absent = -1;
    if (missing + unparseable + outOfRange > 0 && policy == MissingValuePolicy.OWN_GROUP) {
      absent = lv.size();
      lv.add(SensitiveAttribute.MISSING_LEVEL);
    }
    for (String t : rowsOfToken.keySet()) {
      code.putIfAbsent(t, absent);
    }
    List<Double> edges =
        as.binning() == null
            ? List.of()
            : Arrays.stream(as.binning().edgeValues()).boxed().toList();
    AttributeSummary summary =
        new AttributeSummary(
            as.name(),
            lv,
            edges,
            policy,
            Math.toIntExact(missing),
            Math.toIntExact(unparseable),
            Math.toIntExact(outOfRange));
    return new AttributeCoding(List.copyOf(lv), code, summary);
  }
}
