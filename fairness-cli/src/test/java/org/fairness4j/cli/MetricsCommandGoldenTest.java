package org.fairness4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The command line end to end on the Fairlearn golden table (fairness-core's test resources; values
 * from Fairlearn 0.15.0.dev0, see the README there): the intersection sex+age in Fairlearn mode.
 */
class MetricsCommandGoldenTest {
  private static final Path GOLDEN =
      Path.of("..", "fairness-core", "src", "test", "resources", "golden");

  @Test
  void fairlearnModeOutputEqualsTheGoldenIntersectionReport() throws IOException {
    CommandLine cl = FairnessCli.commandLine();
    StringWriter out = new StringWriter();
    cl.setOut(new PrintWriter(out));
    int code =
        cl.execute(
            "metrics",
            "--input",
            GOLDEN.resolve("bin_10k.csv").toString(),
            "--y-true",
            "y_true",
            "--y-pred",
            "y_pred",
            "--score",
            "score",
            "--positive",
            "1",
            "--sensitive",
            "sex",
            "--sensitive",
            "age:bins=0,20,40,60,80",
            "--intersect",
            "sex,age",
            "--undefined",
            "zero");
    assertEquals(0, code);
    ObjectMapper json = new ObjectMapper();
    JsonNode ours = json.readTree(out.toString()).get(2);
    List<String> lines = Files.readAllLines(GOLDEN.resolve("fairlearn_bin_10k.jsonl"));
    JsonNode golden = json.readTree(lines.get(2));
    assertEquals("sex+age_bin", golden.get("features").asText());
    int compared = 0;
    for (String section : List.of("overall", "group_min", "group_max")) {
      for (var it = golden.get(section).fields(); it.hasNext(); ) {
        var e = it.next();
        assertEquals(e.getValue().asDouble(), ours.get(section).get(e.getKey()).asDouble(), 1e-12);
        compared++;
      }
    }
    JsonNode eo = golden.get("fairness").get("equalized_odds_difference");
    for (var it = eo.fields(); it.hasNext(); ) {
      var e = it.next();
      assertEquals(
          e.getValue().asDouble(),
          ours.get("fairness").get("equalized_odds_difference").get(e.getKey()).asDouble(),
          1e-12);
      compared++;
    }
    assertEquals(26, compared);
  }
}
