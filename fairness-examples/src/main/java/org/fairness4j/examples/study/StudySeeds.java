package org.fairness4j.examples.study;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fairness4j.cli.nih.PaperMetrics;
import org.fairness4j.cli.nih.PaperTables;
import org.fairness4j.core.prediction.ProbabilityTable;
import org.fairness4j.core.prediction.ProbabilityTableCsv;
import org.fairness4j.core.table.ClassLabels;

/**
 * Repeated training ({@code study --seeds 1,2,3}): every trained strategy is trained again per seed
 * on the same split (zero-shot has no training and is not repeated); each repeat's predictions go
 * to {@code predictions/seeds/<model>__<strategy>__seed<S>.csv}, and the tables report the mean and
 * sample standard deviation of each corrected metric across the seeds.
 */
final class StudySeeds {
  private StudySeeds() {}

  /** Runs the repeats: run name to the corrected rows, one per seed in order. */
  static Map<String, List<PaperMetrics.Row>> run(
      Map<String, Path> models,
      List<String> strategies,
      StudyRunner.Settings s,
      Splits splits,
      ClassLabels classes,
      Path out,
      PrintStream log)
      throws IOException {
    Map<String, List<PaperMetrics.Row>> rows = new LinkedHashMap<>();
    for (Map.Entry<String, Path> m : models.entrySet()) {
      for (String st : strategies) {
        if (st.equals(StudyRunner.ZERO_SHOT) || s.seeds().isEmpty()) {
          continue;
        }
        String name = m.getKey() + "__" + st;
        List<PaperMetrics.Row> l = new ArrayList<>();
        for (long seed : s.seeds()) {
          Path pred =
              out.resolve("predictions").resolve("seeds").resolve(name + "__seed" + seed + ".csv");
          ProbabilityTable p;
          if (s.resume() && Files.exists(pred)) {
            p = ProbabilityTableCsv.read(pred, classes, ProbabilityTableCsv.Layout.PREDICTIONS);
          } else {
            log.println(name + ": training seed " + seed);
            Path dir = out.resolve("runs").resolve(m.getKey()).resolve(st + "-seed" + seed);
            p = StudyRunner.adapt(m.getValue(), st, classes, splits, s, seed, dir);
            Files.createDirectories(pred.getParent());
            RunFiles.write(pred, p, splits);
          }
          PaperMetrics.Row r =
              PaperMetrics.compute(RunFiles.input(p, splits), PaperMetrics.Variant.CORRECTED);
          log.printf(Locale.ROOT, "%s seed %d: accuracy %.4f%n", name, seed, r.accuracy());
          l.add(r);
        }
        rows.put(name, l);
      }
    }
    return rows;
  }

  /**
   * Mean and sample standard deviation (ddof 1) across seeds of each metric column; NaN where a
   * seed leaves the metric undefined or (sd) with a single seed.
   *
   * @param rows the rows of one run name
   * @return per metric column {mean, sd}
   */
  static double[][] summary(List<PaperMetrics.Row> rows) {
    int k = PaperTables.metricColumns().size();
    double[][] out = new double[k][2];
    int n = rows.size();
    for (int c = 0; c < k; c++) {
      double sum = 0;
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = PaperTables.values(rows.get(i))[c];
        sum += v[i];
      }
      double mean = sum / n;
      double ss = 0;
      for (double x : v) {
        ss += (x - mean) * (x - mean);
      }
      out[c][0] = mean;
      out[c][1] = n < 2 ? Double.NaN : Math.sqrt(ss / (n - 1));
    }
    return out;
  }
}
