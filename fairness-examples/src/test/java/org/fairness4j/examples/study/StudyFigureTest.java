package org.fairness4j.examples.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The study's figure is readable: no text leaves its panel or overlaps another text (boxes
 * estimated generously at 0.6 em per character, 11 px type), every run is named in every panel, and
 * every value has its whisker. The first case is the embedded demo's own numbers ({@code
 * bin/fairness study --demo}, seed 42), whose points lie close together.
 */
class StudyFigureTest {
  private static final Pattern SVG =
      Pattern.compile(
          "<svg[^>]* width=\"(\\d+)\" height=\"(\\d+)\"[^>]*>(.*?)</svg>", Pattern.DOTALL);
  private static final Pattern TEXT = Pattern.compile("<text([^>]*)>([^<]*)</text>");

  private static double[] v(double e, double lo, double hi) {
    return new double[] {e, lo, hi};
  }

  private static StudyFigure.Point point(
      String label, double acc, double accLo, double accHi, double sex, double age, double f1) {
    double[] g = v(f1, f1 - 0.08, Math.min(1, f1 + 0.05));
    return new StudyFigure.Point(
        label,
        v(acc, accLo, accHi),
        v(sex, sex - 0.08, sex + 0.09),
        v(age, age - 0.09, age + 0.08),
        new double[][] {g, g, g, g});
  }

  /** The demo run's corrected values (tables.md of bin/fairness study --demo, seed 42). */
  static List<StudyFigure.Point> demo() {
    return List.of(
        point("demo-clip__zero-shot", 0.9000, 0.8582, 0.9334, 0.0363, -0.0363, 0.8989),
        point("demo-clip__linear-probe", 0.9250, 0.8958, 0.9542, 0.0171, -0.0343, 0.9323),
        point("demo-clip__mlp", 0.9292, 0.9000, 0.9542, 0.0250, -0.0084, 0.9323),
        point("demo-clip__lora", 0.8792, 0.8374, 0.9126, -0.0044, -0.0308, 0.8365),
        point("demo-clip__full", 0.9667, 0.9417, 0.9875, 0.0161, -0.0328, 0.9656));
  }

  /** Eight runs of two models with long names, some on top of each other. */
  static List<StudyFigure.Point> many() {
    List<StudyFigure.Point> l = new ArrayList<>();
    String[] s = {"zero-shot", "linear-probe", "mlp", "lora"};
    for (String m : new String[] {"biomedclip", "openai-clip-vit-b-16"}) {
      for (int i = 0; i < s.length; i++) {
        l.add(point(m + "__" + s[i], 0.80 + 0.002 * i, 0.76, 0.84, 0.03, 0.031, 0.8));
      }
    }
    return l;
  }

  @Test
  void demoFigureIsReadable() {
    check(demo());
  }

  @Test
  void manyRunsWithLongNamesAreReadable() {
    check(many());
  }

  private static void check(List<StudyFigure.Point> pts) {
    String html = StudyFigure.svg(pts);
    Matcher svg = SVG.matcher(html);
    int panels = 0;
    while (svg.find()) {
      panels++;
      double w = Double.parseDouble(svg.group(1));
      double h = Double.parseDouble(svg.group(2));
      String body = svg.group(3);
      List<double[]> boxes = new ArrayList<>();
      List<String> texts = new ArrayList<>();
      Matcher t = TEXT.matcher(body);
      while (t.find()) {
        double[] b = box(t.group(1), t.group(2));
        String what =
            "panel " + panels + " text '" + t.group(2) + "' " + java.util.Arrays.toString(b);
        assertTrue(
            b[0] >= 0 && b[1] >= 0 && b[2] <= w && b[3] <= h,
            what + " leaves the panel " + w + "x" + h);
        for (int i = 0; i < boxes.size(); i++) {
          double[] o = boxes.get(i);
          boolean apart = b[2] <= o[0] || o[2] <= b[0] || b[3] <= o[1] || o[3] <= b[1];
          assertTrue(apart, what + " overlaps '" + texts.get(i) + "'");
        }
        boxes.add(b);
        texts.add(t.group(2));
      }
      for (StudyFigure.Point p : pts) {
        String[] parts = StudyFigure.esc(p.label()).split("__");
        for (String part : parts) {
          assertTrue(
              texts.contains(part) || texts.contains(StudyFigure.esc(p.label())),
              "panel " + panels + " does not name run " + p.label() + ": " + texts);
        }
      }
    }
    assertEquals(3, panels);
    // whiskers: two per scatter point and panel, one per subgroup bar
    int whiskers = 0;
    Matcher m = Pattern.compile("class=\"whisker\"").matcher(html);
    while (m.find()) {
      whiskers++;
    }
    assertEquals(pts.size() * (2 * 2 + 4), whiskers);
  }

  /** Estimated box {x0, y0, x1, y1} of a text element, rotation included. */
  private static double[] box(String attrs, String content) {
    double x = attr(attrs, "x");
    double y = attr(attrs, "y");
    double size = attrs.contains("font-size=\"") ? attr(attrs, "font-size") : 11;
    String plain = content.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
    double len = 0.6 * size * plain.length();
    String anchor =
        attrs.contains("text-anchor=\"end\"")
            ? "end"
            : attrs.contains("text-anchor=\"middle\"") ? "middle" : "start";
    double x0 = anchor.equals("end") ? x - len : anchor.equals("middle") ? x - len / 2 : x;
    double[][] corners = {
      {x0, y - 0.8 * size},
      {x0 + len, y - 0.8 * size},
      {x0, y + 0.2 * size},
      {x0 + len, y + 0.2 * size}
    };
    Matcher r = Pattern.compile("rotate\\((-?[0-9.]+) (-?[0-9.]+) (-?[0-9.]+)\\)").matcher(attrs);
    if (r.find()) {
      double a = Math.toRadians(Double.parseDouble(r.group(1)));
      double cx = Double.parseDouble(r.group(2));
      double cy = Double.parseDouble(r.group(3));
      for (double[] c : corners) {
        double dx = c[0] - cx;
        double dy = c[1] - cy;
        c[0] = cx + dx * Math.cos(a) - dy * Math.sin(a);
        c[1] = cy + dx * Math.sin(a) + dy * Math.cos(a);
      }
    }
    double[] b = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
    for (double[] c : corners) {
      b[0] = Math.min(b[0], c[0]);
      b[1] = Math.min(b[1], c[1]);
      b[2] = Math.max(b[2], c[0]);
      b[3] = Math.max(b[3], c[1]);
    }
    return b;
  }

  private static double attr(String attrs, String name) {
    Matcher m = Pattern.compile("\\b" + name + "=\"(-?[0-9.]+)\"").matcher(attrs);
    assertTrue(m.find(), "no " + name + " in " + attrs);
    return Double.parseDouble(m.group(1));
  }
}
