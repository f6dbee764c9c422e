package org.fairness4j.core.report.format;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairness4j.core.Disparity;
import org.fairness4j.core.DisparityMethod;
import org.fairness4j.core.GroupExtreme;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.ReportStatisticId;
import org.fairness4j.core.bootstrap.BootstrapResult;
import org.fairness4j.core.group.AttributeSummary;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.metrics.Metric;
import org.fairness4j.core.metrics.MetricValue;
import org.fairness4j.core.metrics.MetricValues;
import org.fairness4j.core.stats.Interval;

/** Writes reports as JSON in the shape documented in docs/report-format.md. */
final class GroupReportJson {
  private static final List<DisparityMethod> METHODS =
      List.of(DisparityMethod.BETWEEN_GROUPS, DisparityMethod.TO_OVERALL);

  private GroupReportJson() {}

  static void write(List<GroupReport> reports, List<BootstrapResult> intervals, Writer out)
      throws IOException {
    JsonWriter w = new JsonWriter(out);
    w.beginArray();
    for (int i = 0; i < reports.size(); i++) {
      report(w, reports.get(i), true, intervals == null ? null : intervals.get(i));
    }
    w.endArray();
    out.write('\n');
  }

  private static void report(JsonWriter w, GroupReport r, boolean top, BootstrapResult boot)
      throws IOException {
    w.beginObject();
    w.name("features").value(r.features().name());
    w.name("label_space").value(r.isBinary() ? "binary" : "multiclass");
    if (r.isBinary()) {
      w.name("positive_label").value(r.positiveLabel().orElseThrow());
    }
    w.name("classes").beginArray();
    for (String c : r.classes().asList()) {
      w.value(c);
    }
    w.endArray();
    w.name("undefined_policy").value(r.undefinedPolicy().name().toLowerCase(java.util.Locale.ROOT));
    w.name("n").value(r.n());
    w.name("dropped_rows").value(r.droppedRows());
    if (r.reference().isPresent()) {
      toReference(w, r);
    }
    if (top) {
      attributes(w, r.attributes());
    }
    w.name("overall");
    values(w, r.overall());
    w.name("by_group").beginObject();
    for (Map.Entry<GroupKey, MetricValues> e : r.byGroup().entrySet()) {
      w.name(e.getKey().toString());
      values(w, e.getValue());
    }
    w.endObject();
    w.name("empty_groups").beginArray();
    for (GroupKey g : r.emptyGroups()) {
      w.value(g.toString());
    }
    w.endArray();
    undefined(w, r);
    extremes(w, r, true);
    extremes(w, r, false);
    disparities(w, r, true);
    disparities(w, r, false);
    skipped(w, r);
    if (!r.fairness().isEmpty()) {
      fairness(w, r);
    }
    if (boot != null) {
      intervals(w, boot);
    }
    if (top) {
      confusion(w, r);
    }
    if (!r.perClass().isEmpty()) {
      w.name("per_class").beginObject();
      for (Map.Entry<String, GroupReport> e : r.perClass().entrySet()) {
        w.name(e.getKey());
        report(w, e.getValue(), false, null);
      }
      w.endObject();
    }
    w.endObject();
  }

  private static void attributes(JsonWriter w, List<AttributeSummary> attrs) throws IOException {
    w.name("attributes").beginArray();
    for (AttributeSummary a : attrs) {
      w.beginObject();
      w.name("name").value(a.name());
      w.name("kind").value(a.binEdges().isEmpty() ? "categorical" : "binned");
      if (!a.binEdges().isEmpty()) {
        w.name("edges").beginArray();
        for (double e : a.binEdges()) {
          w.value(e);
        }
        w.endArray();
        w.name("closure").value(a.closure().orElseThrow());
      }
      w.name("levels").beginArray();
      for (String l : a.levels()) {
        w.value(l);
      }
      w.endArray();
      w.name("missing_policy").value(a.missingPolicy().name().toLowerCase(java.util.Locale.ROOT));
      w.name("missing_rows").value(a.missingRows());
      w.name("unparseable_rows").value(a.unparseableRows());
      w.name("out_of_range_rows").value(a.outOfRangeRows());
      w.endObject();
    }
    w.endArray();
  }

  private static void values(JsonWriter w, MetricValues v) throws IOException {
    w.beginObject();
    for (Map.Entry<Metric, MetricValue> e : v.asMap().entrySet()) {
      w.name(e.getKey().key()).value(e.getValue().value());
    }
    w.endObject();
  }

  private static void undefined(JsonWriter w, GroupReport r) throws IOException {
    w.name("undefined").beginObject();
    reasons(w, "<overall>", r.overall());
    for (Map.Entry<GroupKey, MetricValues> e : r.byGroup().entrySet()) {
      reasons(w, e.getKey().toString(), e.getValue());
    }
    w.endObject();
  }

  private static void reasons(JsonWriter w, String name, MetricValues v) throws IOException {
    boolean any = v.asMap().values().stream().anyMatch(x -> !x.isDefined());
    if (!any) {
      return;
    }
    w.name(name).beginObject();
    for (Map.Entry<Metric, MetricValue> e : v.asMap().entrySet()) {
      if (!e.getValue().isDefined()) {
        w.name(e.getKey().key()).value(e.getValue().reason().name());
      }
    }
    w.endObject();
  }

  private static void extremes(JsonWriter w, GroupReport r, boolean min) throws IOException {
    String key = (min ? ReportStatisticId.Kind.GROUP_MIN : ReportStatisticId.Kind.GROUP_MAX).key();
    w.name(key).beginObject();
    for (Metric m : r.metrics()) {
      GroupExtreme e = min ? r.groupMin(m) : r.groupMax(m);
      w.name(m.key()).value(e.value());
    }
    w.endObject();
    w.name(key + "_group").beginObject();
    for (Metric m : r.metrics()) {
      GroupExtreme e = min ? r.groupMin(m) : r.groupMax(m);
      w.name(m.key()).value(e.group() == null ? null : e.group().toString());
    }
    w.endObject();
  }

  private static void disparities(JsonWriter w, GroupReport r, boolean difference)
      throws IOException {
    String key = difference ? "difference" : "ratio";
    w.name(key).beginObject();
    for (DisparityMethod method : METHODS) {
      w.name(method.key()).beginObject();
      for (Metric m : r.metrics()) {
        Disparity d = difference ? r.difference(m, method) : r.ratio(m, method);
        w.name(m.key()).value(d.value());
      }
      w.endObject();
    }
    w.endObject();
    w.name(key + "_groups").beginObject();
    for (DisparityMethod method : METHODS) {
      w.name(method.key()).beginObject();
      for (Metric m : r.metrics()) {
        Disparity d = difference ? r.difference(m, method) : r.ratio(m, method);
        groups(w.name(m.key()), d.groups());
      }
      w.endObject();
    }
    w.endObject();
  }

  private static void skipped(JsonWriter w, GroupReport r) throws IOException {
    w.name("skipped_groups").beginObject();
    for (Metric m : r.metrics()) {
      List<GroupKey> s = r.groupMin(m).skipped();
      if (!s.isEmpty()) {
        groups(w.name(m.key()), s);
      }
    }
    w.endObject();
  }

  private static void fairness(JsonWriter w, GroupReport r) throws IOException {
    Map<String, Map<String, Double>> byName = new java.util.LinkedHashMap<>();
    for (Map.Entry<ReportStatisticId, Disparity> e : r.fairness().byId().entrySet()) {
      ReportStatisticId id = e.getKey();
      byName
          .computeIfAbsent(id.fairnessName(), k -> new java.util.LinkedHashMap<>())
          .put(id.localKey().substring(id.fairnessName().length() + 1), e.getValue().value());
    }
    w.name("fairness").beginObject();
    for (Map.Entry<String, Map<String, Double>> e : byName.entrySet()) {
      w.name(e.getKey()).beginObject();
      for (Map.Entry<String, Double> v : e.getValue().entrySet()) {
        w.name(v.getKey()).value(v.getValue());
      }
      w.endObject();
    }
    w.endObject();
    w.name("fairness_groups").beginObject();
    for (Map.Entry<ReportStatisticId, Disparity> e : r.fairness().byId().entrySet()) {
      Disparity d = e.getValue();
      w.name(e.getKey().localKey()).beginObject();
      groups(w.name("groups"), d.groups());
      groups(w.name("skipped"), d.skipped());
      if (!d.isDefined()) {
        w.name("undefined").value(d.reason().name());
      }
      w.endObject();
    }
    w.endObject();
  }

  /** The reference group and every group's signed difference and ratio to it. */
  private static void toReference(JsonWriter w, GroupReport r) throws IOException {
    w.name("reference").value(r.reference().orElseThrow().toString());
    // rows come metric by metric; the JSON nests metrics under their group, so gather them first
    Map<GroupKey, List<SignedDifferences.Row>> byGroup = new LinkedHashMap<>();
    for (SignedDifferences.Row row : SignedDifferences.rows(r)) {
      byGroup.computeIfAbsent(row.group(), g -> new ArrayList<>()).add(row);
    }
    for (String kind : new String[] {"difference", "ratio"}) {
      w.name(kind + "_to_reference").beginObject();
      for (Map.Entry<GroupKey, List<SignedDifferences.Row>> e : byGroup.entrySet()) {
        w.name(e.getKey().toString()).beginObject();
        for (SignedDifferences.Row row : e.getValue()) {
          w.name(row.metric().key()).value(kind.equals("ratio") ? row.ratio() : row.difference());
        }
        w.endObject();
      }
      w.endObject();
    }
  }

  private static void intervals(JsonWriter w, BootstrapResult boot) throws IOException {
    w.name("intervals").beginObject();
    w.name("resamples").value(boot.resamples());
    w.name("seed").value(boot.seed());
    w.name("notes").beginArray();
    for (String n : boot.notes()) {
      w.value(n);
    }
    w.endArray();
    w.name("values").beginObject();
    for (Map.Entry<ReportStatisticId, Interval> e : boot.intervals().entrySet()) {
      Interval i = e.getValue();
      w.name(e.getKey().key()).beginObject();
      w.name("lower").value(i.lower());
      w.name("upper").value(i.upper());
      w.name("confidence").value(i.confidence());
      w.name("method").value(i.method());
      w.name("undefined_share").value(boot.undefinedShare(e.getKey()));
      w.name("reliable").value(boot.warning(e.getKey()).isEmpty());
      if (boot.warning(e.getKey()).isPresent()) {
        w.name("warning").value(boot.warning(e.getKey()).orElseThrow());
      }
      if (boot.note(e.getKey()).isPresent()) {
        w.name("note").value(boot.note(e.getKey()).orElseThrow());
      }
      w.endObject();
    }
    w.endObject();
    w.name("without_interval").beginObject();
    for (Map.Entry<ReportStatisticId, Double> e : boot.undefinedShare().entrySet()) {
      if (!boot.intervals().containsKey(e.getKey())) {
        w.name(e.getKey().key()).beginObject();
        w.name("undefined_share").value(e.getValue());
        w.endObject();
      }
    }
    w.endObject();
    w.endObject();
  }

  private static void confusion(JsonWriter w, GroupReport r) throws IOException {
    w.name("confusion_matrices").beginObject();
    matrix(w.name("<overall>"), r.overallConfusionMatrix());
    for (GroupKey g : r.byGroup().keySet()) {
      matrix(w.name(g.toString()), r.confusionMatrix(g));
    }
    w.endObject();
  }

  private static void matrix(JsonWriter w, double[][] m) throws IOException {
    w.beginArray();
    for (double[] row : m) {
      w.beginArray();
      for (double v : row) {
        w.value(v);
      }
      w.endArray();
    }
    w.endArray();
  }

  private static void groups(JsonWriter w, List<GroupKey> groups) throws IOException {
    w.beginArray();
    for (GroupKey g : groups) {
      w.value(g.toString());
    }
    w.endArray();
  }
}
