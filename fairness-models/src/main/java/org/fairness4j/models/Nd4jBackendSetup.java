package org.fairness4j.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Chooses ND4J's fastest CPU native code that is on the class path and that this CPU can run, by
 * setting the JavaCPP system properties ND4J reads when it loads: ND4J's oneDNN build ({@code
 * javacpp.platform.extension=-onednn-avx2}, needs AVX2) and Intel MKL in place of OpenBLAS ({@code
 * org.bytedeco.openblas.load=mkl_rt}). On Linux x86-64 the Fairness4J build puts both on the class
 * path; together they encode ViT-B/16 images 1.5–1.7× faster than the plain build, batch 1 and 16
 * (docs/performance.md).
 *
 * <p>With MKL, {@code -Dfairness4j.mkl.cbwr=MODE} (e.g. {@code AUTO,STRICT}) also turns on MKL's
 * conditional numerical reproducibility (docs/reproducibility.md).
 *
 * <p>Call {@link #configure()} before anything touches ND4J (the command line and the test suites
 * do); afterwards it has no effect. A property the user already set is left alone, and {@code
 * -Dfairness4j.natives=plain} turns the choice off.
 */
public final class Nd4jBackendSetup {
  static final String ONEDNN_LIBRARY =
      "org/nd4j/linalg/cpu/nativecpu/bindings/linux-x86_64-onednn-avx2/libnd4jcpu.so";
  static final String MKL_LIBRARY = "org/bytedeco/mkl/linux-x86_64/libmkl_rt.so.2";

  private Nd4jBackendSetup() {}

  /**
   * Sets the properties for the fastest available native code (see the class comment).
   *
   * @return the choices made, e.g. {@code [oneDNN (AVX2), MKL]}, with {@code MKL CNR AUTO,STRICT}
   *     when asked; empty if none
   * @throws IllegalArgumentException if {@code -Dfairness4j.mkl.cbwr} names no MKL mode
   */
  public static synchronized List<String> configure() {
    List<String> chosen = new ArrayList<>();
    if ("plain".equals(System.getProperty("fairness4j.natives"))) {
      return chosen;
    }
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "");
    if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
      return chosen;
    }
    ClassLoader loader = Nd4jBackendSetup.class.getClassLoader();
    if (System.getProperty("javacpp.platform.extension") == null
        && loader.getResource(ONEDNN_LIBRARY) != null
        && cpuFlags().contains(" avx2 ")) {
      System.setProperty("javacpp.platform.extension", "-onednn-avx2");
      chosen.add("oneDNN (AVX2)");
    }
    if (System.getProperty("org.bytedeco.openblas.load") == null
        && loader.getResource(MKL_LIBRARY) != null) {
      System.setProperty("org.bytedeco.openblas.load", "mkl_rt");
      chosen.add("MKL");
    }
    if ("mkl_rt".equals(System.getProperty("org.bytedeco.openblas.load"))) {
      String cnr = MklReproducibility.apply();
      if (cnr != null) {
        chosen.add(cnr);
      }
    }
    return List.copyOf(chosen);
  }

  /** The first "flags" line of /proc/cpuinfo with a space on each side, or "" if unreadable. */
  static String cpuFlags() {
    try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      return lines
          .filter(l -> l.startsWith("flags"))
          .findFirst()
          .map(l -> " " + l.substring(l.indexOf(':') + 1).trim() + " ")
          .orElse("");
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
