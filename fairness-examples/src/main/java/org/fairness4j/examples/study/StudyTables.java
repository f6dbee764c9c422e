package org.fairness4j.examples.study;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fairness4j.cli.nih.PaperMetrics;
import org.fairness4j.cli.nih.PaperTables;
import org.fairness4j.core.io.AtomicFiles;

/**
 * The paper-style tables: one row per model × strategy (and variant) with accuracy, per-disease F1,
 * Var_F1, subgroup F1s, ΔF1_age, ΔF1_gender, EqOdds and ECE_Δ by age and sex; with bootstrap
 * resamples, every corrected metric with its patient-clustered 95 % interval and paired comparisons
 * between strategies ({@link PaperIntervals}); as Markdown, CSV and a self-contained HTML index
 * ({@link StudyHtml}). Written atomically.
 */
final class StudyTables {
  private StudyTables() {}

  static List<String> header() {
    return PaperTables.header();
  }

  /**
   * The tables' inputs.
   *
   * @param runs the runs
   * @param inputs their metric inputs, in the same order
   * @param patients patient id per test row
   * @param resamples bootstrap resamples (0: no intervals, no comparisons)
   * @param seed seed of the resamples and permutations
   * @param notice a line shown at the top, or empty
   * @param seeds training seeds of the repeats (empty: none)
   * @param seedRows run name to the corrected rows of its repeats, one per seed
   */
  record Study(
      List<StudyRunner.Run> runs,
      List<PaperMetrics.Input> inputs,
      String[] patients,
      int resamples,
      long seed,
      String notice,
      List<Long> seeds,
      java.util.Map<String, List<PaperMetrics.Row>> seedRows) {}

  static String f(double x) {
    return Double.isNaN(x) ? "NaN" : String.format(Locale.ROOT, "%.4f", x);
  }

  /**
   * Note under the interval tables for a {@code †}: a percentile interval can miss its estimate
   * where the statistic is an absolute gap or a variance (biased upward under resampling).
   */
  static final String OUTSIDE_NOTE =
      "† the estimate lies outside its percentile interval: an absolute gap (ECE_delta, EqOdds) or"
          + " a variance is biased upward under resampling, so the interval shows the resampled"
          + " statistic's spread, not evidence of a gap.";

  /** {@code value [lo, hi]}, with {@code †} where the value lies outside the interval. */
  static String withInterval(double v, PaperIntervals.Bounds b) {
    if (Double.isNaN(b.lo())) {
      return f(v);
    }
    boolean outside = v < b.lo() || v > b.hi();
    return f(v) + " [" + f(b.lo()) + ", " + f(b.hi()) + "]" + (outside ? " †" : "");
  }

  static void write(Path out, Study st) throws IOException {
    List<StudyRunner.Run> runs = st.runs();
    String notice = st.notice();
    List<List<String>> rows = new ArrayList<>();
    List<List<String>> md = new ArrayList<>();
    for (String variant : List.of("corrected", "faithful")) {
      for (StudyRunner.Run r : runs) {
        List<String> lead = List.of(r.model(), r.strategy(), variant);
        PaperMetrics.Row m = variant.equals("corrected") ? r.corrected() : r.faithful();
        rows.add(PaperTables.csvRow(lead, m));
        md.add(PaperTables.markdownRow(lead, m));
      }
    }
    List<String> cols = PaperTables.metricColumns();
    List<List<PaperIntervals.Bounds>> iv = new ArrayList<>();
    List<PaperIntervals.Comparison> cmp = List.of();
    if (st.resamples() > 0) {
      for (int i = 0; i < runs.size(); i++) {
        iv.add(
            PaperIntervals.intervals(st.inputs().get(i), st.patients(), st.resamples(), st.seed()));
      }
      cmp = PaperIntervals.compare(runs, st.inputs(), st.patients(), st.resamples(), st.seed());
    }
    final List<PaperIntervals.Comparison> comparisons = cmp;
    AtomicFiles.writeText(
        out.resolve("tables.csv"),
        w -> {
          CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(w);
          csv.writeRecord(header());
          for (List<String> r : rows) {
            csv.writeRecord(r);
          }
          csv.flush();
        });
    if (!iv.isEmpty()) {
      AtomicFiles.writeText(
          out.resolve("intervals.csv"),
          w -> {
            CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(w);
            csv.writeRecord("model", "strategy", "variant", "metric", "value", "ci_low", "ci_high");
            for (int i = 0; i < runs.size(); i++) {
              double[] v = PaperTables.values(runs.get(i).corrected());
              for (int c = 0; c < cols.size(); c++) {
                csv.writeRecord(
                    runs.get(i).model(),
                    runs.get(i).strategy(),
                    "corrected",
                    cols.get(c),
                    Double.toString(v[c]),
                    Double.toString(iv.get(i).get(c).lo()),
                    Double.toString(iv.get(i).get(c).hi()));
              }
            }
            csv.flush();
          });
      AtomicFiles.writeText(
          out.resolve("comparisons.csv"),
          w -> {
            CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(w);
            csv.writeRecord(
                "model", "base", "other", "metric", "delta", "ci_low", "ci_high", "p", "p_holm");
            for (PaperIntervals.Comparison c : comparisons) {
              csv.writeRecord(
                  c.model(),
                  c.base(),
                  c.other(),
                  c.metric(),
                  Double.toString(c.delta()),
                  Double.toString(c.ci().lo()),
                  Double.toString(c.ci().hi()),
                  Double.toString(c.p()),
                  Double.toString(c.pHolm()));
            }
            csv.flush();
          });
    }
    if (!st.seedRows().isEmpty()) {
      AtomicFiles.writeText(
          out.resolve("seeds.csv"),
          w -> {
            CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(w);
            csv.writeRecord("model", "strategy", "metric", "mean", "sd", "seeds");
            st.seedRows()
                .forEach(
                    (name, l) -> {
                      double[][] sm = StudySeeds.summary(l);
                      String[] ms = name.split("__", 2);
                      for (int c = 0; c < cols.size(); c++) {
                        csv.writeRecord(
                            ms[0],
                            ms[1],
                            cols.get(c),
                            Double.toString(sm[c][0]),
                            Double.toString(sm[c][1]),
                            st.seeds().toString().replace(", ", " ").replaceAll("[\\[\\]]", ""));
                      }
                    });
            csv.flush();
          });
    }
    AtomicFiles.writeText(
        out.resolve("tables.md"),
        w -> {
          w.write("# NIH ChestX-ray14 study: results\n\n");
          if (!notice.isEmpty()) {
            w.write("> **" + notice + "**\n\n");
          }
          w.write(
              "Test split of the protocol; definitions in docs/reproduction.md. \"corrected\" fixes the"
                  + " released code's defects, \"faithful\" keeps them.\n\n");
          w.write("| " + String.join(" | ", header()) + " |\n");
          w.write("|" + "---|".repeat(3) + "---:|".repeat(header().size() - 4) + "---|\n");
          for (List<String> r : md) {
            w.write("| " + String.join(" | ", r) + " |\n");
          }
          if (!iv.isEmpty()) {
            markdownIntervals(w, st, iv, comparisons);
          }
          if (!st.seedRows().isEmpty()) {
            w.write(
                "\n## Across training seeds\n\nMean ± sd (ddof 1) of the corrected metrics over"
                    + " the training seeds "
                    + st.seeds()
                    + " (same split; zero-shot has no training).\n\n");
            w.write("| model | strategy | " + String.join(" | ", cols) + " |\n");
            w.write("|---|---|" + "---:|".repeat(cols.size()) + "\n");
            for (var e : st.seedRows().entrySet()) {
              String[] ms = e.getKey().split("__", 2);
              double[][] sm = StudySeeds.summary(e.getValue());
              List<String> cells = new ArrayList<>(List.of(ms[0], ms[1]));
              for (double[] v : sm) {
                cells.add(f(v[0]) + " ± " + f(v[1]));
              }
              w.write("| " + String.join(" | ", cells) + " |\n");
            }
          }
        });
    AtomicFiles.writeText(
        out.resolve("report.html"), w -> StudyHtml.write(w, st, md, iv, comparisons));
  }

  private static void markdownIntervals(
      Writer w, Study st, List<List<PaperIntervals.Bounds>> iv, List<PaperIntervals.Comparison> cmp)
      throws IOException {
    List<String> cols = PaperTables.metricColumns();
    w.write(
        "\n## Corrected metrics with 95 % intervals\n\n"
            + st.resamples()
            + " bootstrap resamples of the test patients (percentile intervals, seed "
            + st.seed()
            + "). "
            + OUTSIDE_NOTE
            + "\n\n");
    w.write("| model | strategy | " + String.join(" | ", cols) + " |\n");
    w.write("|---|---|" + "---:|".repeat(cols.size()) + "\n");
    for (int i = 0; i < st.runs().size(); i++) {
      StudyRunner.Run r = st.runs().get(i);
      double[] v = PaperTables.values(r.corrected());
      List<String> cells = new ArrayList<>(List.of(r.model(), r.strategy()));
      for (int c = 0; c < cols.size(); c++) {
        cells.add(withInterval(v[c], iv.get(i).get(c)));
      }
      w.write("| " + String.join(" | ", cells) + " |\n");
    }
    if (cmp.isEmpty()) {
      return;
    }
    w.write(
        "\n## Paired comparisons between strategies (same test images)\n\n"
            + "Δ = metric(strategy) − metric(reference), corrected variant; paired bootstrap"
            + " interval (the same resampled patients for both); two-sided permutation p-value ("
            + PaperIntervals.PERMUTATIONS
            + " permutations swapping each patient's predictions between the two), Holm-adjusted"
            + " across the whole table.\n\n");
    w.write("| model | strategy | vs | metric | Δ | 95 % interval | p | p (Holm) |\n");
    w.write("|---|---|---|---|---:|---:|---:|---:|\n");
    for (PaperIntervals.Comparison c : cmp) {
      w.write(
          "| "
              + String.join(
                  " | ",
                  c.model(),
                  c.other(),
                  c.base(),
                  c.metric(),
                  f(c.delta()),
                  "[" + f(c.ci().lo()) + ", " + f(c.ci().hi()) + "]",
                  f(c.p()),
                  f(c.pHolm()))
              + " |\n");
    }
  }
}
