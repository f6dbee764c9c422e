package org.fairness4j.core.policy;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.ReportNumbers;
import org.fairness4j.core.ReportStatisticId;
import org.fairness4j.core.group.GroupKey;

/**
 * The statistics of a baseline model's report, for rules with a {@link
 * PolicyBound.Kind#MAX_WORSENING} bound: read from a report JSON written by {@code fairness metrics
 * --format json} or {@code fairness check --write-report}, or taken from reports in memory. A
 * baseline value is only compared when the baseline was computed over the same groups as the rule
 * judged (otherwise the rule is undecidable, saying which groups differ). Immutable.
 */
public final class PolicyBaseline {
  /** One feature set of the baseline: report number to value, and its non-empty groups. */
  private record Section(Map<ReportStatisticId, Double> values, List<String> groups) {}

  private final String source;
  private final Map<String, Section> sections;

  private PolicyBaseline(String source, Map<String, Section> sections) {
    this.source = source;
    this.sections = Collections.unmodifiableMap(new LinkedHashMap<>(sections));
  }

  /**
   * Takes the baseline from reports in memory.
   *
   * @param reports one report per feature set
   * @return the baseline
   */
  public static PolicyBaseline of(List<GroupReport> reports) {
    Map<String, Section> s = new LinkedHashMap<>();
    for (GroupReport r : reports) {
      // Every number of the report (ReportNumbers: the flattener the bootstrap uses).
      s.put(
          r.features().name(),
          new Section(
              ReportNumbers.of(r), r.byGroup().keySet().stream().map(GroupKey::toString).toList()));
    }
    return new PolicyBaseline("baseline reports", s);
  }

  /**
   * Reads a report JSON (an array of reports, as {@code fairness metrics --format json} writes).
   *
   * @param file the file
   * @return the baseline
   * @throws IOException if it cannot be read
   * @throws PolicyFormatException if it is not a report JSON, naming the line
   */
  public static PolicyBaseline load(Path file) throws IOException {
    SourceNode root;
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      root = SourceNode.parse(in, file.toString(), true);
    }
    Map<String, Section> s = new LinkedHashMap<>();
    for (SourceNode report : root.requireList("a report JSON")) {
      report.requireMap("a report");
      SourceNode features = report.map.get("features");
      if (features == null) {
        throw report.error("a report without 'features'");
      }
      Map<ReportStatisticId, Double> values = new LinkedHashMap<>();
      flatten(report.map.get("overall"), "overall/", values);
      SourceNode byGroup = report.map.get("by_group");
      List<String> groups = new ArrayList<>();
      if (byGroup != null) {
        byGroup.requireMap("by_group");
        for (Map.Entry<String, SourceNode> g : byGroup.map.entrySet()) {
          groups.add(g.getKey());
          flatten(g.getValue(), "by_group/" + g.getKey() + "/", values);
        }
      }
      for (String kind : List.of("difference", "ratio")) {
        SourceNode d = report.map.get(kind);
        if (d != null) {
          for (Map.Entry<String, SourceNode> method : d.requireMap(kind).map.entrySet()) {
            flatten(method.getValue(), kind + "/" + method.getKey() + "/", values);
          }
        }
      }
      SourceNode fairness = report.map.get("fairness");
      if (fairness != null) {
        for (Map.Entry<String, SourceNode> f : fairness.requireMap("fairness").map.entrySet()) {
          flatten(f.getValue(), "fairness/" + f.getKey() + "/", values);
        }
      }
      s.put(features.string("features"), new Section(values, groups));
    }
    return new PolicyBaseline(file.toString(), s);
  }

  /**
   * Reads the scalars of a JSON object as report numbers: each entry's path ({@code prefix} and its
   * name) is a report number's key, read by {@link ReportStatisticId#parse}; an entry that is not a
   * report number is an error naming its line.
   */
  private static void flatten(SourceNode node, String prefix, Map<ReportStatisticId, Double> out)
      throws PolicyFormatException {
    if (node == null) {
      return;
    }
    for (Map.Entry<String, SourceNode> e : node.requireMap(prefix).map.entrySet()) {
      SourceNode v = e.getValue();
      if (v.kind != SourceNode.Kind.SCALAR) {
        continue;
      }
      double d;
      if (v.numeric) {
        d = v.number(prefix + e.getKey());
      } else if (v.isNull || "NaN".equals(v.text)) {
        d = Double.NaN;
      } else {
        continue;
      }
      ReportStatisticId id;
      try {
        id = ReportStatisticId.parse(prefix + e.getKey());
      } catch (IllegalArgumentException x) {
        throw v.error("not a number of a report: " + x.getMessage());
      }
      out.put(id, d);
    }
  }

  /** The baseline value of a statistic, or why there is none. */
  record Value(double value, String reason) {}

  Value value(String features, PolicyStatistic s, List<GroupKey> judged) {
    Section sec = sections.get(features);
    if (sec == null) {
      return new Value(
          Double.NaN,
          "the baseline "
              + source
              + " has no report for feature set "
              + features
              + " (it has "
              + sections.keySet()
              + ")");
    }
    List<String> current = judged.stream().map(GroupKey::toString).toList();
    if (!new java.util.HashSet<>(sec.groups()).equals(new java.util.HashSet<>(current))) {
      return new Value(
          Double.NaN,
          "the baseline "
              + source
              + " covers groups "
              + sec.groups()
              + " but this check judged "
              + current
              + " (write the baseline with the same min-group-size: fairness check"
              + " --write-report)");
    }
    if (s.kind() == PolicyStatistic.Kind.BELOW_OVERALL) {
      Double overall = sec.values().get(ReportStatisticId.overall(s.metric()));
      if (overall == null || overall.isNaN()) {
        return new Value(
            Double.NaN, "the baseline's overall " + s.metric().key() + " is undefined");
      }
      double worst = Double.NaN;
      for (String g : sec.groups()) {
        Double v = sec.values().get(ReportStatisticId.byGroup(GroupKey.parse(g), s.metric()));
        if (v != null && !v.isNaN() && !(overall - v <= worst)) {
          worst = overall - v;
        }
      }
      return Double.isNaN(worst)
          ? new Value(Double.NaN, "no baseline group has a defined " + s.metric().key())
          : new Value(worst, null);
    }
    Double v = sec.values().get(s.reportId().orElseThrow());
    if (v == null) {
      return new Value(Double.NaN, "the baseline " + source + " has no " + s.key());
    }
    if (v.isNaN()) {
      return new Value(Double.NaN, "the baseline's " + s.key() + " is undefined");
    }
    return new Value(v, null);
  }
}
