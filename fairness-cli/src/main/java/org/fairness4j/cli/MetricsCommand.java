package org.fairness4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.bootstrap.BootstrapResult;
import org.fairness4j.core.bootstrap.GroupBootstrap;
import org.fairness4j.core.bootstrap.UndeclaredClusters;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.report.FairnessAudit;
import org.fairness4j.core.report.ReportProvenance;
import org.fairness4j.core.report.format.AuditWriter;
import org.fairness4j.core.report.format.ReportFormat;
import org.fairness4j.core.report.format.ReportWriter;
import org.fairness4j.core.table.PredictionTable;
import org.fairness4j.core.table.csv.CsvTableSpec;
import org.fairness4j.core.table.csv.CsvTableSpec.AttributeSpec;
import org.fairness4j.core.table.csv.PredictionTableCsv;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fairness metrics}: group metrics, disparities and fairness metrics of a CSV table. */
@Command(
    name = "metrics",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Computes per-group metrics, min/max, differences, ratios and fairness metrics of a table of"
          + " predictions, one report per --sensitive attribute and one per --intersect.",
      "Without --positive the report is multiclass (macro metrics, and one-vs-rest fairness"
          + " averaged over classes)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "1:internal error", "2:bad input or usage"})
final class MetricsCommand extends TableOptions implements Callable<Integer> {
  @Spec CommandSpec spec;

  @picocli.CommandLine.Mixin PolicyVerdictOption policyVerdicts;

  @picocli.CommandLine.Mixin EngineOptions engine;

  @Option(
      names = "--format",
      paramLabel = "json|csv|markdown|html",
      defaultValue = "json",
      description = "Output format (default json); html is the full report page.")
  String format;

  @Option(
      names = "--bootstrap",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "Add bootstrap confidence intervals from N resamples (0: none): of the count cells when"
              + " possible, of the rows for weighted tables and --bootstrap-scores.")
  int bootstrap;

  @Option(
      names = "--bootstrap-scores",
      description =
          "Also give intervals of ROC AUC and macro AUC (resamples rows, so slower on big tables).")
  boolean bootstrapScores;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "0",
      description = "Bootstrap seed (default 0).")
  long seed;

  @Option(
      names = "--confidence",
      paramLabel = "C",
      defaultValue = "0.95",
      description = "Interval confidence level (default 0.95).")
  double confidence;

  @Option(
      names = "--bootstrap-method",
      paramLabel = "percentile|bca",
      defaultValue = "percentile",
      description = "Bootstrap interval method (default percentile).")
  String bootstrapMethod;

  @Option(names = "--stratify", description = "Resample within each group (group sizes fixed).")
  boolean stratify;

  @Option(
      names = "--reference",
      paramLabel = "ATTR=GROUP",
      description =
          "Reference group of a feature set (repeatable): every other group's signed difference"
              + " and ratio to it are reported first, with intervals under --bootstrap, e.g."
              + " --reference sex=F.")
  List<String> references = new ArrayList<>();

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Write here (atomically) instead of stdout.")
  Path out;

  @Option(
      names = "--report",
      paramLabel = "FILE",
      description =
          "Also write the full report (provenance, largest gaps, charts, ROC and reliability by"
              + " group) here, atomically; the format follows the extension: .html, .md, .json or"
              + " .csv.")
  Path report;

  @Option(
      names = "--max-groups",
      paramLabel = "N",
      defaultValue = "10000",
      description =
          "Refuse a report with more than N groups (default 10000; an id column given as"
              + " --sensitive); above 1000 a warning is printed.")
  int maxGroups;

  private boolean outCreated;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    try {
      policyVerdicts.requireReport(report);
      CsvTableSpec tableSpec = tableSpec();
      ReportFormat reportFormat = ReportFormat.parse(format);
      ReportFormat auditFormat = report == null ? null : ReportFormat.ofFile(report);
      GroupBootstrap.Method method = bootstrapMethod(bootstrapMethod);
      MetricsChecks.bootstrap(bootstrap);
      MetricsChecks.maxGroups(maxGroups);
      MetricsChecks.confidence(confidence);
      OutputTargets.check("--out", out, input);
      OutputTargets.check("--report", report, input);
      OutputTargets.distinct("--out", out, "--report", report);
      outCreated = out != null && !java.nio.file.Files.exists(out);
      FairnessEvaluator evaluator =
          FairnessEvaluator.builder()
              .positiveLabel(positive)
              .undefinedPolicy(policy(undefined))
              .build();
      List<FeatureSet> sets = featureSets(tableSpec);
      if (engine.aggregates(input)) {
        if (report != null
            && (policyVerdicts.policy != null || positive != null && !scores.isEmpty())) {
          throw new IllegalArgumentException(
              "--report with --engine "
                  + engine.engine
                  + ": ROC curves and calibration (binary reports with --score) and --policy need"
                  + " the rows; use --engine local with a CSV --input, or leave them out");
        }
        EngineOptions.Result r =
            engine.evaluate(
                input,
                tableSpec,
                evaluator,
                sets,
                bootstrap > 0 ? bootstrapSettings(method) : null,
                ReferenceOption.parse(references, sets));
        writeOut(r.reports(), r.intervals(), reportFormat);
        if (report != null) {
          writeReportOrUndo(audit(r.reports(), r.intervals(), null), auditFormat);
        }
        return 0;
      }
      PredictionTable table = PredictionTableCsv.read(input, tableSpec);
      MetricsChecks.positiveLabel(table, positive, err);
      try {
        MetricsChecks.groupCounts(table, sets, maxGroups, err);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(input + ": " + e.getMessage(), e);
      }
      MetricsChecks.unicodeNormalization(table, err);
      List<GroupReport> reports = new ArrayList<>(evaluator.evaluate(table, sets));
      Map<FeatureSet, GroupKey> refs = ReferenceOption.parse(references, sets);
      reports.replaceAll(
          r -> refs.containsKey(r.features()) ? r.withReference(refs.get(r.features())) : r);
      Optional<ClusterHint.Hint> hint =
          cluster == null
              ? ClusterHint.check(input, delimiter, Set.of(yTrue, yPred))
              : Optional.empty();
      hint.ifPresent(h -> err.println(h.message()));
      List<BootstrapResult> intervals = null;
      if (bootstrap > 0) {
        GroupBootstrap boot = bootstrapSettings(method);
        intervals = new ArrayList<>();
        for (FeatureSet fs : sets) {
          BootstrapResult r = boot.evaluate(evaluator, table, fs, refs.get(fs));
          // the warning travels with every interval into the output files, not only to stderr
          intervals.add(
              hint.map(h -> r.withWarning(UndeclaredClusters.warning(h.column()))).orElse(r));
        }
      }
      writeOut(reports, intervals, reportFormat);
      if (report != null) {
        writeReportOrUndo(audit(reports, intervals, table), auditFormat);
      }
      return 0;
    } catch (IOException | IllegalArgumentException | ArithmeticException e) {
      return FairnessCli.badInput(err, e);
    }
  }

  /**
   * Writes the --report; if that fails, removes an --out this run created, so that a failed run
   * leaves no half of its outputs (an --out that existed before is already replaced, and said so).
   */
  private void writeReportOrUndo(FairnessAudit audit, ReportFormat auditFormat) throws IOException {
    try {
      AuditWriter.write(audit, auditFormat, report);
    } catch (IOException | RuntimeException e) {
      if (out != null && outCreated) {
        java.nio.file.Files.deleteIfExists(out);
      }
      throw new IOException(
          "--report "
              + report
              + ": "
              + e.getMessage()
              + (out == null
                  ? ""
                  : outCreated
                      ? " (--out " + out + " removed)"
                      : " (--out " + out + " was written)"),
          e);
    }
  }

  private void writeOut(
      List<GroupReport> reports, List<BootstrapResult> intervals, ReportFormat reportFormat)
      throws IOException {
    if (out == null) {
      ReportWriter.write(reports, intervals, reportFormat, spec.commandLine().getOut());
    } else {
      ReportWriter.write(reports, intervals, reportFormat, out);
    }
  }

  private GroupBootstrap bootstrapSettings(GroupBootstrap.Method method) {
    return GroupBootstrap.builder()
        .resamples(bootstrap)
        .seed(seed)
        .confidence(confidence)
        .method(method)
        .stratified(stratify)
        .clustered(cluster != null)
        .scores(bootstrapScores)
        .build();
  }

  /** The --report of the reports; curves and policy verdicts only with the table (else null). */
  private FairnessAudit audit(
      List<GroupReport> reports, List<BootstrapResult> intervals, PredictionTable table)
      throws IOException {
    return FairnessAudit.builder(reports)
        .intervals(intervals)
        .curves(table)
        .provenance(provenance(table, reports))
        .policy(policyVerdicts.result())
        .title("Fairness report: " + input.getFileName())
        .build();
  }

  private ReportProvenance provenance(PredictionTable table, List<GroupReport> reports)
      throws IOException {
    ReportProvenance.Builder p = ReportProvenance.builder();
    if (java.nio.file.Files.isRegularFile(input)) {
      p.inputFile(input);
    } else {
      p.input(input.toString()); // a directory of Parquet part files: no single checksum
    }
    p.column("y_true", yTrue)
        .column("y_pred", yPred)
        .column("scores", scores.isEmpty() ? null : String.join(",", scores))
        .column("weight", weight)
        .column("cluster", cluster)
        .column("sensitive", String.join(",", sensitive))
        .positiveLabel(positive)
        .resamples(bootstrap)
        .setting("undefined", undefined)
        .setting("missing", missing);
    if (!references.isEmpty()) {
      p.setting("reference", String.join(" ", references));
    }
    for (String s : sensitive) {
      AttributeSpec a = AttributeSpec.parse(s);
      reports.stream()
          .flatMap(r -> r.attributes().stream())
          .filter(attr -> attr.name().equals(a.name()) && !attr.binEdges().isEmpty())
          .findFirst()
          .ifPresent(attr -> p.binning(a.name(), String.join(" ", attr.levels())));
    }
    if (bootstrap > 0) {
      p.seed("bootstrap", seed)
          .setting("bootstrap method", bootstrapMethod)
          .setting("confidence", Double.toString(confidence))
          .setting("stratified", Boolean.toString(stratify))
          .setting("bootstrap scores", Boolean.toString(bootstrapScores));
    }
    policyVerdicts.addVerdicts(p, table, evaluator());
    return p.build();
  }

  private static GroupBootstrap.Method bootstrapMethod(String s) {
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "percentile" -> GroupBootstrap.Method.PERCENTILE;
      case "bca" -> GroupBootstrap.Method.BCA;
      default ->
          throw new IllegalArgumentException("--bootstrap-method " + s + ": use percentile or bca");
    };
  }
}
