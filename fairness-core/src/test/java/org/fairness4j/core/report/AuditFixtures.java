package org.fairness4j.core.report;

import java.util.List;
import java.util.Random;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.bootstrap.BootstrapResult;
import org.fairness4j.core.bootstrap.GroupBootstrap;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.table.Binning;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.core.table.PredictionTable;

/**
 * A seeded binary table: sites A and B (B less accurate), and site C whose rows are all negative
 * (its recall is undefined); site C has no old patients (an empty intersection group).
 */
public final class AuditFixtures {
  public static final FeatureSet SITE = FeatureSet.of("site");
  public static final FeatureSet SITE_AGE = FeatureSet.of("site", "age");

  private AuditFixtures() {}

  public static PredictionTable table() {
    Random rng = new Random(5);
    int n = 400;
    int[] yTrue = new int[n];
    int[] yPred = new int[n];
    double[] score = new double[n];
    String[] site = new String[n];
    double[] age = new double[n];
    for (int i = 0; i < n; i++) {
      site[i] = i < 180 ? "A" : i < 360 ? "B" : "C";
      yTrue[i] = site[i].equals("C") ? 0 : rng.nextInt(2);
      double noise = site[i].equals("B") ? 0.45 : 0.2;
      score[i] = Math.min(1, Math.max(0, 0.25 + 0.5 * yTrue[i] + rng.nextGaussian() * noise));
      yPred[i] = score[i] >= 0.5 ? 1 : 0;
      age[i] = site[i].equals("C") ? 30 : 20 + rng.nextInt(70);
    }
    return PredictionTable.builder()
        .classes(ClassLabels.of("0", "1"))
        .classIndices(yTrue, yPred)
        .scores("1", score)
        .categorical("site", site)
        .binned("age", age, Binning.parse("0,60,120"))
        .build();
  }

  public static List<GroupReport> reports(PredictionTable t) {
    return FairnessEvaluator.builder()
        .positiveLabel("1")
        .build()
        .evaluate(t, List.of(SITE, SITE_AGE));
  }

  public static List<BootstrapResult> intervals(PredictionTable t) {
    FairnessEvaluator fe = FairnessEvaluator.builder().positiveLabel("1").build();
    GroupBootstrap b = GroupBootstrap.builder().resamples(200).seed(3).build();
    return List.of(b.evaluate(fe, t, SITE), b.evaluate(fe, t, SITE_AGE));
  }

  public static FairnessAudit audit() {
    PredictionTable t = table();
    return FairnessAudit.builder(reports(t))
        .intervals(intervals(t))
        .curves(t)
        .provenance(
            ReportProvenance.builder()
                .input("in-memory test table")
                .column("sensitive", "site,age")
                .positiveLabel("1")
                .binning("age", "[0,60) [60,120)")
                .thresholds("0.5 fitted on validation")
                .seed("bootstrap", 3)
                .resamples(200)
                .build())
        .title("Audit <test> & check")
        .build();
  }
}
