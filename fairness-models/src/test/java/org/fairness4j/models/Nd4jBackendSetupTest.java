package org.fairness4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Nd4jBackendSetup} leaves what the user chose alone. (ND4J is already loaded in this JVM,
 * so the properties it sets here no longer matter.)
 */
class Nd4jBackendSetupTest {
  @Test
  void plainTurnsTheChoiceOff() {
    String before = System.getProperty("fairness4j.natives");
    System.setProperty("fairness4j.natives", "plain");
    try {
      assertEquals(List.of(), Nd4jBackendSetup.configure());
    } finally {
      restore("fairness4j.natives", before);
    }
  }

  @Test
  void propertiesTheUserSetAreKept() {
    String ext = System.getProperty("javacpp.platform.extension");
    String blas = System.getProperty("org.bytedeco.openblas.load");
    System.setProperty("javacpp.platform.extension", "-mine");
    System.setProperty("org.bytedeco.openblas.load", "openblas_nolapack");
    try {
      assertEquals(List.of(), Nd4jBackendSetup.configure());
      assertEquals("-mine", System.getProperty("javacpp.platform.extension"));
      assertEquals("openblas_nolapack", System.getProperty("org.bytedeco.openblas.load"));
    } finally {
      restore("javacpp.platform.extension", ext);
      restore("org.bytedeco.openblas.load", blas);
    }
  }

  @Test
  void withMklTheChoicesIncludeItsReproducibleMode() {
    assumeTrue("mkl_rt".equals(System.getProperty("org.bytedeco.openblas.load")), "MKL in use");
    assumeTrue(
        System.getenv("MKL_CBWR") == null
            && "AUTO,STRICT".equals(System.getProperty("fairness4j.mkl.cbwr")),
        "-Dfairness4j.mkl.cbwr=AUTO,STRICT asked for the mode");
    assertTrue(
        Nd4jBackendSetup.configure().contains("MKL CNR AUTO,STRICT"),
        "configure() ran before ND4J loaded (NativeBackendSessionListener), so MKL took the mode");
  }

  @Test
  void mklModesOffTheEnvironmentAndUnknownNames() {
    assertEquals("", MklReproducibility.set("off", null));
    assertEquals(
        "MKL CNR COMPATIBLE (MKL_CBWR)", MklReproducibility.set("AUTO,STRICT", "COMPATIBLE"));
    String outcome;
    try {
      outcome = MklReproducibility.set("AUTO,FASTEST", null);
    } catch (IllegalArgumentException e) {
      assertEquals(
          "-Dfairness4j.mkl.cbwr=AUTO,FASTEST: MKL has no mode FASTEST (no MKL_CBWR_FASTEST)",
          e.getMessage());
      return;
    }
    assertTrue(outcome.startsWith("MKL CNR not set: the bytedeco MKL binding"), outcome);
  }

  @Test
  void cpuFlagsArePaddedWithSpaces() {
    String flags = Nd4jBackendSetup.cpuFlags();
    assertTrue(flags.isEmpty() || (flags.startsWith(" ") && flags.endsWith(" ")), flags);
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }
}
