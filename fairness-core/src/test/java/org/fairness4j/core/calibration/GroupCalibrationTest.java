package org.fairness4j.core.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.table.PredictionTable;
import org.fairness4j.core.table.csv.CsvTableSpec;
import org.fairness4j.core.table.csv.PredictionTableCsv;
import org.junit.jupiter.api.Test;

/**
 * Calibration by sex on the golden binary table equals scikit-learn 1.9.1 (Brier, log loss) and the
 * numpy definition of ECE/MCE ({@code golden-stats/calibration.json},
 * tools/make_calibration_golden.py).
 */
class GroupCalibrationTest {
  @Test
  void brierLogLossEceAndMceEqualTheReference() throws IOException, URISyntaxException {
    JsonNode g;
    try (InputStream in = getClass().getResourceAsStream("/golden-stats/calibration.json")) {
      g = new ObjectMapper().readTree(in);
    }
    PredictionTable t =
        PredictionTableCsv.read(
            Path.of(getClass().getResource("/golden/bin_10k.csv").toURI()),
            CsvTableSpec.builder("y_true", "y_pred")
                .score("score")
                .positiveLabel("1")
                .categorical("sex")
                .build());
    GroupCalibration width =
        GroupCalibration.of(t, FeatureSet.of("sex"), "1", 10, GroupCalibration.Binning.EQUAL_WIDTH);
    GroupCalibration mass =
        GroupCalibration.of(t, FeatureSet.of("sex"), "1", 10, GroupCalibration.Binning.EQUAL_MASS);
    for (String name : new String[] {"overall", "F", "M"}) {
      JsonNode want = g.get(name);
      Calibration w =
          name.equals("overall") ? width.overall() : width.byGroup().get(GroupKey.of(name));
      Calibration m =
          name.equals("overall") ? mass.overall() : mass.byGroup().get(GroupKey.of(name));
      assertEquals(want.get("brier").asDouble(), w.brier(), 1e-12, name);
      assertEquals(want.get("log_loss").asDouble(), w.logLoss(), 1e-12, name);
      assertEquals(want.get("ece_width").asDouble(), w.ece(), 1e-12, name);
      assertEquals(want.get("mce_width").asDouble(), w.mce(), 1e-12, name);
      assertEquals(want.get("ece_mass").asDouble(), m.ece(), 1e-12, name);
      assertEquals(want.get("mce_mass").asDouble(), m.mce(), 1e-12, name);
    }
    assertEquals(10, mass.overall().reliability().size());
    assertTrue(width.eceGap() >= 0);
  }
}
