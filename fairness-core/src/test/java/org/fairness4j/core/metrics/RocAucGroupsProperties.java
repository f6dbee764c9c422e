package org.fairness4j.core.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupIndex;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.core.table.MissingValuePolicy;
import org.fairness4j.core.table.PredictionTable;
import org.fairness4j.core.table.SensitiveAttribute;

/**
 * {@link RocAucGroups} (one pass for several feature sets, cells packed into the sort) gives the
 * same bits as {@link RocAucSums} fed each feature set's rows one by one in ascending score order
 * (ties in row order) — the streaming and Spark engines' sums — and as {@link
 * RocAuc.Ranking#byGroup} of each set alone; unweighted values also equal the brute-force pair
 * count.
 */
class RocAucGroupsProperties {

  @Property(tries = 200)
  void everyFeatureSetEqualsItsOwnSums(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 400) int n,
      @ForAll @IntRange(min = 0, max = 4) int scoreKind,
      @ForAll boolean weighted) {
    SplittableRandom r = new SplittableRandom(seed);
    int k = 2 + r.nextInt(3);
    PredictionTable t = table(r, n, k, scoreKind, weighted);
    List<GroupIndex> indexes = new ArrayList<>();
    for (FeatureSet fs :
        List.of(
            FeatureSet.of("a"), FeatureSet.of("b"), FeatureSet.of("a", "b"), FeatureSet.of("c"))) {
      indexes.add(GroupIndex.of(t, fs));
    }
    RocAucGroups groups = RocAucGroups.of(indexes);
    for (int c = 0; c < k; c++) {
      double[] s = t.scores(Integer.toString(c));
      List<MetricValue[]> got = groups.byGroup(s, t, c);
      RocAuc.Ranking ranking = RocAuc.rank(s, t, c);
      for (int f = 0; f < indexes.size(); f++) {
        MetricValue[] expected = sums(s, t, c, indexes.get(f));
        assertArrayEquals(expected, got.get(f), "set " + f + ", class " + c);
        assertArrayEquals(expected, ranking.byGroup(indexes.get(f)), "ranking, set " + f);
        if (!weighted) {
          assertBruteForce(s, t, c, indexes.get(f), got.get(f));
        }
      }
    }
  }

  @Example
  void manyGroupsCombineThroughAHashedCellIndex() {
    // 3001 x 3001 combinations exceed the dense cell table.
    SplittableRandom r = new SplittableRandom(5);
    int n = 20_000;
    String[] a = new String[n];
    String[] b = new String[n];
    int[] y = new int[n];
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = "a" + (i < 3000 ? i : r.nextInt(3000));
      b[i] = "b" + (i < 3000 ? i : r.nextInt(3000));
      y[i] = r.nextInt(2);
      s[i] = r.nextInt(50) / 50.0;
    }
    PredictionTable t =
        PredictionTable.builder()
            .labels(y, y)
            .scores("1", s)
            .categorical("a", a)
            .categorical("b", b)
            .build();
    List<GroupIndex> indexes =
        List.of(GroupIndex.of(t, FeatureSet.of("a")), GroupIndex.of(t, FeatureSet.of("b")));
    List<MetricValue[]> got = RocAucGroups.of(indexes).byGroup(s, t, 1);
    for (int f = 0; f < 2; f++) {
      assertArrayEquals(sums(s, t, 1, indexes.get(f)), got.get(f));
    }
  }

  @Example
  void scoresOfAnotherTableAreRefused() {
    PredictionTable t =
        PredictionTable.builder()
            .labels(new int[] {0, 1}, new int[] {0, 1})
            .categorical("a", "x", "y")
            .build();
    RocAucGroups g = RocAucGroups.of(List.of(GroupIndex.of(t, FeatureSet.of("a"))));
    assertThrows(IllegalArgumentException.class, () -> g.byGroup(new double[3], t, 1));
    assertEquals(List.of(), RocAucGroups.of(List.of()).byGroup(new double[2], t, 1));
  }

  private static PredictionTable table(
      SplittableRandom r, int n, int k, int scoreKind, boolean weighted) {
    int[] yt = new int[n];
    int[] yp = new int[n];
    double[][] scores = new double[k][n];
    double[] w = new double[n];
    String[] a = new String[n];
    String[] b = new String[n];
    String[] c = new String[n];
    for (int i = 0; i < n; i++) {
      yt[i] = r.nextInt(k);
      yp[i] = r.nextInt(k);
      for (int j = 0; j < k; j++) {
        scores[j][i] =
            switch (scoreKind) {
              case 0 -> r.nextDouble();
              case 1 -> r.nextInt(5) / 4.0;
              case 2 -> 0.5 + r.nextInt(30) * 1e-13; // ties below a 32-bit window
              case 3 -> r.nextInt(4) == 0 ? -0.0 : r.nextGaussian() * 1e5;
              default -> r.nextInt(50) == 0 ? 1e10 : r.nextInt(3) * 1e-300;
            };
      }
      w[i] = r.nextInt(5) == 0 ? 0.0 : r.nextDouble() * 3;
      a[i] = r.nextInt(8) == 0 ? "" : "a" + r.nextInt(3);
      b[i] = "b" + r.nextInt(1 + r.nextInt(4));
      c[i] = r.nextInt(6) == 0 ? "" : "c" + r.nextInt(2);
    }
    PredictionTable.Builder builder =
        PredictionTable.builder()
            .classes(ClassLabels.ofInts(IntStream.range(0, k).toArray()))
            .classIndices(yt, yp)
            .attribute(SensitiveAttribute.categorical("a", a, MissingValuePolicy.DROP))
            .categorical("b", b)
            .attribute(SensitiveAttribute.categorical("c", c, MissingValuePolicy.DROP));
    for (int j = 0; j < k; j++) {
      builder.scores(Integer.toString(j), scores[j]);
    }
    if (weighted) {
      builder.weights(w);
    }
    return builder.build();
  }

  /** The streaming engines' sums: rows added one by one in ascending score, then row, order. */
  private static MetricValue[] sums(double[] s, PredictionTable t, int c, GroupIndex index) {
    Integer[] order = IntStream.range(0, s.length).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(i -> s[i] + 0.0));
    RocAucSums.Accumulator acc = RocAucSums.accumulator(index.groupCount());
    for (int i : order) {
      acc.add(s[i] + 0.0, t.trueClass(i) == c, t.weight(i), index.groupOf(i));
    }
    return acc.finish().values();
  }

  private static void assertBruteForce(
      double[] s, PredictionTable t, int c, GroupIndex index, MetricValue[] got) {
    int groups = index.groupCount();
    for (int g = 0; g <= groups; g++) {
      double num = 0;
      long pos = 0;
      long neg = 0;
      for (int i = 0; i < s.length; i++) {
        int gi = index.groupOf(i);
        if (gi < 0 || (g < groups && gi != g)) {
          continue;
        }
        if (t.trueClass(i) != c) {
          neg++;
          continue;
        }
        pos++;
        for (int j = 0; j < s.length; j++) {
          int gj = index.groupOf(j);
          if (gj >= 0 && (g == groups || gj == g) && t.trueClass(j) != c) {
            num += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
          }
        }
      }
      if (pos > 0 && neg > 0) {
        assertEquals(num / ((double) pos * neg), got[g].value(), "group " + g);
      } else {
        assertEquals(Double.NaN, got[g].value(), "undefined group " + g);
      }
    }
  }
}
