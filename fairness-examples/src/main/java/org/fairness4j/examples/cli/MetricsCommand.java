package org.fairness4j.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.bootstrap.BootstrapResult;
import org.fairness4j.core.bootstrap.GroupBootstrap;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.io.AuditWriter;
import org.fairness4j.core.io.ReportFormat;
import org.fairness4j.core.io.ReportWriter;
import org.fairness4j.core.metrics.UndefinedPolicy;
import org.fairness4j.core.report.FairnessAudit;
import org.fairness4j.core.report.ReportProvenance;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.core.table.CsvTableSpec;
import org.fairness4j.core.table.CsvTableSpec.AttributeSpec;
import org.fairness4j.core.table.MissingValuePolicy;
import org.fairness4j.core.table.PredictionTable;
import org.fairness4j.core.table.PredictionTableCsv;
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
final class MetricsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--input",
      required = true,
      paramLabel = "FILE",
      description = "CSV file with a header row.")
  Path input;

  @Option(
      names = "--y-true",
      required = true,
      paramLabel = "COL",
      description = "Column of true labels.")
  String yTrue;

  @Option(
      names = "--y-pred",
      required = true,
      paramLabel = "COL",
      description = "Column of predicted labels.")
  String yPred;

  @Option(
      names = "--score",
      split = ",",
      paramLabel = "[LABEL=]COL",
      description =
          "Score columns (repeatable, or comma-separated). One plain column is the score of --positive; several are"
              + " the scores of the classes in class order; LABEL=COL names the class.")
  List<String> scores = new ArrayList<>();

  @Option(names = "--weight", paramLabel = "COL", description = "Column of sample weights.")
  String weight;

  @Option(
      names = "--sensitive",
      required = true,
      paramLabel = "NAME[:bins=E0,E1,...]",
      description =
          "Sensitive attribute column (repeatable); with bins=, numeric and binned left-closed,"
              + " the last bin open: age:bins=0,20,40,60,80.")
  List<String> sensitive = new ArrayList<>();

  @Option(
      names = "--intersect",
      paramLabel = "A,B[,...]",
      description = "Also report the intersection of these --sensitive attributes (repeatable).")
  List<String> intersect = new ArrayList<>();

  @Option(
      names = "--positive",
      paramLabel = "LABEL",
      description = "Positive label: makes the report binary (one-vs-rest on a multiclass table).")
  String positive;

  @Option(
      names = "--classes",
      paramLabel = "L1,L2,...",
      split = ",",
      description = "Declare the class labels and their order (then labels may be any text).")
  List<String> classes;

  @Option(
      names = "--undefined",
      paramLabel = "nan|zero|error",
      defaultValue = "nan",
      description =
          "Undefined rates (0/0): nan (default, left out of disparities and named), zero"
              + " (Fairlearn-compatible) or error.")
  String undefined;

  @Option(
      names = "--missing",
      paramLabel = "own-group|drop",
      defaultValue = "own-group",
      description =
          "Missing sensitive values: their own <missing> group (default) or dropped from the"
              + " feature sets that use the attribute; counts are reported either way.")
  String missing;

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
      names = "--cluster",
      paramLabel = "COL",
      description =
          "Column of subject ids (e.g. patient): --bootstrap then resamples whole subjects.")
  String cluster;

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
      names = "--delimiter",
      paramLabel = "CHAR",
      defaultValue = ",",
      description = "Field separator (default ,).")
  char delimiter;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    try {
      CsvTableSpec tableSpec = tableSpec();
      ReportFormat reportFormat = ReportFormat.parse(format);
      FairnessEvaluator evaluator =
          FairnessEvaluator.builder()
              .positiveLabel(positive)
              .undefinedPolicy(policy(undefined))
              .build();
      PredictionTable table = PredictionTableCsv.read(input, tableSpec);
      List<FeatureSet> sets = featureSets(tableSpec);
      List<GroupReport> reports = new ArrayList<>(evaluator.evaluate(table, sets));
      Map<FeatureSet, GroupKey> refs = ReferenceOption.parse(references, sets);
      reports.replaceAll(
          r -> refs.containsKey(r.features()) ? r.withReference(refs.get(r.features())) : r);
      if (cluster == null) {
        ClusterHint.check(input, delimiter, Set.of(yTrue, yPred)).ifPresent(err::println);
      }
      List<BootstrapResult> intervals = null;
      if (bootstrap > 0) {
        GroupBootstrap boot =
            GroupBootstrap.builder()
                .resamples(bootstrap)
                .seed(seed)
                .confidence(confidence)
                .method(GroupBootstrap.Method.valueOf(bootstrapMethod.toUpperCase(Locale.ROOT)))
                .stratified(stratify)
                .clustered(cluster != null)
                .scores(bootstrapScores)
                .build();
        intervals = new ArrayList<>();
        for (FeatureSet fs : sets) {
          intervals.add(boot.evaluate(evaluator, table, fs, refs.get(fs)));
        }
      }
      if (report != null) {
        ReportFormat auditFormat = ReportFormat.ofFile(report);
        FairnessAudit audit =
            FairnessAudit.builder(reports)
                .intervals(intervals)
                .curves(table)
                .provenance(provenance(table))
                .title("Fairness report: " + input.getFileName())
                .build();
        AuditWriter.write(audit, auditFormat, report);
      }
      if (out == null) {
        ReportWriter.write(reports, intervals, reportFormat, spec.commandLine().getOut());
      } else {
        ReportWriter.write(reports, intervals, reportFormat, out);
      }
      return 0;
    } catch (IOException | IllegalArgumentException | ArithmeticException e) {
      return FairnessCli.badInput(err, e);
    }
  }

  private ReportProvenance provenance(PredictionTable table) throws IOException {
    ReportProvenance.Builder p =
        ReportProvenance.builder()
            .inputFile(input)
            .column("y_true", yTrue)
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
      table
          .attribute(a.name())
          .filter(attr -> attr.binning().isPresent())
          .ifPresent(attr -> p.binning(a.name(), String.join(" ", attr.levels())));
    }
    if (bootstrap > 0) {
      p.seed("bootstrap", seed)
          .setting("bootstrap method", bootstrapMethod)
          .setting("confidence", Double.toString(confidence))
          .setting("stratified", Boolean.toString(stratify))
          .setting("bootstrap scores", Boolean.toString(bootstrapScores));
    }
    return p.build();
  }

  private CsvTableSpec tableSpec() {
    CsvTableSpec.Builder b =
        CsvTableSpec.builder(yTrue, yPred)
            .weight(weight)
            .cluster(cluster)
            .positiveLabel(positive)
            .missingPolicy(missingPolicy(missing))
            .delimiter(delimiter);
    scores.forEach(b::score);
    for (String s : sensitive) {
      b.attribute(AttributeSpec.parse(s));
    }
    if (classes != null) {
      b.classes(ClassLabels.of(classes));
    }
    return b.build();
  }

  private List<FeatureSet> featureSets(CsvTableSpec tableSpec) {
    List<String> names = tableSpec.attributes().stream().map(AttributeSpec::name).toList();
    List<FeatureSet> sets = new ArrayList<>();
    for (String n : names) {
      sets.add(FeatureSet.of(n));
    }
    for (String i : intersect) {
      List<String> parts = List.of(i.split(","));
      for (String p : parts) {
        if (!names.contains(p)) {
          throw new IllegalArgumentException(
              "--intersect " + i + ": '" + p + "' is not a --sensitive attribute " + names);
        }
      }
      sets.add(new FeatureSet(parts));
    }
    return sets;
  }

  private static GroupBootstrap.Method bootstrapMethod(String s) {
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "percentile" -> GroupBootstrap.Method.PERCENTILE;
      case "bca" -> GroupBootstrap.Method.BCA;
      default ->
          throw new IllegalArgumentException("--bootstrap-method " + s + ": use percentile or bca");
    };
  }

  private static UndefinedPolicy policy(String s) {
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "nan" -> UndefinedPolicy.NAN;
      case "zero" -> UndefinedPolicy.ZERO;
      case "error" -> UndefinedPolicy.ERROR;
      default ->
          throw new IllegalArgumentException("--undefined " + s + ": use nan, zero or error");
    };
  }

  private static MissingValuePolicy missingPolicy(String s) {
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "own-group" -> MissingValuePolicy.OWN_GROUP;
      case "drop" -> MissingValuePolicy.DROP;
      default -> throw new IllegalArgumentException("--missing " + s + ": use own-group or drop");
    };
  }
}
