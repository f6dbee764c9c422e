package org.fairness4j.examples.study;

import java.util.List;
import java.util.Locale;

/**
 * The study's figure as inline SVG: accuracy against |ΔF1| (sex, then age) for every model ×
 * strategy with 95 % interval whiskers on both axes, and the four subgroup F1s of every run as bars
 * with whiskers. Colour-blind-safe palette, a marker shape per run, and a legend under each scatter
 * panel (point labels would overlap where runs score alike); bar groups are named under the axis,
 * model above strategy. {@code StudyFigureTest} checks that no text leaves its panel or overlaps
 * another.
 */
final class StudyFigure {
  private static final String[] COLOURS = {
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"
  };

  /**
   * One point of the scatter panels and its bars.
   *
   * @param label run name
   * @param accuracy accuracy and its interval
   * @param dSex ΔF1_gender and its interval (signed)
   * @param dAge ΔF1_age and its interval (signed)
   * @param subgroups young-M, young-F, old-M, old-F F1s with intervals
   */
  record Point(
      String label, double[] accuracy, double[] dSex, double[] dAge, double[][] subgroups) {}

  private StudyFigure() {}

  static String svg(List<Point> points) {
    StringBuilder b = new StringBuilder();
    b.append("<figure><figcaption><b>Figure.</b> Accuracy against the absolute F1 gap between")
        .append(" sexes (left) and age groups (right), corrected variant, with 95 % patient-")
        .append("clustered bootstrap intervals; below, the F1 of each subgroup per run.")
        .append("</figcaption>\n");
    b.append(scatter(points, true)).append(scatter(points, false)).append("<br>\n");
    b.append(bars(points)).append("</figure>\n");
    return b.toString();
  }

  private static double[] abs(double[] v) {
    double lo = v[1];
    double hi = v[2];
    double a = Math.abs(v[0]);
    if (Double.isNaN(lo) || Double.isNaN(hi)) {
      return new double[] {a, a, a};
    }
    if (lo <= 0 && hi >= 0) {
      return new double[] {a, 0, Math.max(-lo, hi)};
    }
    return new double[] {
      a, Math.min(Math.abs(lo), Math.abs(hi)), Math.max(Math.abs(lo), Math.abs(hi))
    };
  }

  private static String scatter(List<Point> points, boolean sex) {
    int w = 460;
    int plotH = 340;
    int h = plotH + 8 + 16 * points.size();
    int l = 60;
    int r = 20;
    int t = 30;
    int bt = 50;
    double xMin = 1;
    double xMax = 0;
    double yMax = 0.05;
    for (Point p : points) {
      xMin = Math.min(xMin, finite(p.accuracy()[1], p.accuracy()[0]));
      xMax = Math.max(xMax, finite(p.accuracy()[2], p.accuracy()[0]));
      double[] g = abs(sex ? p.dSex() : p.dAge());
      yMax = Math.max(yMax, g[2]);
    }
    xMin = Math.max(0, Math.floor((xMin - 0.02) * 20) / 20);
    xMax = Math.min(1, Math.ceil((xMax + 0.02) * 20) / 20);
    yMax = Math.ceil(yMax * 20 + 0.5) / 20;
    final double x0 = xMin;
    final double x1 = xMax;
    final double y1 = yMax;
    java.util.function.DoubleUnaryOperator X = v -> l + (v - x0) / (x1 - x0) * (w - l - r);
    java.util.function.DoubleUnaryOperator Y = v -> plotH - bt - v / y1 * (plotH - t - bt);
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" role=\"img\""
                + " aria-label=\"accuracy against |dF1_%s|\" style=\"font:11px sans-serif\">",
            w,
            h,
            sex ? "gender" : "age"));
    s.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"18\" font-weight=\"bold\">Accuracy vs |ΔF1 %s|</text>",
            l,
            sex ? "sex (M − F)" : "age (old − young)"));
    s.append(line(l, plotH - bt, w - r, plotH - bt, "#333"))
        .append(line(l, t, l, plotH - bt, "#333"));
    for (int i = 0; i <= 4; i++) {
      double xv = x0 + (x1 - x0) * i / 4;
      double yv = y1 * i / 4;
      s.append(
          text(
              X.applyAsDouble(xv),
              plotH - bt + 15,
              String.format(Locale.ROOT, "%.2f", xv),
              "middle"));
      s.append(text(l - 5, Y.applyAsDouble(yv) + 4, String.format(Locale.ROOT, "%.2f", yv), "end"));
      s.append(line(l, Y.applyAsDouble(yv), w - r, Y.applyAsDouble(yv), "#eee"));
    }
    s.append(text((l + w - r) / 2.0, plotH - 12, "accuracy", "middle"));
    s.append(
        String.format(
            Locale.ROOT,
            "<text x=\"14\" y=\"%.1f\" transform=\"rotate(-90 14 %.1f)\" text-anchor=\"middle\">|ΔF1|</text>",
            (t + plotH - bt) / 2.0,
            (t + plotH - bt) / 2.0));
    for (int i = 0; i < points.size(); i++) {
      Point p = points.get(i);
      String c = COLOURS[i % COLOURS.length];
      double[] g = abs(sex ? p.dSex() : p.dAge());
      double px = X.applyAsDouble(p.accuracy()[0]);
      double py = Y.applyAsDouble(g[0]);
      if (!Double.isNaN(p.accuracy()[1])) {
        s.append(
            whisker(X.applyAsDouble(p.accuracy()[1]), py, X.applyAsDouble(p.accuracy()[2]), py, c));
      }
      s.append(whisker(px, Y.applyAsDouble(g[1]), px, Y.applyAsDouble(g[2]), c));
      String title =
          String.format(
              Locale.ROOT,
              "%s: accuracy %.4f [%.4f, %.4f], |ΔF1| %.4f [%.4f, %.4f]",
              p.label(),
              p.accuracy()[0],
              p.accuracy()[1],
              p.accuracy()[2],
              g[0],
              g[1],
              g[2]);
      s.append(marker(i, px, py, c, title));
      // legend row under the plot: marker, then the run's name
      double ly = plotH + 8 + 16 * i;
      s.append(marker(i, l + 6, ly - 4, c, title));
      s.append(text(l + 16, ly, p.label(), "start"));
    }
    return s.append("</svg>\n").toString();
  }

  private static String bars(List<Point> points) {
    String[] names = {"young-M", "young-F", "old-M", "old-F"};
    String[] fill = {"#0072B2", "#56B4E9", "#D55E00", "#E69F00"};
    int longest = 0;
    for (Point p : points) {
      for (String part : p.label().split("__", 2)) {
        longest = Math.max(longest, part.length());
      }
    }
    // a group is wide enough for its name (about 6.6 px a character at 11 px)
    int group = Math.max(4 * 16 + 20, (int) Math.ceil(longest * 6.6) + 12);
    int l = 50;
    int w = Math.max(460, l + points.size() * group + 20);
    int h = 300;
    int t = 40;
    int bt = 50;
    java.util.function.DoubleUnaryOperator Y = v -> h - bt - v * (h - t - bt);
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" role=\"img\""
                + " aria-label=\"subgroup F1 per run\" style=\"font:11px sans-serif\">",
            w,
            h));
    s.append(
        text(l, 18, "F1 per subgroup (macro over the classes present), 95 % intervals", "start")
            .replace("<text ", "<text font-size=\"10\" "));
    for (int i = 0; i < 4; i++) {
      s.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%d\" y=\"24\" width=\"10\" height=\"10\" fill=\"%s\"/>",
              l + i * 80,
              fill[i]));
      s.append(text(l + i * 80 + 14, 33, names[i], "start"));
    }
    for (int i = 0; i <= 4; i++) {
      double v = i / 4.0;
      s.append(line(l, Y.applyAsDouble(v), w - 10, Y.applyAsDouble(v), "#eee"));
      s.append(text(l - 5, Y.applyAsDouble(v) + 4, String.format(Locale.ROOT, "%.2f", v), "end"));
    }
    for (int p = 0; p < points.size(); p++) {
      Point pt = points.get(p);
      int gx = l + p * group + (group - 4 * 16) / 2;
      for (int g = 0; g < 4; g++) {
        double[] v = pt.subgroups()[g];
        if (Double.isNaN(v[0])) {
          continue;
        }
        double x = gx + g * 16;
        s.append(
            String.format(
                Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"14\" height=\"%.1f\" fill=\"%s\"><title>%s %s: %.4f [%.4f, %.4f]</title></rect>",
                x,
                Y.applyAsDouble(v[0]),
                Y.applyAsDouble(0) - Y.applyAsDouble(v[0]),
                fill[g],
                esc(pt.label()),
                names[g],
                v[0],
                v[1],
                v[2]));
        if (!Double.isNaN(v[1])) {
          s.append(whisker(x + 7, Y.applyAsDouble(v[1]), x + 7, Y.applyAsDouble(v[2]), "#000"));
        }
      }
      // the run's name under its group: model, then strategy
      String[] parts = pt.label().split("__", 2);
      double cx = gx + 4 * 16 / 2.0;
      for (int k = 0; k < parts.length; k++) {
        s.append(text(cx, h - bt + 16 + 14 * k, parts[k], "middle"));
      }
    }
    s.append(line(l, Y.applyAsDouble(0), w - 10, Y.applyAsDouble(0), "#333"));
    return s.append("</svg>\n").toString();
  }

  /** A whisker (interval line) with caps; the caps are drawn across its ends. */
  private static String whisker(double x1, double y1, double x2, double y2, String c) {
    boolean vertical = x1 == x2;
    String cap1 = vertical ? line(x1 - 3, y1, x1 + 3, y1, c) : line(x1, y1 - 3, x1, y1 + 3, c);
    String cap2 = vertical ? line(x2 - 3, y2, x2 + 3, y2, c) : line(x2, y2 - 3, x2, y2 + 3, c);
    return line(x1, y1, x2, y2, c).replace("<line ", "<line class=\"whisker\" ") + cap1 + cap2;
  }

  /** Run i's marker: a shape per run (circle, square, triangle, diamond, inverted triangle). */
  private static String marker(int i, double x, double y, String c, String title) {
    String t = "<title>" + esc(title) + "</title>";
    return switch (i % 5) {
      case 0 ->
          String.format(
              Locale.ROOT,
              "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" fill=\"%s\">%s</circle>",
              x,
              y,
              c,
              t);
      case 1 ->
          String.format(
              Locale.ROOT,
              "<rect x=\"%.1f\" y=\"%.1f\" width=\"8\" height=\"8\" fill=\"%s\">%s</rect>",
              x - 4,
              y - 4,
              c,
              t);
      default -> {
        double[][] v =
            switch (i % 5) {
              case 2 -> new double[][] {{0, -5}, {5, 4}, {-5, 4}};
              case 3 -> new double[][] {{0, -5.5}, {5, 0}, {0, 5.5}, {-5, 0}};
              default -> new double[][] {{0, 5}, {5, -4}, {-5, -4}};
            };
        StringBuilder pts = new StringBuilder();
        for (double[] d : v) {
          pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x + d[0], y + d[1]));
        }
        yield String.format(
            Locale.ROOT,
            "<polygon points=\"%s\" fill=\"%s\">%s</polygon>",
            pts.toString().strip(),
            c,
            t);
      }
    };
  }

  private static double finite(double v, double fallback) {
    return Double.isNaN(v) ? fallback : v;
  }

  private static String line(double x1, double y1, double x2, double y2, String c) {
    return String.format(
        Locale.ROOT,
        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>",
        x1,
        y1,
        x2,
        y2,
        c);
  }

  private static String text(double x, double y, String s, String anchor) {
    return String.format(
        Locale.ROOT,
        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>",
        x,
        y,
        anchor,
        esc(s));
  }

  static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
