package org.fairness4j.core.report.format;

import static org.fairness4j.core.report.format.HtmlText.clamp;
import static org.fairness4j.core.report.format.HtmlText.esc;
import static org.fairness4j.core.report.format.HtmlText.fmt;
import static org.fairness4j.core.report.format.HtmlText.num;
import static org.fairness4j.core.report.format.HtmlText.reason;
import static org.fairness4j.core.report.format.HtmlText.shorten;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.ReportStatisticId;
import org.fairness4j.core.calibration.Calibration;
import org.fairness4j.core.calibration.GroupCalibration;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.metrics.Metric;
import org.fairness4j.core.metrics.MetricValue;
import org.fairness4j.core.metrics.MetricValues;
import org.fairness4j.core.report.FairnessAudit;
import org.fairness4j.core.roc.RocCurve;
import org.fairness4j.core.stats.Interval;

/**
 * The hand-written inline SVG charts of the HTML report: bars by group with interval whiskers, ROC
 * curves and reliability diagrams.
 */
final class AuditHtmlCharts {
  /** Okabe–Ito colours, distinguishable with colour-vision deficiencies. */
  private static final String[] COLOURS = {
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"
  };

  private static final List<Metric> BINARY_CHARTS =
      List.of(
          Metric.SELECTION_RATE,
          Metric.ACCURACY,
          Metric.RECALL,
          Metric.FPR,
          Metric.PRECISION,
          Metric.F1,
          Metric.ROC_AUC);
  private static final List<Metric> MULTICLASS_CHARTS =
      List.of(Metric.ACCURACY, Metric.BALANCED_ACCURACY, Metric.MACRO_F1, Metric.MACRO_RECALL);

  /** The side of the ROC and reliability plots, and their left margin. */
  private static final int SQUARE = 260;

  private static final int PAD = 30;

  private final Writer out;

  AuditHtmlCharts(Writer out) {
    this.out = out;
  }

  /** The identity of a group's value of a metric, or of the overall value when g is null. */
  static ReportStatisticId statisticKey(GroupKey g, Metric m) {
    return g == null ? ReportStatisticId.overall(m) : ReportStatisticId.byGroup(g, m);
  }

  void charts(FairnessAudit.Section s) throws IOException {
    GroupReport r = s.report();
    w("<div class=\"charts\">\n");
    for (Metric m : r.isBinary() ? BINARY_CHARTS : MULTICLASS_CHARTS) {
      if (r.metrics().contains(m)) {
        bars(s, m);
      }
    }
    w("</div>\n");
  }

  /** Horizontal bars in [0, 1], one per group, with interval whiskers. */
  private void bars(FairnessAudit.Section s, Metric m) throws IOException {
    GroupReport r = s.report();
    List<GroupKey> gs = new ArrayList<>(r.byGroup().keySet());
    int label = 110;
    int plot = 200;
    int rowH = 20;
    int top = 24;
    int h = top + rowH * (gs.size() + 1) + 18;
    int wd = label + plot + 60;
    svg("bar", m.key() + " by group", wd, h);
    w("<text x=\"4\" y=\"15\" font-size=\"13\" font-weight=\"bold\">" + m.key() + "</text>\n");
    List<GroupKey> rows = new ArrayList<>(gs);
    rows.add(null);
    for (int i = 0; i < rows.size(); i++) {
      GroupKey g = rows.get(i);
      MetricValues vals = g == null ? r.overall() : r.group(g);
      MetricValue v = vals.get(m);
      int y = top + i * rowH;
      String name = g == null ? "overall" : g.toString();
      w(
          "<text x=\""
              + (label - 4)
              + "\" y=\""
              + (y + 14)
              + "\" font-size=\"11\" text-anchor=\"end\">");
      w(esc(shorten(name)) + "</text>\n");
      if (!v.isDefined() || Double.isNaN(v.value())) {
        w("<text x=\"" + (label + 4) + "\" y=\"" + (y + 14) + "\" font-size=\"11\" fill=\"#b00\">");
        w("undefined" + (v.reason() == null ? "" : " (" + esc(reason(v)) + ")") + "</text>\n");
        continue;
      }
      double x = clamp(v.value());
      String fill = g == null ? "#999" : COLOURS[i % COLOURS.length];
      w("<rect x=\"" + label + "\" y=\"" + (y + 3) + "\" width=\"" + fmt(x * plot));
      w("\" height=\"" + (rowH - 6) + "\" fill=\"" + fill + "\"><title>" + esc(name) + ": ");
      w(num(v.value()) + "</title></rect>\n");
      Interval ci = s.interval(statisticKey(g, m));
      if (ci != null && !Double.isNaN(ci.lower())) {
        double lo = label + clamp(ci.lower()) * plot;
        double hi = label + clamp(ci.upper()) * plot;
        double cy = y + rowH / 2.0;
        w("<path class=\"whisker\" d=\"M" + fmt(lo) + " " + fmt(cy) + "H" + fmt(hi));
        w(
            "M"
                + fmt(lo)
                + " "
                + fmt(cy - 5)
                + "V"
                + fmt(cy + 5)
                + "M"
                + fmt(hi)
                + " "
                + fmt(cy - 5));
        w("V" + fmt(cy + 5) + "\" stroke=\"#222\" stroke-width=\"1.3\" fill=\"none\"/>\n");
      }
      w("<text x=\"" + (label + plot + 4) + "\" y=\"" + (y + 14) + "\" font-size=\"11\">");
      w(num(v.value()) + "</text>\n");
    }
    int axisY = top + rowH * rows.size() + 2;
    w("<path d=\"M" + label + " " + axisY + "H" + (label + plot) + "\" stroke=\"#999\"/>\n");
    for (int t = 0; t <= 4; t++) {
      double x = label + plot * t / 4.0;
      w(
          "<text x=\""
              + fmt(x)
              + "\" y=\""
              + (axisY + 13)
              + "\" font-size=\"10\" text-anchor=\"middle\">");
      w(fmt(t / 4.0) + "</text>\n");
    }
    w("</svg>\n");
  }

  void roc(FairnessAudit.Section s) throws IOException {
    int size = SQUARE;
    int pad = PAD;
    square(
        "roc", "ROC curves by group", "ROC by group", "false positive rate", "true positive rate");
    Map<String, RocCurve> curves = new LinkedHashMap<>();
    s.roc().forEach((k, v) -> curves.put(k.toString(), v));
    int i = 0;
    for (Map.Entry<String, RocCurve> e : curves.entrySet()) {
      RocCurve c = e.getValue();
      StringBuilder pts = new StringBuilder();
      for (int j = 0; j < c.fpr().length; j++) {
        pts.append(fmt(pad + c.fpr()[j] * size)).append(',');
        pts.append(fmt(20 + size - c.tpr()[j] * size)).append(' ');
      }
      String colour = COLOURS[i % COLOURS.length];
      w(
          "<polyline class=\"curve\" points=\""
              + pts.toString().strip()
              + "\" fill=\"none\" stroke=\"");
      w(colour + "\" stroke-width=\"1.8\"><title>" + esc(e.getKey()) + "</title></polyline>\n");
      legend(pad + size + 10, 30 + i * 16, colour, e.getKey() + " AUC " + num(c.auc()));
      i++;
    }
    w("</svg>\n");
  }

  void reliability(GroupCalibration cal, GroupReport r) throws IOException {
    int size = SQUARE;
    int pad = PAD;
    square(
        "reliability",
        "reliability by group",
        "Reliability by group",
        "mean predicted probability",
        "observed rate");
    int i = 0;
    for (Map.Entry<GroupKey, Calibration> e : cal.byGroup().entrySet()) {
      Calibration c = e.getValue();
      if (c.reliability().isEmpty()) {
        i++;
        continue;
      }
      String colour = COLOURS[i % COLOURS.length];
      StringBuilder pts = new StringBuilder();
      for (Calibration.Bin b : c.reliability()) {
        double x = pad + b.meanScore() * size;
        double y = 20 + size - b.observedRate() * size;
        pts.append(fmt(x)).append(',').append(fmt(y)).append(' ');
        w(
            "<circle cx=\""
                + fmt(x)
                + "\" cy=\""
                + fmt(y)
                + "\" r=\"2.5\" fill=\""
                + colour
                + "\"/>\n");
      }
      w(
          "<polyline class=\"curve\" points=\""
              + pts.toString().strip()
              + "\" fill=\"none\" stroke=\"");
      w(colour + "\" stroke-width=\"1.5\"/>\n");
      legend(pad + size + 10, 30 + i * 16, colour, e.getKey() + " ECE " + num(c.ece()));
      i++;
    }
    w("</svg>\n");
  }

  /** Opens a square chart with a legend to its right: its title and its frame, [0, 1]². */
  private void square(String kind, String label, String title, String xLabel, String yLabel)
      throws IOException {
    int total = SQUARE + PAD + 150;
    svg(kind, label, total, SQUARE + PAD + 20);
    w("<text x=\"" + PAD + "\" y=\"14\" font-size=\"13\" font-weight=\"bold\">" + title);
    w("</text>\n");
    frame(PAD, 20, SQUARE, xLabel, yLabel);
  }

  /** Opens an SVG chart of the given class, accessible name and size. */
  private void svg(String kind, String label, int width, int height) throws IOException {
    w("<svg class=\"chart " + kind + "\" role=\"img\" aria-label=\"" + label + "\" width=\"");
    w(width + "\" height=\"" + height + "\" viewBox=\"0 0 " + width + " " + height);
    w("\" xmlns=\"http://www.w3.org/2000/svg\">\n");
  }

  private void frame(int x0, int y0, int size, String xLabel, String yLabel) throws IOException {
    w("<rect x=\"" + x0 + "\" y=\"" + y0 + "\" width=\"" + size + "\" height=\"" + size);
    w("\" fill=\"none\" stroke=\"#999\"/>\n");
    w("<path d=\"M" + x0 + " " + (y0 + size) + "L" + (x0 + size) + " " + y0);
    w("\" stroke=\"#ccc\" stroke-dasharray=\"4 3\"/>\n");
    w("<text x=\"" + (x0 + size / 2) + "\" y=\"" + (y0 + size + 16) + "\" font-size=\"10\"");
    w(" text-anchor=\"middle\">" + xLabel + "</text>\n");
    w("<text x=\"10\" y=\"" + (y0 + size / 2) + "\" font-size=\"10\" text-anchor=\"middle\"");
    w(" transform=\"rotate(-90 10 " + (y0 + size / 2) + ")\">" + yLabel + "</text>\n");
  }

  private void legend(int x, int y, String colour, String text) throws IOException {
    w(
        "<rect x=\""
            + x
            + "\" y=\""
            + (y - 9)
            + "\" width=\"10\" height=\"10\" fill=\""
            + colour
            + "\"/>");
    w(
        "<text x=\""
            + (x + 14)
            + "\" y=\""
            + y
            + "\" font-size=\"10\">"
            + esc(shorten(text))
            + "</text>\n");
  }

  private void w(String s) throws IOException {
    out.write(s);
  }
}
