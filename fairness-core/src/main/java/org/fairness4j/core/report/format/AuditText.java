package org.fairness4j.core.report.format;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.Writer;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fairness4j.core.calibration.Calibration;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.report.FairnessAudit;
import org.fairness4j.core.report.ReportProvenance;

/** The Markdown and CSV parts of an audit that the plain report writers do not have. */
final class AuditText {
  private AuditText() {}

  /** Provenance as ordered name/value pairs, shared by Markdown and CSV. */
  static List<String[]> provenance(ReportProvenance p) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"library_version", p.libraryVersion()});
    rows.add(new String[] {"created", DateTimeFormatter.ISO_INSTANT.format(p.created())});
    if (p.input() != null) {
      rows.add(new String[] {"input", p.input()});
    }
    if (p.inputSha256() != null) {
      rows.add(new String[] {"input_sha256", p.inputSha256()});
    }
    p.columns().forEach((k, v) -> rows.add(new String[] {"column:" + k, v}));
    rows.add(new String[] {"positive_label", p.positiveLabel() == null ? "" : p.positiveLabel()});
    p.binning().forEach((k, v) -> rows.add(new String[] {"binning:" + k, v}));
    if (p.thresholds() != null) {
      rows.add(new String[] {"thresholds", p.thresholds()});
    }
    p.seeds().forEach((k, v) -> rows.add(new String[] {"seed:" + k, Long.toString(v)}));
    rows.add(new String[] {"resamples", Integer.toString(p.resamples())});
    p.settings().forEach((k, v) -> rows.add(new String[] {k, v}));
    return rows;
  }

  static void markdownHead(FairnessAudit audit, Writer out) throws IOException {
    out.write("# " + audit.title() + "\n\n| provenance | |\n|---|---|\n");
    for (String[] r : provenance(audit.provenance())) {
      out.write("| " + r[0] + " | " + cell(r[1]) + " |\n");
    }
    if (audit.policy().isPresent()) {
      AuditPolicy.markdown(audit.policy().get(), out);
    }
    List<SignedDifferences.Lead> lead = SignedDifferences.leading(audit);
    if (!lead.isEmpty()) {
      out.write(
          "\n## Signed differences to the reference group\n\n"
              + "| feature set | group − reference | metric | difference | interval |\n"
              + "|---|---|---|---:|---|\n");
      for (SignedDifferences.Lead l : lead.subList(0, Math.min(15, lead.size()))) {
        SignedDifferences.Row row = l.row();
        out.write(
            "| "
                + l.section().report().features().name()
                + " | "
                + cell(row.group() + " − " + l.section().report().reference().orElseThrow())
                + " | "
                + row.metric().key()
                + " | "
                + num(row.difference())
                + " | "
                + cell(SignedDifferences.text(l.section().intervals(), row.differenceStatistic()))
                + " |\n");
      }
    }
    out.write("\n## Largest gaps\n\n");
    if (audit.gaps().isEmpty()) {
      out.write("No defined between-group difference.\n\n");
      return;
    }
    out.write("| feature set | gap | value | interval | groups |\n|---|---|---:|---|---|\n");
    for (FairnessAudit.Gap g : audit.gaps().subList(0, Math.min(15, audit.gaps().size()))) {
      out.write(
          "| "
              + g.features().name()
              + " | "
              + g.label()
              + " | "
              + num(g.value())
              + " | "
              + cell(gapInterval(audit, g))
              + " | "
              + cell(String.join(" vs ", g.groups().stream().map(GroupKey::toString).toList()))
              + " |\n");
    }
    out.write("\n");
  }

  /** A gap's interval with its method, undefined share and warning. */
  static String gapInterval(FairnessAudit audit, FairnessAudit.Gap g) {
    if (g.interval() == null) {
      return "";
    }
    for (FairnessAudit.Section s : audit.sections()) {
      if (s.report().features().equals(g.features()) && s.intervals() != null) {
        return SignedDifferences.text(s.intervals(), g.statistic());
      }
    }
    return "[" + num(g.interval().lower()) + ", " + num(g.interval().upper()) + "]";
  }

  static void markdownCurves(FairnessAudit audit, Writer out) throws IOException {
    for (FairnessAudit.Section s : audit.sections()) {
      if (s.calibration() == null) {
        continue;
      }
      out.write(
          "Calibration by "
              + s.report().features().name()
              + ":\n\n| group | rows | ECE | MCE | Brier | log loss |\n|---|---:|---:|---:|---:|---:|\n");
      for (Map.Entry<GroupKey, Calibration> e : s.calibration().byGroup().entrySet()) {
        Calibration c = e.getValue();
        out.write(
            "| `"
                + e.getKey()
                + "` | "
                + c.rows()
                + " | "
                + num(c.ece())
                + " | "
                + num(c.mce())
                + " | "
                + num(c.brier())
                + " | "
                + num(c.logLoss())
                + " |\n");
      }
      out.write("\n");
    }
  }

  /** Appends provenance, gap and calibration rows to the long-format CSV (same columns). */
  static void csvExtras(FairnessAudit audit, Writer out) throws IOException {
    CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(out);
    for (String[] r : provenance(audit.provenance())) {
      csv.writeRecord("", "", "provenance", "", "", r[0], r[1], "");
    }
    for (FairnessAudit.Gap g : audit.gaps()) {
      String groups = String.join(" vs ", g.groups().stream().map(GroupKey::toString).toList());
      csv.writeRecord(
          g.features().name(),
          "",
          "summary",
          "",
          groups,
          g.statistic().key(),
          Double.toString(g.value()),
          "");
    }
    for (FairnessAudit.Section s : audit.sections()) {
      if (s.calibration() == null) {
        continue;
      }
      String fs = s.report().features().name();
      String cls = s.report().positiveLabel().orElse("");
      for (Map.Entry<GroupKey, Calibration> e : s.calibration().byGroup().entrySet()) {
        Calibration c = e.getValue();
        String g = e.getKey().toString();
        csv.writeRecord(fs, cls, "calibration", "", g, "ece", Double.toString(c.ece()), "");
        csv.writeRecord(fs, cls, "calibration", "", g, "mce", Double.toString(c.mce()), "");
        csv.writeRecord(fs, cls, "calibration", "", g, "brier", Double.toString(c.brier()), "");
        csv.writeRecord(
            fs, cls, "calibration", "", g, "log_loss", Double.toString(c.logLoss()), "");
      }
    }
    csv.flush();
  }

  private static String cell(String s) {
    return s.replace("|", "\\|");
  }

  private static String num(double v) {
    return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.4f", v);
  }
}
