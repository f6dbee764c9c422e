package org.fairness4j.benchmarks;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.fairness4j.core.stats.Interval;

/**
 * The coverage tally of one statistic under one configuration of {@link CoverageStudy}, and the
 * Markdown table of a setting's tallies.
 */
final class CoverageTally {
  final Map<String, Integer> methods = new LinkedHashMap<>();
  int tables;
  int reported;
  int warned;
  int covered;
  int coveredWarned;
  double width;

  void add(Interval i, boolean warning, double truth) {
    tables++;
    if (i == null) {
      return;
    }
    reported++;
    methods.merge(i.method(), 1, Integer::sum);
    boolean in = i.lower() - 1e-12 <= truth && truth <= i.upper() + 1e-12;
    if (warning) {
      warned++;
      coveredWarned += in ? 1 : 0;
    } else {
      covered += in ? 1 : 0;
      width += i.width();
    }
  }

  static void print(
      String setting,
      Map<CoverageStudy.Config, Map<String, CoverageTally>> byConfig,
      PrintStream out) {
    out.println();
    out.println("### " + setting);
    out.println();
    out.println(
        "| statistic | asked for | method | coverage ± SE (no warning, no note) | warned or noted | coverage when warned or noted | mean width |");
    out.println("|---|---|---|---:|---:|---:|---:|");
    for (String stat : byConfig.values().iterator().next().keySet()) {
      for (CoverageStudy.Config c : byConfig.keySet()) {
        CoverageTally t = byConfig.get(c).get(stat);
        int clean = t.reported - t.warned;
        String method =
            t.methods.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey)
                .orElse("none");
        double cov = clean == 0 ? Double.NaN : (double) t.covered / clean;
        double se = clean == 0 ? Double.NaN : Math.sqrt(cov * (1 - cov) / clean);
        out.println(
            String.format(
                Locale.ROOT,
                "| %s | %s | %s | %s | %d/%d | %s | %s |",
                stat,
                c.name().toLowerCase(Locale.ROOT),
                method,
                // the unwarned count in parentheses: tables where the statistic is undefined
                // (no interval) are neither warned nor unwarned
                clean == 0 ? "—" : String.format(Locale.ROOT, "%.3f ± %.3f (%d)", cov, se, clean),
                t.warned,
                t.tables,
                t.warned == 0
                    ? "—"
                    : String.format(Locale.ROOT, "%.3f", (double) t.coveredWarned / t.warned),
                clean == 0 ? "—" : String.format(Locale.ROOT, "%.3f", t.width / clean)));
      }
    }
    out.flush();
  }
}
