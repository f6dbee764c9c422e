package org.fairness4j.cli.nih;

import static org.junit.jupiter.api.Assertions.assertEquals;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The faithful variant against the released {@code calculate_metrics.py} itself
 * (mu9enn/fair_analysis_med_clip, commit eafd0c2), run unmodified on the committed prediction
 * tables:
 *
 * <pre>
 * git -C MIRROR show eafd0c2:calculate_metrics.py &gt; /tmp/calculate_metrics.py
 * /work/pyenv/bin/python tools/make_paper_metrics_fixtures.py \
 *     --test-split src/test/resources/nih/authors/demo/nih6x200_test.csv \
 *     --out src/test/resources/nih/paper-metrics/predictions
 * /work/pyenv/bin/python tools/run_calculate_metrics.py --script /tmp/calculate_metrics.py \
 *     --out src/test/resources/nih/paper-metrics/released.csv \
 *     src/test/resources/nih/paper-metrics/predictions/*.csv
 * </pre>
 *
 * (numpy 2.4.6, pandas 3.0.6, scikit-learn 1.9.1). Two tables are real model outputs: {@code
 * demo-clip__zero-shot.csv} and {@code demo-clip__mlp.csv} are the prediction tables of {@code
 * bin/fairness study --demo} (seed 42, the authors' protocol) with their logits. Every column, to
 * 1e-9.
 */
class PaperMetricsGoldenTest {
  private static final Path DIR = Path.of("src", "test", "resources", "nih", "paper-metrics");

  @Test
  void faithfulEqualsTheReleasedCodeOnEveryColumn() throws IOException {
    int runs = 0;
    try (CsvReader<NamedCsvRecord> r =
        CsvReader.builder()
            .commentStrategy(de.siegmar.fastcsv.reader.CommentStrategy.SKIP)
            .ofNamedCsvRecord(DIR.resolve("released.csv"))) {
      for (NamedCsvRecord rec : r) {
        String run = rec.getField("run");
        PaperMetrics.Row row =
            PaperMetrics.compute(
                PaperPredictions.read(DIR.resolve("predictions").resolve(run + ".csv")),
                PaperMetrics.Variant.FAITHFUL);
        double[] v = PaperTables.values(row);
        List<String> cols = PaperTables.metricColumns();
        assertEquals(cols.size(), v.length);
        for (int c = 0; c < cols.size(); c++) {
          assertEquals(
              Double.parseDouble(rec.getField(cols.get(c))), v[c], 1e-9, run + " " + cols.get(c));
        }
        assertEquals(List.of(), List.copyOf(row.undefined().keySet()), run);
        runs++;
      }
    }
    assertEquals(6, runs);
  }
}
