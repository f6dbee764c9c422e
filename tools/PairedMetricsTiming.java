import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Paired timing of MetricsBenchmark's work (FairnessEvaluator.evaluate of BenchmarkTables.table
 * for the feature sets sex, age and sex+age) for two builds in one JVM, alternating call by call,
 * so both see the same machine load. Each build gets its own class loader. Prints the median and
 * least wall time per call and the process CPU time per call, and whether the two builds' JSON
 * reports are identical.
 *
 * <pre>
 * java -Xms10g -Xmx10g tools/PairedMetricsTiming.java BASE_BENCH_JAR NEW_BENCH_JAR ROWS CLASSES ROUNDS
 * </pre>
 *
 * (the bench jars from {@code mvn -Pbench ... package -pl fairness-benchmarks -am}). Not a JMH
 * benchmark: for numbers under machine load where JMH's separate runs cannot be paired.
 */
public final class PairedMetricsTiming {
  public static void main(String[] a) throws Exception {
    int n = Integer.parseInt(a[2]);
    int k = Integer.parseInt(a[3]);
    int rounds = Integer.parseInt(a[4]);
    String[] name = {"base", "new"};
    Object[] evaluator = new Object[2];
    Object[] table = new Object[2];
    Object[] sets = new Object[2];
    Method[] evaluate = new Method[2];
    for (int i = 0; i < 2; i++) {
      URL jar = new File(a[i]).toURI().toURL();
      ClassLoader l = new URLClassLoader(new URL[] {jar}, null);
      Method t =
          l.loadClass("org.fairness4j.benchmarks.BenchmarkTables")
              .getDeclaredMethod("table", int.class, int.class, long.class);
      t.setAccessible(true);
      table[i] = t.invoke(null, n, k, 42L);
      Method of = l.loadClass("org.fairness4j.core.group.FeatureSet").getMethod("of", String[].class);
      List<Object> fs = new ArrayList<>();
      for (String[] attrs : new String[][] {{"sex"}, {"age"}, {"sex", "age"}}) {
        fs.add(of.invoke(null, (Object) attrs));
      }
      sets[i] = fs;
      Class<?> ev = l.loadClass("org.fairness4j.core.FairnessEvaluator");
      Object b = ev.getMethod("builder").invoke(null);
      if (k == 2) {
        b = b.getClass().getMethod("positiveLabel", String.class).invoke(b, "1");
      }
      evaluator[i] = b.getClass().getMethod("build").invoke(b);
      evaluate[i] =
          ev.getMethod(
              "evaluate", l.loadClass("org.fairness4j.core.table.PredictionTable"), List.class);
    }
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    Object[] last = new Object[2];
    for (int w = 0; w < 5; w++) {
      for (int i = 0; i < 2; i++) {
        last[i] = evaluate[i].invoke(evaluator[i], table[i], sets[i]);
      }
    }
    double[][] wall = new double[2][rounds];
    double[] cpu = new double[2];
    for (int r = 0; r < rounds; r++) {
      for (int i = 0; i < 2; i++) {
        long c0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        last[i] = evaluate[i].invoke(evaluator[i], table[i], sets[i]);
        wall[i][r] = (System.nanoTime() - t0) / 1e6;
        cpu[i] += (os.getProcessCpuTime() - c0) / 1e6;
      }
    }
    for (int i = 0; i < 2; i++) {
      double[] w = wall[i].clone();
      Arrays.sort(w);
      System.out.printf(
          "rows=%d classes=%d %s: wall median %.1f ms, least %.1f ms, process CPU %.1f ms per call%n",
          n, k, name[i], w[rounds / 2], w[0], cpu[i] / rounds);
    }
    String[] json = new String[2];
    for (int i = 0; i < 2; i++) {
      ClassLoader l = evaluator[i].getClass().getClassLoader();
      // Writers moved from core.io to core.report.format; a base jar may have either.
      String pkg = "org.fairness4j.core.report.format.";
      try {
        l.loadClass(pkg + "ReportFormat");
      } catch (ClassNotFoundException e) {
        pkg = "org.fairness4j.core.io.";
      }
      Class<?> format = l.loadClass(pkg + "ReportFormat");
      java.io.StringWriter out = new java.io.StringWriter();
      l.loadClass(pkg + "ReportWriter")
          .getMethod("write", List.class, format, java.io.Writer.class)
          .invoke(null, last[i], format.getField("JSON").get(null), out);
      json[i] = out.toString();
    }
    System.out.println(
        "JSON reports identical: " + json[0].equals(json[1]) + " (" + json[0].length() + " chars)");
  }
}
