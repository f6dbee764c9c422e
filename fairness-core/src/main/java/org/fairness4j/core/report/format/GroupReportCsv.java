package org.fairness4j.core.report.format;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import org.fairness4j.core.Disparity;
import org.fairness4j.core.DisparityMethod;
import org.fairness4j.core.GroupExtreme;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.ReportStatisticId;
import org.fairness4j.core.bootstrap.BootstrapResult;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.metrics.Metric;
import org.fairness4j.core.metrics.MetricValue;
import org.fairness4j.core.metrics.MetricValues;
import org.fairness4j.core.stats.Interval;

/**
 * Writes reports as long-format CSV: {@code features,class,scope,method,group,metric,value,
 * undefined_reason}, one row per value. Scopes: {@code overall}, {@code group}, {@code group_min},
 * {@code group_max}, {@code difference}, {@code ratio}, {@code fairness}, and {@code interval}
 * (method {@code lower} / {@code upper}) for bootstrap intervals.
 */
final class GroupReportCsv {
  private static final List<DisparityMethod> METHODS =
      List.of(DisparityMethod.BETWEEN_GROUPS, DisparityMethod.TO_OVERALL);

  private GroupReportCsv() {}

  static void write(List<GroupReport> reports, List<BootstrapResult> intervals, Writer out)
      throws IOException {
    CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(out);
    csv.writeRecord(
        "features", "class", "scope", "method", "group", "metric", "value", "undefined_reason");
    for (int i = 0; i < reports.size(); i++) {
      GroupReport r = reports.get(i);
      rows(csv, r, r.positiveLabel().orElse(""));
      for (Map.Entry<String, GroupReport> e : r.perClass().entrySet()) {
        rows(csv, e.getValue(), e.getKey());
      }
      if (intervals != null) {
        BootstrapResult boot = intervals.get(i);
        String fs = r.features().name();
        String cls = r.positiveLabel().orElse("");
        for (Map.Entry<ReportStatisticId, Interval> e : boot.intervals().entrySet()) {
          Interval iv = e.getValue();
          String key = e.getKey().key();
          String why =
              boot.warning(e.getKey())
                  .map(w -> "unreliable: " + w)
                  .or(() -> boot.note(e.getKey()).map(n -> "note: " + n))
                  .orElse("");
          String share = Double.toString(boot.undefinedShare(e.getKey()));
          csv.writeRecord(fs, cls, "interval", "lower", "", key, d(iv.lower()), why);
          csv.writeRecord(fs, cls, "interval", "upper", "", key, d(iv.upper()), why);
          csv.writeRecord(fs, cls, "interval", "undefined_share", "", key, share, why);
          csv.writeRecord(fs, cls, "interval", "interval_method", "", key, iv.method(), why);
        }
        for (Map.Entry<ReportStatisticId, Double> e : boot.undefinedShare().entrySet()) {
          if (!boot.intervals().containsKey(e.getKey())) {
            csv.writeRecord(
                fs,
                cls,
                "interval",
                "undefined_share",
                "",
                e.getKey().key(),
                Double.toString(e.getValue()),
                "no interval");
          }
        }
      }
    }
    csv.flush();
  }

  private static String d(double v) {
    return Double.toString(v);
  }

  private static void rows(CsvWriter csv, GroupReport r, String cls) {
    String fs = r.features().name();
    values(csv, fs, cls, "overall", "", r.overall());
    for (Map.Entry<GroupKey, MetricValues> e : r.byGroup().entrySet()) {
      values(csv, fs, cls, "group", e.getKey().toString(), e.getValue());
    }
    for (Metric m : r.metrics()) {
      extreme(csv, fs, cls, ReportStatisticId.Kind.GROUP_MIN.key(), r.groupMin(m));
      extreme(csv, fs, cls, ReportStatisticId.Kind.GROUP_MAX.key(), r.groupMax(m));
      for (DisparityMethod method : METHODS) {
        disparity(csv, fs, cls, "difference", m.key(), r.difference(m, method));
        disparity(csv, fs, cls, "ratio", m.key(), r.ratio(m, method));
      }
    }
    if (!r.fairness().isEmpty()) {
      for (Map.Entry<ReportStatisticId, Disparity> e : r.fairness().byId().entrySet()) {
        disparity(csv, fs, cls, "fairness", e.getKey().localKey(), e.getValue());
      }
    }
    String ref = r.reference().map(GroupKey::toString).orElse("");
    for (SignedDifferences.Row row : SignedDifferences.rows(r)) {
      String pair = row.group() + " vs " + ref;
      String key = row.metric().key();
      csv.writeRecord(fs, cls, "difference", "to_reference", pair, key, d(row.difference()), "");
      csv.writeRecord(fs, cls, "ratio", "to_reference", pair, key, d(row.ratio()), "");
    }
  }

  private static void values(
      CsvWriter csv, String fs, String cls, String scope, String group, MetricValues v) {
    for (Map.Entry<Metric, MetricValue> e : v.asMap().entrySet()) {
      MetricValue mv = e.getValue();
      csv.writeRecord(
          fs,
          cls,
          scope,
          "",
          group,
          e.getKey().key(),
          Double.toString(mv.value()),
          mv.reason() == null ? "" : mv.reason().name());
    }
  }

  private static void extreme(CsvWriter csv, String fs, String cls, String scope, GroupExtreme e) {
    csv.writeRecord(
        fs,
        cls,
        scope,
        "",
        e.group() == null ? "" : e.group().toString(),
        e.metric().key(),
        Double.toString(e.value()),
        e.reason() == null ? "" : e.reason().name());
  }

  private static void disparity(
      CsvWriter csv, String fs, String cls, String scope, String metric, Disparity d) {
    csv.writeRecord(
        fs,
        cls,
        scope,
        d.method().key(),
        String.join(" vs ", d.groups().stream().map(GroupKey::toString).toList()),
        metric,
        Double.toString(d.value()),
        d.reason() == null ? "" : d.reason().name());
  }
}
