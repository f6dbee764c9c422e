package org.fairness4j.models;

import java.util.Locale;

/**
 * Turns on Intel MKL's conditional numerical reproducibility (CNR) when {@code
 * -Dfairness4j.mkl.cbwr=MODE} asks for it (e.g. {@code AUTO,STRICT}, {@code COMPATIBLE}), through
 * the bytedeco MKL binding's {@code MKL_CBWR_Set} ({@code mkl_cbwr_set}), before MKL's first
 * computation. In its default mode MKL may pick kernels by the memory alignment of the operands and
 * the number of threads; strict CNR makes {@code ?gemm} bit-identical whatever both are (on the
 * AVX2 and AVX-512 branches), COMPATIBLE also across CPUs. Off by default: the eager trainer's one
 * alignment-dependent product is summed in Java ({@link org.fairness4j.models.nn.CpuBlas}), and
 * loading the binding adds about 1.3 s to the start of every command (docs/reproducibility.md). An
 * {@code MKL_CBWR} environment variable, which MKL reads itself, needs no binding.
 */
final class MklReproducibility {
  static final String PROPERTY = "fairness4j.mkl.cbwr";
  private static final String BINDING = "org.bytedeco.mkl.global.mkl_rt";

  private static String outcome;

  private MklReproducibility() {}

  /**
   * Sets MKL's CNR mode once per JVM if {@code fairness4j.mkl.cbwr} names one.
   *
   * @return what was done, e.g. {@code MKL CNR AUTO,STRICT}, for {@link Nd4jBackendSetup}'s list;
   *     null if nothing was asked of MKL
   * @throws IllegalArgumentException if {@code fairness4j.mkl.cbwr} names an unknown mode
   */
  static synchronized String apply() {
    if (outcome == null) {
      outcome = set(System.getProperty(PROPERTY, "off"), System.getenv("MKL_CBWR"));
    }
    return outcome.isEmpty() ? null : outcome;
  }

  /**
   * The outcome of setting {@code mode} ("" for off) when the environment holds {@code MKL_CBWR}.
   */
  static String set(String mode, String environment) {
    if (environment != null) {
      return "MKL CNR " + environment + " (MKL_CBWR)";
    }
    if (mode.equalsIgnoreCase("off")) {
      return "";
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
