package org.fairness4j.examples.study;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.prediction.ProbabilityTable;
import org.fairness4j.core.report.FairnessAudit;
import org.fairness4j.core.report.ReportProvenance;
import org.fairness4j.core.report.format.AuditWriter;
import org.fairness4j.core.report.format.ReportFormat;
import org.fairness4j.core.table.PredictionTable;

/** The HTML fairness report of one study run: sex, age group and their intersection. */
final class RunReport {
  private RunReport() {}

  /** Writes {@code reports/<name>.html} under {@code out} for the run's test predictions. */
  static void write(
      Path out, String name, ProbabilityTable p, Splits sp, StudyRunner.Settings s, Path metadata)
      throws IOException {
    PredictionTable table =
        p.evaluationTable()
            .categorical("sex", sp.testSexes())
            .categorical("age_group", sp.testColumns().get("age_group"))
            .clusters(sp.testColumns().get("patient_id"))
            .build();
    List<FeatureSet> sets =
        List.of(
            FeatureSet.of("sex"), FeatureSet.of("age_group"), FeatureSet.of("sex", "age_group"));
    FairnessEvaluator fe = FairnessEvaluator.builder().build();
    List<GroupReport> reports = fe.evaluate(table, sets);
    FairnessAudit.Builder audit =
        FairnessAudit.builder(reports)
            .curves(table)
            .title(
                "Fairness report: "
                    + name
                    + (s.notice().isEmpty() ? "" : " (SYNTHETIC demo data)"));
    ReportProvenance.Builder prov =
        ReportProvenance.builder()
            .inputFile(metadata)
            .column("sensitive", "Patient Gender, Patient Age (age groups [0,60) [60,100))")
            .binning("age_group", "[0,60) [60,100)")
            .thresholds("argmax of the class probabilities")
            .seed("protocol", s.seed())
            .setting("run", name)
            .setting("data", s.notice().isEmpty() ? metadata.toString() : s.notice())
            .setting(
                "split",
                switch (s.design()) {
                  case AUTHORS -> "authors' (NIH 6x200)";
                  case PATIENT_DISJOINT -> "patient-disjoint";
                  case OFFICIAL -> "official lists (train_val_list.txt, test_list.txt)";
                });
    if (s.bootstrap() > 0) {
      org.fairness4j.core.bootstrap.GroupBootstrap boot =
          org.fairness4j.core.bootstrap.GroupBootstrap.builder()
              .resamples(s.bootstrap())
              .seed(s.seed())
              .clustered(true)
              .build();
      List<org.fairness4j.core.bootstrap.BootstrapResult> iv = new ArrayList<>();
      for (FeatureSet fs : sets) {
        iv.add(boot.evaluate(fe, table, fs));
      }
      audit.intervals(iv);
      prov.seed("bootstrap", s.seed())
          .resamples(s.bootstrap())
          .setting("bootstrap", "clustered by patient");
    }
    AuditWriter.write(
        audit.provenance(prov.build()).build(),
        ReportFormat.HTML,
        out.resolve("reports").resolve(name + ".html"));
  }
}
