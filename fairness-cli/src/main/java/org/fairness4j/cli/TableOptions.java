package org.fairness4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.metrics.UndefinedPolicy;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.core.table.MissingValuePolicy;
import org.fairness4j.core.table.csv.CsvTableSpec;
import org.fairness4j.core.table.csv.CsvTableSpec.AttributeSpec;
import picocli.CommandLine.Option;

/**
 * The options that describe a prediction table (file, label, score, weight, cluster and sensitive
 * columns, positive label, undefined and missing values), shared by {@code metrics} (which extends
 * it) and {@code check} (a picocli mixin).
 */
class TableOptions {
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
      names = "--cluster",
      paramLabel = "COL",
      description =
          "Column of subject ids (e.g. patient): --bootstrap then resamples whole subjects.")
  String cluster;

  @Option(
      names = "--delimiter",
      paramLabel = "CHAR",
      defaultValue = ",",
      description = "Field separator (default ,).")
  char delimiter;

  CsvTableSpec tableSpec() {
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
      b.classes(ClassLabels.of(classes.stream().map(String::strip).toList()));
    }
    return b.build();
  }

  List<FeatureSet> featureSets(CsvTableSpec tableSpec) {
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

  static UndefinedPolicy policy(String s) {
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "nan" -> UndefinedPolicy.NAN;
      case "zero" -> UndefinedPolicy.ZERO;
      case "error" -> UndefinedPolicy.ERROR;
      default ->
          throw new IllegalArgumentException("--undefined " + s + ": use nan, zero or error");
    };
  }

  static MissingValuePolicy missingPolicy(String s) {
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "own-group" -> MissingValuePolicy.OWN_GROUP;
      case "drop" -> MissingValuePolicy.DROP;
      default -> throw new IllegalArgumentException("--missing " + s + ": use own-group or drop");
    };
  }

  /**
   * Returns the evaluator these options describe (positive label, undefined-value policy).
   *
   * @return the evaluator
   */
  FairnessEvaluator evaluator() {
    return FairnessEvaluator.builder()
        .positiveLabel(positive)
        .undefinedPolicy(policy(undefined))
        .build();
  }
}
