package org.fairness4j.cli.nih;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The columns of the paper's tables ({@code tables.csv} of {@code fairness study}, {@code fairness
 * paper-metrics}) and their values: full double precision in CSV ({@code NaN} for an undefined
 * value, its reason in the last column, {@code undefined}), four decimals in Markdown.
 */
public final class PaperTables {
  private PaperTables() {}

  /**
   * The metric columns, in order, after {@code model,strategy,variant}.
   *
   * @return the names
   */
  public static List<String> metricColumns() {
    List<String> h = new ArrayList<>(List.of("accuracy"));
    NihProtocol.CLASSES.forEach(c -> h.add("F1_" + c));
    h.addAll(
        List.of(
            "Var_F1",
            "F1_young-M",
            "F1_young-F",
            "F1_old-M",
            "F1_old-F",
            "Var_F1_subgroups",
            "dF1_age",
            "dF1_gender",
            "EqOdds_age",
            "EqOdds_gender",
            "ECE_delta_age",
            "ECE_delta_gender"));
    return h;
  }

  /**
   * The columns of {@code tables.csv}: {@code model,strategy,variant}, the metrics, {@code
   * undefined}.
   *
   * @return the names
   */
  public static List<String> header() {
    List<String> h = new ArrayList<>(List.of("model", "strategy", "variant"));
    h.addAll(metricColumns());
    h.add("undefined");
    return h;
  }

  /**
   * The metric values of a row, in {@link #metricColumns} order.
   *
   * @param m the row
   * @return the values
   */
  public static double[] values(PaperMetrics.Row m) {
    List<Double> v = new ArrayList<>(List.of(m.accuracy()));
    for (double x : m.f1()) {
      v.add(x);
    }
    v.add(m.varF1());
    for (String g : List.of("young-M", "young-F", "old-M", "old-F")) {
      v.add(m.subgroupF1().get(g));
    }
    v.addAll(
        List.of(
            m.varF1Subgroups(),
            m.deltaF1Age(),
            m.deltaF1Gender(),
            m.eqOddsAge(),
            m.eqOddsGender(),
            m.eceDeltaAge(),
            m.eceDeltaGender()));
    return v.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * A CSV row: the given leading cells, the values at full precision, the undefined reasons.
   *
   * @param lead e.g. model, strategy, variant
   * @param m the row
   * @return the cells
   */
  public static List<String> csvRow(List<String> lead, PaperMetrics.Row m) {
    List<String> r = new ArrayList<>(lead);
    for (double x : values(m)) {
      r.add(Double.toString(x));
    }
    r.add(reasons(m.undefined()));
    return r;
  }

  /**
   * A Markdown row: the leading cells, the values to four decimals, the undefined reasons.
   *
   * @param lead e.g. model, strategy, variant
   * @param m the row
   * @return the cells
   */
  public static List<String> markdownRow(List<String> lead, PaperMetrics.Row m) {
    List<String> r = new ArrayList<>(lead);
    for (double x : values(m)) {
      r.add(Double.isNaN(x) ? "NaN" : String.format(Locale.ROOT, "%.4f", x));
    }
    r.add(reasons(m.undefined()).replace("|", "\\|"));
    return r;
  }

  /** {@code column: reason; column: reason}. */
  static String reasons(Map<String, String> undefined) {
    List<String> l = new ArrayList<>();
    undefined.forEach((k, v) -> l.add(k + ": " + v));
    return String.join("; ", l);
  }
}
