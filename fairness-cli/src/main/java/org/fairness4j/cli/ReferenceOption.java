package org.fairness4j.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupKey;

/**
 * The {@code --reference ATTR=GROUP} options of {@code metrics}: the reference group of a feature
 * set ({@code sex=F}, or {@code sex+age=F|[40,60)} for an intersection), against which every other
 * group's signed difference and ratio are reported with intervals.
 */
final class ReferenceOption {
  private ReferenceOption() {}

  /**
   * Parses the options against the feature sets.
   *
   * @param options the option values
   * @param sets the feature sets of the run
   * @return feature set → reference group
   * @throws IllegalArgumentException naming the option when it is malformed, names no feature set
   *     of the run, or repeats one
   */
  static Map<FeatureSet, GroupKey> parse(List<String> options, List<FeatureSet> sets) {
    Map<FeatureSet, GroupKey> out = new LinkedHashMap<>();
    for (String o : options) {
      int eq = o.indexOf('=');
      if (eq <= 0 || eq == o.length() - 1) {
        throw new IllegalArgumentException(
            "--reference " + o + ": use ATTR=GROUP, e.g. --reference sex=F");
      }
      String name = o.substring(0, eq).trim();
      FeatureSet fs =
          sets.stream()
              .filter(s -> s.name().equals(name))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "--reference "
                              + o
                              + ": '"
                              + name
                              + "' is not a feature set of this run "
                              + sets.stream().map(FeatureSet::name).toList()));
      if (out.put(fs, GroupKey.parse(o.substring(eq + 1))) != null) {
        throw new IllegalArgumentException("--reference " + o + ": " + name + " given twice");
      }
    }
    return out;
  }
}
