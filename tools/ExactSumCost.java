// Cost of ExactSum.add against a plain double sum: 10M weights U[0,2) into 400 cells, 5 reps.
// java -cp fairness-core/target/classes tools/ExactSumCost.java   (docs/performance.md)
import org.fairness4j.core.stats.ExactSum;
public class ExactSumCost {
  public static void main(String[] a) {
    int n = 10_000_000;
    double[] w = new double[n];
    java.util.SplittableRandom r = new java.util.SplittableRandom(1);
    for (int i = 0; i < n; i++) w[i] = 2 * r.nextDouble();
    int[] cell = new int[n];
    for (int i = 0; i < n; i++) cell[i] = r.nextInt(400);
    for (int rep = 0; rep < 5; rep++) {
      long t0 = System.nanoTime();
      double[] d = new double[400];
      for (int i = 0; i < n; i++) d[cell[i]] += w[i];
      long t1 = System.nanoTime();
      ExactSum[] e = new ExactSum[400];
      for (int i = 0; i < 400; i++) e[i] = new ExactSum();
      for (int i = 0; i < n; i++) e[cell[i]].add(w[i]);
      double s = 0; for (ExactSum x : e) s += x.doubleValue();
      long t2 = System.nanoTime();
      System.out.printf("rep %d: double %.1f ms, ExactSum %.1f ms (%.2f vs %.2f ns/add) %s%n", rep, (t1-t0)/1e6, (t2-t1)/1e6, (t1-t0)/(double)n, (t2-t1)/(double)n, s > 0);
    }
  }
}
