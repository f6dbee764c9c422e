package org.fairness4j.examples.tribuo;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.fairness4j.core.DisparityMethod;
import org.fairness4j.core.EqualizedOddsAggregation;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.metrics.Metric;
import org.fairness4j.core.table.Binning;
import org.fairness4j.tribuo.TribuoFairnessEvaluation;
import org.fairness4j.tribuo.TribuoFairnessEvaluator;
import org.fairness4j.tribuo.TribuoTableSpec;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.data.columnar.FieldProcessor;
import org.tribuo.data.columnar.RowProcessor;
import org.tribuo.data.columnar.extractors.IdentityExtractor;
import org.tribuo.data.columnar.processors.field.DoubleFieldProcessor;
import org.tribuo.data.columnar.processors.response.FieldResponseProcessor;
import org.tribuo.data.csv.CSVDataSource;
import org.tribuo.evaluation.TrainTestSplitter;

/**
 * Trains a Tribuo logistic regression on a CSV with sensitive columns and evaluates accuracy and
 * fairness together: the whole Tribuo integration in one page.
 *
 * <p>The sensitive columns ({@code sex}, {@code age}) and the patient id are read as Tribuo
 * <em>metadata</em> by the {@code RowProcessor}, so the model never sees them as features; {@link
 * TribuoFairnessEvaluator} reads them back from each example to form the groups.
 */
public final class TribuoFairnessExample {
  /** The bundled synthetic data (tools/make_tribuo_demo.py). */
  public static final Path DEFAULT_DATA = Path.of("examples", "tribuo", "referrals_synthetic.csv");

  /** What the example measured. */
  public record Result(LabelEvaluation tribuo, TribuoFairnessEvaluation fairness) {}

  private TribuoFairnessExample() {}

  /**
   * Loads the CSV, splits it 70/30 with the seed, trains, evaluates and prints both evaluations.
   *
   * @param csv a CSV with columns marker_a, marker_b, sex, age, patient_id, referral
   * @param seed the train/test split seed
   * @param out where to print
   * @return both evaluations
   */
  public static Result run(Path csv, long seed, PrintStream out) {
    LabelFactory labels = new LabelFactory();
    RowProcessor<Label> rows =
        new RowProcessor.Builder<Label>()
            .setFieldProcessors(
                Map.<String, FieldProcessor>of(
                        "marker_a", new DoubleFieldProcessor("marker_a"),
                        "marker_b", new DoubleFieldProcessor("marker_b"))
                    .values())
            .addMetadataExtractor(new IdentityExtractor("sex"))
            .addMetadataExtractor(new IdentityExtractor("age"))
            .addMetadataExtractor(new IdentityExtractor("patient_id"))
            .build(
                new FieldResponseProcessor<>(
                    List.of("referral"), List.of("routine"), labels, false, false));
    TrainTestSplitter<Label> split =
        new TrainTestSplitter<>(new CSVDataSource<>(csv, rows, true), 0.7, seed);
    MutableDataset<Label> train = new MutableDataset<>(split.getTrain());
    MutableDataset<Label> test = new MutableDataset<>(split.getTest());
    Model<Label> model = new LogisticRegressionTrainer().train(train);

    LabelEvaluation tribuo = new LabelEvaluator().evaluate(model, test);
    TribuoFairnessEvaluator fairness =
        TribuoFairnessEvaluator.builder()
            .table(
                TribuoTableSpec.builder()
                    .categorical("sex")
                    .binned("age", Binning.parse("0,60,200"))
                    .cluster("patient_id")
                    .build())
            .evaluator(FairnessEvaluator.builder().positiveLabel("refer").build())
            .build();
    TribuoFairnessEvaluation eval = fairness.evaluate(model, test);

    out.printf(
        "Synthetic data (%s): %d training and %d test rows.%n%n",
        csv.getFileName(), train.size(), test.size());
    out.println("Tribuo's LabelEvaluation:");
    out.println(tribuo);
    out.println("Fairness4J, positive label 'refer':");
    for (String attribute : new String[] {"sex", "age"}) {
      GroupReport r = eval.report(FeatureSet.of(attribute));
      out.printf(
          "  %-4s accuracy %s, worst group %s (%.3f); equalized odds difference %.3f;"
              + " demographic parity difference %.3f%n",
          attribute,
          String.format("%.3f", r.overall().value(Metric.ACCURACY)),
          r.groupMin(Metric.ACCURACY).group(),
          r.groupMin(Metric.ACCURACY).value(),
          r.fairness()
              .equalizedOddsDifference(
                  DisparityMethod.BETWEEN_GROUPS, EqualizedOddsAggregation.WORST_CASE)
              .value(),
          r.fairness().demographicParityDifference(DisparityMethod.BETWEEN_GROUPS).value());
    }
    out.println();
    out.println(eval);
    return new Result(tribuo, eval);
  }
}
