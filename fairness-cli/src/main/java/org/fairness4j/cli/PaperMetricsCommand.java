package org.fairness4j.cli;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.fairness4j.cli.nih.PaperMetrics;
import org.fairness4j.cli.nih.PaperPredictions;
import org.fairness4j.cli.nih.PaperTables;
import org.fairness4j.core.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fairness paper-metrics}: the paper's tables from prediction tables. */
@Command(
    name = "paper-metrics",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Computes the NIH study's table metrics (docs/reproduction.md) from prediction tables"
          + " (y_true, score_<class>, logit_<class>, age, sex, as study, adapt and zeroshot write"
          + " them): one row per file and variant; columns run (the file name without .csv), then"
          + " those of study's tables.csv. faithful = the released calculate_metrics.py, corrected"
          + " = its defects fixed. Values at full double precision in CSV; an undefined value is"
          + " NaN with its reason in the column 'undefined'."
    })
final class PaperMetricsCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--predictions",
      required = true,
      paramLabel = "FILE_OR_DIR",
      description = "A prediction table, or a directory whose *.csv files are (in name order).")
  Path predictions;

  @Option(
      names = "--variant",
      defaultValue = "both",
      paramLabel = "V",
      description = "faithful, corrected or both (default ${DEFAULT-VALUE}).")
  String variant;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output file.")
  Path out;

  @Option(
      names = "--format",
      defaultValue = "csv",
      paramLabel = "F",
      description = "csv (default) or markdown (values rounded to four decimals).")
  String format;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    try {
      List<PaperMetrics.Variant> variants =
          switch (variant) {
            case "faithful" -> List.of(PaperMetrics.Variant.FAITHFUL);
            case "corrected" -> List.of(PaperMetrics.Variant.CORRECTED);
            case "both" -> List.of(PaperMetrics.Variant.FAITHFUL, PaperMetrics.Variant.CORRECTED);
            default ->
                throw new IllegalArgumentException(
                    "--variant: expected faithful, corrected or both, got '" + variant + "'");
          };
      if (!format.equals("csv") && !format.equals("markdown")) {
        throw new IllegalArgumentException(
            "--format: expected csv or markdown, got '" + format + "'");
      }
      OutputTargets.check("--out", out, predictions);
      List<Path> files = files();
      for (Path f : files) {
        if (Files.exists(out) && Files.isSameFile(f, out)) {
          throw new IllegalArgumentException(out + ": --out is one of the prediction tables");
        }
      }
      List<List<String>> rows = new ArrayList<>();
      for (Path f : files) {
        PaperMetrics.Input in = PaperPredictions.read(f);
        String name = f.getFileName().toString();
        String run = name.substring(0, name.length() - ".csv".length());
        int sep = run.indexOf("__");
        String model = sep < 0 ? "" : run.substring(0, sep);
        String strategy = sep < 0 ? "" : run.substring(sep + 2);
        if (in.logits() == null && variants.contains(PaperMetrics.Variant.FAITHFUL)) {
          err.println(
              "paper-metrics: "
                  + f
                  + ": no logit_ columns; the faithful ECE_delta columns are NaN (the released"
                  + " code compares logits)");
        }
        for (PaperMetrics.Variant v : variants) {
          List<String> lead =
              List.of(run, model, strategy, v.name().toLowerCase(java.util.Locale.ROOT));
          PaperMetrics.Row m = PaperMetrics.compute(in, v);
          rows.add(
              format.equals("csv")
                  ? PaperTables.csvRow(lead, m)
                  : PaperTables.markdownRow(lead, m));
        }
      }
      List<String> header = new ArrayList<>(List.of("run"));
      header.addAll(PaperTables.header());
      AtomicFiles.writeText(
          out,
          w -> {
            if (format.equals("csv")) {
              CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(w);
              csv.writeRecord(header);
              for (List<String> r : rows) {
                csv.writeRecord(r);
              }
              csv.flush();
            } else {
              w.write("| " + String.join(" | ", header) + " |\n");
              w.write("|" + "---|".repeat(4) + "---:|".repeat(header.size() - 5) + "---|\n");
              for (List<String> r : rows) {
                w.write("| " + String.join(" | ", r) + " |\n");
              }
            }
          });
      err.println(
          "paper-metrics: " + rows.size() + " rows from " + files.size() + " files; wrote " + out);
      return 0;
    } catch (IOException | IllegalArgumentException | UncheckedIOException e) {
      return FairnessCli.badInput(err, e);
    }
  }

  private List<Path> files() throws IOException {
    if (Files.isDirectory(predictions)) {
      List<Path> l;
      try (Stream<Path> s = Files.list(predictions)) {
        l =
            s.filter(p -> p.getFileName().toString().endsWith(".csv") && Files.isRegularFile(p))
                .sorted()
                .toList();
      }
      if (l.isEmpty()) {
        throw new IllegalArgumentException(predictions + ": no *.csv prediction tables");
      }
      return l;
    }
    if (!Files.isRegularFile(predictions)) {
      throw new NoSuchFileException(predictions.toString(), null, "prediction table");
    }
    if (!predictions.getFileName().toString().endsWith(".csv")) {
      throw new IllegalArgumentException(predictions + ": expected a .csv prediction table");
    }
    return List.of(predictions);
  }
}
