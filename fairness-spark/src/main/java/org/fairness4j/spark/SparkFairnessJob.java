package org.fairness4j.spark;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.metrics.UndefinedPolicy;
import org.fairness4j.core.report.format.ReportFormat;
import org.fairness4j.core.report.format.ReportWriter;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.core.table.MissingValuePolicy;
import org.fairness4j.core.table.csv.CsvTableSpec;

/**
 * The {@code spark-submit} entry point of the shaded jar ({@code fairness-spark-VERSION-all.jar}):
 * the table options of {@code bin/fairness metrics}, on the cluster spark-submit chose.
 *
 * <pre>
 * spark-submit --class org.fairness4j.spark.SparkFairnessJob fairness-spark-0.1.0-SNAPSHOT-all.jar \
 *   --input hdfs:///preds.parquet --y-true y_true --y-pred y_pred --score score --positive 1 \
 *   --sensitive sex --sensitive age:bins=0,20,40,60,80 --intersect sex,age --out report.json
 * </pre>
 *
 * <p>Options: {@code --input} (CSV with a header when it ends in .csv, else Parquet; any path Spark
 * reads), {@code --y-true}, {@code --y-pred}, {@code --score [LABEL=]COL} (repeatable or
 * comma-separated), {@code --weight}, {@code --cluster}, {@code --sensitive NAME[:bins=...]}
 * (repeatable), {@code --intersect A,B}, {@code --positive}, {@code --classes L1,L2}, {@code
 * --undefined nan|zero|error}, {@code --missing own-group|drop}, {@code --format
 * json|csv|markdown}, {@code --out FILE} (a local file, written atomically; default stdout). Exit
 * status 2 with one line on bad input.
 */
public final class SparkFairnessJob {
  private SparkFairnessJob() {}

  /**
   * Runs the job.
   *
   * @param args the options
   * @throws IOException if the output cannot be written
   */
  public static void main(String[] args) throws IOException {
    try {
      run(args);
    } catch (IllegalArgumentException | ArithmeticException e) {
      System.err.println("fairness: " + e.getMessage());
      System.exit(2);
    }
  }

  static void run(String[] args) throws IOException {
    String input = null;
    String yTrue = null;
    String yPred = null;
    String positive = null;
    String format = "json";
    Path out = null;
    List<String> scores = new ArrayList<>();
    List<String> sensitive = new ArrayList<>();
    List<String> intersect = new ArrayList<>();
    String weight = null;
    String cluster = null;
    List<String> classes = null;
    UndefinedPolicy undefined = UndefinedPolicy.NAN;
    MissingValuePolicy missing = MissingValuePolicy.OWN_GROUP;
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(name + " needs a value");
      }
      String v = args[++i];
      switch (name) {
        case "--input" -> input = v;
        case "--y-true" -> yTrue = v;
        case "--y-pred" -> yPred = v;
        case "--score" -> scores.addAll(List.of(v.split(",")));
        case "--weight" -> weight = v;
        case "--cluster" -> cluster = v;
        case "--sensitive" -> sensitive.add(v);
        case "--intersect" -> intersect.add(v);
        case "--positive" -> positive = v;
        case "--classes" -> classes = List.of(v.split(","));
        case "--undefined" -> undefined = UndefinedPolicy.valueOf(v.toUpperCase(Locale.ROOT));
        case "--missing" ->
            missing = MissingValuePolicy.valueOf(v.toUpperCase(Locale.ROOT).replace('-', '_'));
        case "--format" -> format = v;
        case "--out" -> out = Path.of(v);
        default -> throw new IllegalArgumentException("unknown option " + name);
      }
    }
    if (input == null || yTrue == null || yPred == null || sensitive.isEmpty()) {
      throw new IllegalArgumentException(
          "--input, --y-true, --y-pred and --sensitive are required");
    }
    CsvTableSpec.Builder b =
        CsvTableSpec.builder(yTrue, yPred)
            .weight(weight)
            .cluster(cluster)
            .positiveLabel(positive)
            .missingPolicy(missing);
    scores.forEach(b::score);
    List<FeatureSet> sets = new ArrayList<>();
    for (String s : sensitive) {
      CsvTableSpec.AttributeSpec a = CsvTableSpec.AttributeSpec.parse(s);
      b.attribute(a);
      sets.add(FeatureSet.of(a.name()));
    }
    for (String i : intersect) {
      sets.add(new FeatureSet(List.of(i.split(","))));
    }
    if (classes != null) {
      b.classes(ClassLabels.of(classes));
    }
    CsvTableSpec spec = b.build();
    FairnessEvaluator evaluator =
        FairnessEvaluator.builder().positiveLabel(positive).undefinedPolicy(undefined).build();
    ReportFormat f = ReportFormat.parse(format);
    SparkFileEvaluator.Result r =
        SparkFileEvaluator.evaluate(null, input, spec, evaluator, sets, null, java.util.Map.of());
    if (out == null) {
      PrintWriter w =
          new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), false);
      ReportWriter.write(r.reports(), f, w);
      w.flush();
    } else {
      ReportWriter.write(r.reports(), f, out);
    }
  }
}
