package org.fairness4j.core.report.format;

import java.io.IOException;
import java.io.Writer;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.bootstrap.BootstrapResult;
import org.fairness4j.core.calibration.Calibration;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.report.FairnessAudit;
import org.fairness4j.core.report.ReportProvenance;
import org.fairness4j.core.roc.RocCurve;

/** Writes an audit as one JSON object: provenance, summary, curves and the reports array. */
final class AuditJson {
  /** The value of the top-level {@code format} key; bump on incompatible changes. */
  static final String FORMAT = "fairness4j-audit/1";

  private AuditJson() {}

  static void write(
      FairnessAudit audit, List<GroupReport> reports, List<BootstrapResult> boot, Writer out)
      throws IOException {
    out.write("{\n  \"format\": \"" + FORMAT + "\",\n  \"title\": ");
    new JsonWriter(out).value(audit.title());
    out.write(",\n  \"provenance\": ");
    provenance(new JsonWriter(out), audit.provenance());
    if (audit.policy().isPresent()) {
      out.write(",\n  \"policy\": ");
      AuditPolicy.json(audit.policy().get(), new JsonWriter(out));
    }
    out.write(",\n  \"summary\": ");
    summary(new JsonWriter(out), audit);
    out.write(",\n  \"curves\": ");
    curves(new JsonWriter(out), audit.sections());
    out.write(",\n  \"reports\": ");
    GroupReportJson.write(reports, boot, out);
    out.write("}\n");
  }

  private static void provenance(JsonWriter w, ReportProvenance p) throws IOException {
    w.beginObject();
    w.name("library_version").value(p.libraryVersion());
    w.name("created").value(DateTimeFormatter.ISO_INSTANT.format(p.created()));
    w.name("input").value(p.input());
    w.name("input_sha256").value(p.inputSha256());
    w.name("columns").beginObject();
    for (Map.Entry<String, String> e : p.columns().entrySet()) {
      w.name(e.getKey()).value(e.getValue());
    }
    w.endObject();
    w.name("positive_label").value(p.positiveLabel());
    w.name("binning").beginObject();
    for (Map.Entry<String, String> e : p.binning().entrySet()) {
      w.name(e.getKey()).value(e.getValue());
    }
    w.endObject();
    w.name("thresholds").value(p.thresholds());
    w.name("seeds").beginObject();
    for (Map.Entry<String, Long> e : p.seeds().entrySet()) {
      w.name(e.getKey()).value(e.getValue());
    }
    w.endObject();
    w.name("resamples").value(p.resamples());
    w.name("settings").beginObject();
    for (Map.Entry<String, String> e : p.settings().entrySet()) {
      w.name(e.getKey()).value(e.getValue());
    }
    w.endObject();
    w.endObject();
  }

  private static void summary(JsonWriter w, FairnessAudit audit) throws IOException {
    w.beginArray();
    for (FairnessAudit.Gap g : audit.gaps()) {
      w.beginObject();
      w.name("features").value(g.features().name());
      w.name("statistic").value(g.statistic().key());
      w.name("value").value(g.value());
      if (g.interval() != null) {
        w.name("lower").value(g.interval().lower());
        w.name("upper").value(g.interval().upper());
        w.name("method").value(g.interval().method());
        for (FairnessAudit.Section s : audit.sections()) {
          if (s.report().features().equals(g.features()) && s.intervals() != null) {
            w.name("undefined_share").value(s.intervals().undefinedShare(g.statistic()));
            if (s.intervals().warning(g.statistic()).isPresent()) {
              w.name("warning").value(s.intervals().warning(g.statistic()).orElseThrow());
            }
          }
        }
      }
      w.name("groups").beginArray();
      for (GroupKey k : g.groups()) {
        w.value(k.toString());
      }
      w.endArray();
      w.endObject();
    }
    w.endArray();
  }

  private static void curves(JsonWriter w, List<FairnessAudit.Section> sections)
      throws IOException {
    w.beginArray();
    for (FairnessAudit.Section s : sections) {
      w.beginObject();
      w.name("features").value(s.report().features().name());
      w.name("roc").beginObject();
      for (Map.Entry<GroupKey, RocCurve> e : s.roc().entrySet()) {
        w.name(e.getKey().toString());
        roc(w, e.getValue());
      }
      if (s.overallRoc() != null) {
        w.name("overall");
        roc(w, s.overallRoc());
      }
      w.endObject();
      w.name("calibration").beginObject();
      if (s.calibration() != null) {
        for (Map.Entry<GroupKey, Calibration> e : s.calibration().byGroup().entrySet()) {
          w.name(e.getKey().toString());
          calibration(w, e.getValue());
        }
        w.name("overall");
        calibration(w, s.calibration().overall());
      }
      w.endObject();
      w.endObject();
    }
    w.endArray();
  }

  private static void roc(JsonWriter w, RocCurve c) throws IOException {
    w.beginObject();
    w.name("auc").value(c.auc());
    w.name("fpr").beginArray();
    for (double v : c.fpr()) {
      w.value(v);
    }
    w.endArray();
    w.name("tpr").beginArray();
    for (double v : c.tpr()) {
      w.value(v);
    }
    w.endArray();
    w.endObject();
  }

  private static void calibration(JsonWriter w, Calibration c) throws IOException {
    w.beginObject();
    w.name("rows").value(c.rows());
    w.name("ece").value(c.ece());
    w.name("mce").value(c.mce());
    w.name("brier").value(c.brier());
    w.name("log_loss").value(c.logLoss());
    w.name("reliability").beginArray();
    for (Calibration.Bin b : c.reliability()) {
      w.beginObject();
      w.name("mean_score").value(b.meanScore());
      w.name("observed_rate").value(b.observedRate());
      w.name("count").value(b.count());
      w.endObject();
    }
    w.endArray();
    w.endObject();
  }
}
