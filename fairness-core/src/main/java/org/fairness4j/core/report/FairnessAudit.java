package org.fairness4j.core.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.fairness4j.core.Disparity;
import org.fairness4j.core.DisparityMethod;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.ReportStatisticId;
import org.fairness4j.core.bootstrap.BootstrapResult;
import org.fairness4j.core.calibration.GroupCalibration;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupIndex;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.metrics.Metric;
import org.fairness4j.core.policy.PolicyResult;
import org.fairness4j.core.roc.RocCurve;
import org.fairness4j.core.stats.Interval;
import org.fairness4j.core.table.PredictionTable;

/**
 * Everything a fairness report shows: the group reports (one per feature set) with their bootstrap
 * intervals, per-group ROC curves and calibration when scores are present, the largest gaps, and
 * the provenance. Written as HTML, Markdown, JSON or CSV by {@code
 * org.fairness4j.core.report.format.AuditWriter}. Immutable.
 *
 * <pre>{@code
 * FairnessAudit audit = FairnessAudit.builder(reports)
 *     .intervals(bootstrapResults)
 *     .curves(table)                       // ROC and reliability per group (binary, with scores)
 *     .provenance(ReportProvenance.builder().inputFile(csv).seed("bootstrap", 42).build())
 *     .build();
 * AuditWriter.write(audit, ReportFormat.HTML, Path.of("report.html"));
 * }</pre>
 */
public final class FairnessAudit {
  /** Metrics whose gaps say something about the data rather than the model. */
  private static final List<Metric> NOT_GAPS = List.of(Metric.COUNT, Metric.BASE_RATE);

  private final String title;
  private final ReportProvenance provenance;
  private final List<Section> sections;
  private final List<Gap> gaps;
  private final PolicyResult policy;

  /**
   * One feature set's part of the audit.
   *
   * @param report the group report
   * @param intervals its bootstrap intervals, or null
   * @param roc per-group ROC curves of the positive label's score (empty without scores)
   * @param overallRoc the overall ROC curve, or null
   * @param calibration per-group calibration, or null (no scores, or scores outside [0, 1])
   */
  public record Section(
      GroupReport report,
      BootstrapResult intervals,
      Map<GroupKey, RocCurve> roc,
      RocCurve overallRoc,
      GroupCalibration calibration) {
    /**
     * Creates a section.
     *
     * @param report report
     * @param intervals intervals
     * @param roc curves
     * @param overallRoc overall curve
     * @param calibration calibration
     */
    public Section {
      Objects.requireNonNull(report);
      roc = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(roc));
    }

    /**
     * Returns the interval of a report number, or null.
     *
     * @param id a number of {@link BootstrapResult#intervals()}
     * @return the interval or null
     */
    public Interval interval(ReportStatisticId id) {
      return intervals == null ? null : intervals.intervals().get(id);
    }

    /**
     * Returns the interval of a statistic by key, or null.
     *
     * @param statistic a key, e.g. {@code by_group/F/recall}
     * @return the interval or null
     * @throws IllegalArgumentException if the key is not a report number's
     * @deprecated use {@link #interval(ReportStatisticId)} with {@link ReportStatisticId#parse}
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public Interval interval(String statistic) {
      return interval(ReportStatisticId.parse(statistic));
    }
  }

  /**
   * A between-groups gap, for the summary.
   *
   * @param features the feature set
   * @param statistic the gap's identity (its key, e.g. {@code difference/between_groups/recall}, is
   *     its name in bootstrap results)
   * @param label a readable name, e.g. {@code recall difference}
   * @param value the gap
   * @param interval its bootstrap interval, or null
   * @param groups the groups that produced it
   */
  public record Gap(
      FeatureSet features,
      ReportStatisticId statistic,
      String label,
      double value,
      Interval interval,
      List<GroupKey> groups) {
    /**
     * Creates a gap.
     *
     * @param features feature set
     * @param statistic statistic
     * @param label label
     * @param value value
     * @param interval interval
     * @param groups groups
     */
    public Gap {
      groups = List.copyOf(groups);
    }
  }

  private FairnessAudit(Builder b) {
    this.title = b.title;
    this.provenance = b.provenance;
    List<Section> s = new ArrayList<>();
    for (int i = 0; i < b.reports.size(); i++) {
      GroupReport r = b.reports.get(i);
      BootstrapResult boot = b.intervals == null ? null : b.intervals.get(i);
      s.add(curves(r, boot, b.table, b.calibrationBins));
    }
    this.sections = List.copyOf(s);
    this.gaps = gaps(sections);
    this.policy = b.policy;
  }

  /**
   * Returns the fairness policy's verdicts the report shows in their own section, if any.
   *
   * @return the policy result, or empty
   */
  public Optional<PolicyResult> policy() {
    return Optional.ofNullable(policy);
  }

  /**
   * Starts an audit of these reports.
   *
   * @param reports one report per feature set, not empty
   * @return a builder
   */
  public static Builder builder(List<GroupReport> reports) {
    return new Builder(reports);
  }

  /**
   * Returns the title.
   *
   * @return the title
   */
  public String title() {
    return title;
  }

  /**
   * Returns the provenance.
   *
   * @return the provenance
   */
  public ReportProvenance provenance() {
    return provenance;
  }

  /**
   * Returns the sections, one per feature set.
   *
   * @return the sections
   */
  public List<Section> sections() {
    return sections;
  }

  /**
   * Returns every defined between-groups difference (of metrics and named fairness metrics, not of
   * counts or base rates), largest first.
   *
   * @return the gaps
   */
  public List<Gap> gaps() {
    return gaps;
  }

  private static Section curves(
      GroupReport r, BootstrapResult boot, PredictionTable table, int bins) {
    if (table == null || !r.isBinary() || !table.hasScores(r.positiveLabel().orElseThrow())) {
      return new Section(r, boot, Map.of(), null, null);
    }
    String positive = r.positiveLabel().orElseThrow();
    int pos = table.classes().require(positive);
    double[] scores = table.scores(positive);
    GroupIndex index = GroupIndex.of(table, r.features());
    int groups = index.groupCount();
    List<List<Integer>> rows = new ArrayList<>();
    for (int g = 0; g < groups; g++) {
      rows.add(new ArrayList<>());
    }
    boolean probabilities = true;
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < table.rowCount(); i++) {
      int g = index.groupOf(i);
      if (g >= 0) {
        rows.get(g).add(i);
        all.add(i);
        probabilities &= scores[i] >= 0 && scores[i] <= 1;
      }
    }
    Map<GroupKey, RocCurve> roc = new LinkedHashMap<>();
    for (int g = 0; g < groups; g++) {
      RocCurve c = roc(rows.get(g), scores, table, pos);
      if (c != null) {
        roc.put(index.keys().get(g), c);
      }
    }
    GroupCalibration cal =
        probabilities
            ? GroupCalibration.of(
                table, r.features(), positive, bins, GroupCalibration.Binning.EQUAL_WIDTH)
            : null;
    return new Section(r, boot, roc, roc(all, scores, table, pos), cal);
  }

  /** The ROC curve of some rows, or null when they lack positives or negatives. */
  private static RocCurve roc(List<Integer> rows, double[] scores, PredictionTable t, int pos) {
    double[] s = new double[rows.size()];
    boolean[] y = new boolean[rows.size()];
    int positives = 0;
    for (int j = 0; j < s.length; j++) {
      s[j] = scores[rows.get(j)];
      y[j] = t.trueClass(rows.get(j)) == pos;
      positives += y[j] ? 1 : 0;
    }
    return positives == 0 || positives == s.length ? null : RocCurve.of(s, y);
  }

  private static List<Gap> gaps(List<Section> sections) {
    List<Gap> out = new ArrayList<>();
    for (Section s : sections) {
      GroupReport r = s.report();
      for (Metric m : r.metrics()) {
        if (NOT_GAPS.contains(m)) {
          continue;
        }
        Disparity d = r.difference(m, DisparityMethod.BETWEEN_GROUPS);
        if (d.isDefined()) {
          ReportStatisticId stat = ReportStatisticId.difference(DisparityMethod.BETWEEN_GROUPS, m);
          out.add(
              new Gap(
                  r.features(),
                  stat,
                  m.key() + " difference",
                  d.value(),
                  s.interval(stat),
                  d.groups()));
        }
      }
      for (Map.Entry<ReportStatisticId, Disparity> e : r.fairness().byId().entrySet()) {
        Disparity d = e.getValue();
        ReportStatisticId id = e.getKey();
        if (d.isDefined() && id.method() == DisparityMethod.BETWEEN_GROUPS && id.isDifference()) {
          out.add(new Gap(r.features(), id, id.localKey(), d.value(), s.interval(id), d.groups()));
        }
      }
    }
    out.sort(Comparator.comparingDouble(Gap::value).reversed());
    return List.copyOf(out);
  }

  /** Configures a {@link FairnessAudit}. */
  public static final class Builder {
    private final List<GroupReport> reports;
    private List<BootstrapResult> intervals;
    private PredictionTable table;
    private int calibrationBins = 10;
    private ReportProvenance provenance;
    private String title = "Fairness report";
    private PolicyResult policy;

    private Builder(List<GroupReport> reports) {
      if (reports.isEmpty()) {
        throw new IllegalArgumentException("an audit needs at least one report");
      }
      this.reports = List.copyOf(reports);
    }

    /**
     * Adds bootstrap intervals, one result per report in the same order.
     *
     * @param intervals the results
     * @return this builder
     */
    public Builder intervals(List<BootstrapResult> intervals) {
      if (intervals != null && intervals.size() != reports.size()) {
        throw new IllegalArgumentException("one bootstrap result per report is needed");
      }
      this.intervals = intervals == null ? null : List.copyOf(intervals);
      return this;
    }

    /**
     * Computes per-group ROC curves (and calibration, when the scores are probabilities) of the
     * binary reports from the table they were computed from.
     *
     * @param table the predictions with scores
     * @return this builder
     */
    public Builder curves(PredictionTable table) {
      this.table = table;
      return this;
    }

    /**
     * Sets the number of equal-width calibration bins (default 10).
     *
     * @param bins at least 1
     * @return this builder
     */
    public Builder calibrationBins(int bins) {
      if (bins < 1) {
        throw new IllegalArgumentException("at least one bin");
      }
      this.calibrationBins = bins;
      return this;
    }

    /**
     * Sets the provenance (default: version and date only).
     *
     * @param provenance the provenance
     * @return this builder
     */
    public Builder provenance(ReportProvenance provenance) {
      this.provenance = provenance;
      return this;
    }

    /**
     * Adds a fairness policy's verdicts, shown in a "Fairness policy" section after the provenance
     * (HTML, Markdown) and as {@code policy} (JSON).
     *
     * @param policy the checked policy, or null for none
     * @return this builder
     */
    public Builder policy(PolicyResult policy) {
      this.policy = policy;
      return this;
    }

    /**
     * Sets the title (default "Fairness report").
     *
     * @param title the title
     * @return this builder
     */
    public Builder title(String title) {
      this.title = Objects.requireNonNull(title);
      return this;
    }

    /**
     * Builds the audit.
     *
     * @return the audit
     */
    public FairnessAudit build() {
      if (provenance == null) {
        provenance = ReportProvenance.minimal();
      }
      return new FairnessAudit(this);
    }
  }
}
