package org.fairness4j.tribuo;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.report.format.ReportFormat;
import org.fairness4j.core.report.format.ReportWriter;
import org.fairness4j.core.table.PredictionTable;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.evaluation.Evaluation;
import org.tribuo.evaluation.metrics.MetricID;
import org.tribuo.provenance.EvaluationProvenance;

/**
 * The result of a {@link TribuoFairnessEvaluator}: the full Fairness4J {@link GroupReport}s (one
 * per feature set) and the same numbers flattened into Tribuo's {@link MetricID} map, with the
 * evaluation's Tribuo provenance. Immutable.
 *
 * <p>Names in {@link #asMap()} (see {@link TribuoMetricIds}): {@code accuracy} (overall), {@code
 * accuracy/sex=F} (a group), {@code accuracy/sex/group_min}, {@code
 * accuracy/sex/difference/between_groups}, {@code
 * equalized_odds_difference/sex/between_groups/worst_case}. Targets follow Tribuo: a class's {@code
 * MetricTarget(Label)} for one-vs-rest values, the macro-average target for {@code macro_*} and
 * balanced accuracy, the micro-average target for the other whole-table values (accuracy, counts,
 * micro and weighted averages). Undefined values are NaN; {@link #report()} says why.
 */
public final class TribuoFairnessEvaluation implements Evaluation<Label> {
  private final PredictionTable table;
  private final List<GroupReport> reports;
  private final List<Prediction<Label>> predictions;
  private final EvaluationProvenance provenance;
  private final Map<MetricID<Label>, Double> values;

  TribuoFairnessEvaluation(
      PredictionTable table,
      List<GroupReport> reports,
      List<Prediction<Label>> predictions,
      EvaluationProvenance provenance) {
    this.table = table;
    this.reports = List.copyOf(reports);
    this.predictions = List.copyOf(predictions);
    this.provenance = provenance;
    this.values =
        Collections.unmodifiableMap(new LinkedHashMap<>(TribuoMetricIds.flatten(reports)));
  }

  @Override
  public Map<MetricID<Label>, Double> asMap() {
    return values;
  }

  @Override
  public List<Prediction<Label>> getPredictions() {
    return predictions;
  }

  @Override
  public EvaluationProvenance getProvenance() {
    return provenance;
  }

  /**
   * Returns the prediction table the reports were computed from.
   *
   * @return the table
   */
  public PredictionTable table() {
    return table;
  }

  /**
   * Returns all reports, one per feature set, in the evaluator's order.
   *
   * @return the reports
   */
  public List<GroupReport> reports() {
    return reports;
  }

  /**
   * Returns the report of the first feature set.
   *
   * @return the report
   */
  public GroupReport report() {
    return reports.get(0);
  }

  /**
   * Returns the report of a feature set.
   *
   * @param features the feature set
   * @return its report
   * @throws IllegalArgumentException if it was not evaluated
   */
  public GroupReport report(FeatureSet features) {
    for (GroupReport r : reports) {
      if (r.features().equals(features)) {
        return r;
      }
    }
    throw new IllegalArgumentException("feature set " + features.name() + " was not evaluated");
  }

  /** Returns the reports as Markdown tables. */
  @Override
  public String toString() {
    StringWriter out = new StringWriter();
    try {
      ReportWriter.write(reports, ReportFormat.MARKDOWN, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
