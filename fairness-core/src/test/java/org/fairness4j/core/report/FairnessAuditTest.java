package org.fairness4j.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fairness4j.core.DisparityMethod;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.metrics.Metric;
import org.fairness4j.core.roc.RocCurve;
import org.fairness4j.core.table.PredictionTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FairnessAuditTest {
  @TempDir Path dir;

  @Test
  void gapsAreAllDefinedBetweenGroupDifferencesLargestFirst() {
    FairnessAudit audit = AuditFixtures.audit();
    List<FairnessAudit.Gap> gaps = audit.gaps();
    assertTrue(gaps.size() > 10);
    for (int i = 1; i < gaps.size(); i++) {
      assertTrue(gaps.get(i - 1).value() >= gaps.get(i).value());
    }
    GroupReport site = audit.sections().get(0).report();
    FairnessAudit.Gap acc =
        gaps.stream()
            .filter(g -> g.features().equals(AuditFixtures.SITE))
            .filter(g -> g.statistic().key().equals("difference/between_groups/accuracy"))
            .findFirst()
            .orElseThrow();
    assertEquals(
        site.difference(Metric.ACCURACY, DisparityMethod.BETWEEN_GROUPS).value(), acc.value());
    assertEquals(
        site.difference(Metric.ACCURACY, DisparityMethod.BETWEEN_GROUPS).groups(), acc.groups());
    assertNotNull(acc.interval());
    assertTrue(gaps.stream().noneMatch(g -> g.statistic().key().endsWith("/count")));
    assertTrue(gaps.stream().noneMatch(g -> Double.isNaN(g.value())));
  }

  @Test
  void rocCurvesExistOnlyForGroupsWithBothClasses() {
    PredictionTable t = AuditFixtures.table();
    FairnessAudit audit = FairnessAudit.builder(AuditFixtures.reports(t)).curves(t).build();
    FairnessAudit.Section site = audit.sections().get(0);
    assertEquals(List.of(GroupKey.of("A"), GroupKey.of("B")), List.copyOf(site.roc().keySet()));
    for (GroupKey g : site.roc().keySet()) {
      RocCurve c = site.roc().get(g);
      assertEquals(site.report().group(g).value(Metric.ROC_AUC), c.auc(), 1e-12, g.toString());
    }
    assertEquals(site.report().overall().value(Metric.ROC_AUC), site.overallRoc().auc(), 1e-12);
    assertNotNull(site.calibration());
    assertEquals(3, site.calibration().byGroup().size());
  }

  @Test
  void withoutATableThereAreNoCurves() {
    FairnessAudit audit =
        FairnessAudit.builder(AuditFixtures.reports(AuditFixtures.table())).build();
    assertTrue(audit.sections().get(0).roc().isEmpty());
    assertNull(audit.sections().get(0).calibration());
    assertEquals("unknown".equals(audit.provenance().libraryVersion()), false);
  }

  @Test
  void intervalsMustMatchTheReports() {
    PredictionTable t = AuditFixtures.table();
    List<GroupReport> reports = AuditFixtures.reports(t);
    assertThrows(
        IllegalArgumentException.class,
        () -> FairnessAudit.builder(reports).intervals(AuditFixtures.intervals(t).subList(0, 1)));
    assertThrows(IllegalArgumentException.class, () -> FairnessAudit.builder(List.of()));
  }

  @Test
  void provenanceRecordsTheInputChecksum() throws IOException {
    Path f = dir.resolve("in.csv");
    Files.writeString(f, "abc", StandardCharsets.UTF_8);
    ReportProvenance p = ReportProvenance.builder().inputFile(f).build();
    // printf abc | sha256sum
    assertEquals(
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", p.inputSha256());
    assertEquals(f.toString(), p.input());
    assertTrue(p.libraryVersion().matches("\\d+\\.\\d+\\.\\d+.*"), p.libraryVersion());
  }
}
