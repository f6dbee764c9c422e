package org.fairness4j.core.report.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.fairness4j.core.report.AuditFixtures;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders the HTML report in headless Chromium (Debian package {@code chromium}; .ci/run installs
 * it) as a reader would see it: every chart has a non-zero size and drawn marks, nothing failed to
 * load, and a screenshot shows the chart colours. Skipped, saying why, when Chromium is absent; set
 * FAIRNESS4J_CHROMIUM to use another binary.
 */
class HtmlReportRenderingTest {
  /** Appended to a copy of the report only: measures the charts and records load errors. */
  private static final String PROBE =
      "<script>var errs=[];window.addEventListener('error',function(e){errs.push(String(e.message"
          + "||(e.target&&e.target.outerHTML)))},true);window.addEventListener('load',function(){"
          + "var s=[].slice.call(document.querySelectorAll('svg.chart')).map(function(e){var r="
          + "e.getBoundingClientRect();return [r.width,r.height,e.querySelectorAll("
          + "'rect,polyline,path,circle').length]});document.body.setAttribute('data-svg',"
          + "JSON.stringify(s));document.body.setAttribute('data-errors',JSON.stringify(errs))});"
          + "</script>";

  @TempDir Path dir;

  private static String chromium() {
    String env = System.getenv("FAIRNESS4J_CHROMIUM");
    if (env != null && !env.isBlank()) {
      return env;
    }
    for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
      for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
        if (Files.isExecutable(Path.of(d, name))) {
          return Path.of(d, name).toString();
        }
      }
    }
    return null;
  }

  private record Run(String stdout, String stderr) {}

  private Run chromium(String bin, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(bin, "--headless", "--no-sandbox", "--disable-gpu"));
    cmd.add("--user-data-dir=" + dir.resolve("profile"));
    cmd.add("--enable-logging=stderr");
    cmd.addAll(List.of(args));
    Path out = dir.resolve("stdout.txt");
    Path err = dir.resolve("stderr.txt");
    Process p =
        new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish in 90 s: " + cmd);
    }
    return new Run(Files.readString(out), Files.readString(err));
  }

  @Test
  void chartsRenderWithSizeAndMarksAndWithoutErrors() throws Exception {
    String bin = chromium();
    Assumptions.assumeTrue(
        bin != null,
        "headless Chromium not found: install Debian's 'chromium' package (as .ci/run does) or set"
            + " FAIRNESS4J_CHROMIUM to run the HTML rendering test");
    Path report = dir.resolve("report.html");
    AuditWriter.write(AuditFixtures.audit(), ReportFormat.HTML, report);
    String html = Files.readString(report);
    int charts = count(html, "<svg class=\"chart");
    Path probe = dir.resolve("probe.html");
    Files.writeString(probe, html.replace("</body>", PROBE + "</body>"), StandardCharsets.UTF_8);

    Run dom = chromium(bin, "--dump-dom", probe.toUri().toString());
    JsonNode sizes = attribute(dom.stdout(), "data-svg");
    assertEquals(charts, sizes.size(), "every chart is in the rendered page");
    for (JsonNode s : sizes) {
      assertTrue(s.get(0).asDouble() > 0 && s.get(1).asDouble() > 0, "chart has a size: " + s);
      assertTrue(s.get(2).asInt() > 0, "chart has marks: " + s);
    }
    assertEquals(0, attribute(dom.stdout(), "data-errors").size(), dom.stdout());
    assertFalse(dom.stderr().contains(":CONSOLE("), "console messages: " + dom.stderr());

    Path png = Path.of("target", "report-screenshot.png").toAbsolutePath();
    Files.createDirectories(png.getParent());
    Files.deleteIfExists(png);
    chromium(
        bin,
        "--hide-scrollbars",
        "--window-size=1200,2400",
        "--screenshot=" + png,
        report.toUri().toString());
    BufferedImage img = ImageIO.read(png.toFile());
    assertEquals(1200, img.getWidth());
    // The first chart colour (#0072B2, group A's bars and curves) is on screen.
    int blue = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        if ((img.getRGB(x, y) & 0xFFFFFF) == 0x0072B2) {
          blue++;
        }
      }
    }
    assertTrue(blue > 1000, "pixels of the first chart colour: " + blue);
  }

  private static JsonNode attribute(String dom, String name) throws IOException {
    Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(dom);
    assertTrue(m.find(), name + " missing from the rendered DOM");
    return new ObjectMapper().readTree(m.group(1).replace("&quot;", "\""));
  }

  private static int count(String s, String needle) {
    int n = 0;
    for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
