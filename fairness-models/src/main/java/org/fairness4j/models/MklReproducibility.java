package org.fairness4j.models;

import java.util.Locale;

/**
 * Turns on Intel MKL's conditional numerical reproducibility (CNR) through the bytedeco MKL
 * binding's {@code MKL_CBWR_Set} ({@code mkl_cbwr_set}), before MKL's first computation. Without it
 * MKL picks its kernels by the memory alignment of the operands, and the alignment of ND4J's
 * buffers varies from run to run: the row-vector products of the eager trainer (a bias gradient is
 * {@code ones·dY}) then differ in the last bits between two runs with the same seed, and full
 * fine-tuning drifts apart from the second step. {@code AUTO,STRICT} keeps MKL's fastest code
 * branch for the CPU and makes the products bit-identical whatever the alignment and thread count
 * (Intel documents strict CNR for {@code ?gemm} on the AVX2 and AVX-512 branches). See
 * docs/performance.md (Reproducibility).
 *
 * <p>The mode is read from {@code -Dfairness4j.mkl.cbwr} ({@code AUTO,STRICT} by default; {@code
 * off} leaves MKL's default); an {@code MKL_CBWR} environment variable, which MKL reads itself, is
 * left alone.
 */
final class MklReproducibility {
  static final String PROPERTY = "fairness4j.mkl.cbwr";
  static final String DEFAULT_MODE = "AUTO,STRICT";
  private static final String BINDING = "org.bytedeco.mkl.global.mkl_rt";

  private static String outcome;

  private MklReproducibility() {}

  /**
   * Sets MKL's CNR mode once per JVM.
   *
   * @return what was done, e.g. {@code MKL CNR AUTO,STRICT}, for {@link Nd4jBackendSetup}'s list;
   *     null if nothing was asked of MKL
   * @throws IllegalArgumentException if {@code fairness4j.mkl.cbwr} names an unknown mode
   */
  static synchronized String apply() {
    if (outcome == null) {
      outcome = set(System.getProperty(PROPERTY, DEFAULT_MODE), System.getenv("MKL_CBWR"));
    }
    return outcome.isEmpty() ? null : outcome;
  }

  /**
   * The outcome of setting {@code mode} ("" for off) when the environment holds {@code MKL_CBWR}.
   */
  static String set(String mode, String environment) {
    if (mode.equalsIgnoreCase("off")) {
      return "";
    }
    if (environment != null) {
      return "MKL CNR " + environment + " (MKL_CBWR)";
    }
    Class<?> mkl;
    try {
      mkl = Class.forName(BINDING, true, MklReproducibility.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return "MKL CNR not set: the bytedeco MKL binding does not load (" + e + ")";
    }
    int flags = 0;
    for (String part : mode.split(",")) {
      String name = "MKL_CBWR_" + part.trim().toUpperCase(Locale.ROOT);
      try {
        flags |= mkl.getField(name).getInt(null);
      } catch (ReflectiveOperationException e) {
        throw new IllegalArgumentException(
            "-D"
                + PROPERTY
                + "="
                + mode
                + ": MKL has no mode "
                + part.trim()
                + " (no "
                + name
                + ")");
      }
    }
    try {
      int success = mkl.getField("MKL_CBWR_SUCCESS").getInt(null);
      int rc = (int) mkl.getMethod("MKL_CBWR_Set", int.class).invoke(null, flags);
      return rc == success
          ? "MKL CNR " + mode.toUpperCase(Locale.ROOT)
          : "MKL CNR not set: mkl_cbwr_set(" + mode + ") returned " + rc;
    } catch (ReflectiveOperationException | LinkageError e) {
      return "MKL CNR not set: " + e;
    }
  }
}
