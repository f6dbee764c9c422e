package org.fairness4j.examples.tribuo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.metrics.Metric;
import org.junit.jupiter.api.Test;

class TribuoFairnessExampleTest {
  private static final Path DATA = Path.of("..").resolve(TribuoFairnessExample.DEFAULT_DATA);

  private static TribuoFairnessExample.Result run(long seed, ByteArrayOutputStream bytes) {
    return TribuoFairnessExample.run(
        DATA, seed, new PrintStream(bytes, true, StandardCharsets.UTF_8));
  }

  @Test
  void accuracyAgreesWithTribuoAndTheOlderGroupIsWorseAsTheDataWereBuilt() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    TribuoFairnessExample.Result r = run(42, bytes);
    GroupReport age = r.fairness().report(FeatureSet.of("age"));
    assertEquals(r.tribuo().accuracy(), age.overall().value(Metric.ACCURACY), 1e-12);
    assertEquals(180, age.n());
    // tools/make_tribuo_demo.py gives patients aged 60+ a 4x larger unobserved factor.
    assertEquals(GroupKey.of("[60,200)"), age.groupMin(Metric.ACCURACY).group());
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("equalized odds difference"), printed);
    assertTrue(printed.contains("Synthetic data"), printed);
  }

  @Test
  void theSameSeedGivesTheSameNumbers() {
    ByteArrayOutputStream a = new ByteArrayOutputStream();
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    run(7, a);
    run(7, b);
    assertEquals(a.toString(StandardCharsets.UTF_8), b.toString(StandardCharsets.UTF_8));
  }
}
