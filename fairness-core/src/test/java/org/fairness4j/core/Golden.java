package org.fairness4j.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.report.format.ReportFormat;
import org.fairness4j.core.report.format.ReportWriter;
import org.fairness4j.core.table.Binning;
import org.fairness4j.core.table.PredictionTable;
import org.fairness4j.core.table.csv.CsvTableSpec;
import org.fairness4j.core.table.csv.PredictionTableCsv;

/**
 * The Fairlearn reference files of {@code src/test/resources/golden} (copied from the team's
 * shared/golden; produced with Fairlearn 0.15.0.dev0, scikit-learn 1.9.1, pandas 3.0.6, numpy
 * 2.4.6, Python 3.11.7 — see golden/README.md there).
 */
final class Golden {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Binning AGE_BINS = Binning.edges(0, 20, 40, 60, 80);

  private Golden() {}

  static Path resource(String name) {
    try {
      return Path.of(Golden.class.getResource("/golden/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static PredictionTable binaryTable() throws IOException {
    return PredictionTableCsv.read(
        resource("bin_10k.csv"),
        CsvTableSpec.builder("y_true", "y_pred")
            .score("score")
            .positiveLabel("1")
            .categorical("sex")
            .binned("age", AGE_BINS)
            .categorical("site")
            .build());
  }

  static PredictionTable multiclassTable() throws IOException {
    return PredictionTableCsv.read(
        resource("mc_10k.csv"),
        CsvTableSpec.builder("y_true", "y_pred")
            .score("score_0")
            .score("score_1")
            .score("score_2")
            .score("score_3")
            .categorical("sex")
            .binned("age", AGE_BINS)
            .categorical("site")
            .build());
  }

  /** Golden objects of one file, optionally only those of one label space. */
  static List<JsonNode> objects(String file, String labelSpace) {
    List<JsonNode> out = new ArrayList<>();
    try (InputStream in = Golden.class.getResourceAsStream("/golden/" + file)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      for (String line : text.split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode o = JSON.readTree(line);
        if (labelSpace == null || labelSpace.equals(o.get("label_space").asText())) {
          out.add(o);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Fairlearn's feature-set name ({@code sex+age_bin}) as a Fairness4J feature set. */
  static FeatureSet features(JsonNode golden) {
    return new FeatureSet(
        List.of(golden.get("features").asText().replace("age_bin", "age").split("\\+")));
  }

  /** A report serialized by the JSON writer and parsed back, to check the file shape too. */
  static JsonNode asJson(GroupReport report) {
    try {
      StringWriter w = new StringWriter();
      ReportWriter.write(List.of(report), ReportFormat.JSON, w);
      return JSON.readTree(w.toString()).get(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A numeric JSON value; the strings "NaN" and "Infinity" as doubles. */
  static double number(JsonNode n) {
    return n.isTextual() ? Double.parseDouble(n.asText()) : n.asDouble();
  }
}
