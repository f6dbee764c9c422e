package org.fairness4j.core.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupIndex;
import org.fairness4j.core.table.PredictionTable;
import org.junit.jupiter.api.Test;

class RocAucTest {
  @Test
  void radixOrderEqualsAStableComparisonSort() {
    Random r = new Random(7);
    for (int trial = 0; trial < 50; trial++) {
      int n = r.nextInt(300);
      double[] s = new double[n];
      for (int i = 0; i < n; i++) {
        s[i] =
            switch (r.nextInt(5)) {
              case 0 -> -r.nextDouble() * 1e6;
              case 1 -> r.nextInt(3);
              case 2 -> -0.0;
              case 3 -> r.nextGaussian() * 1e-300;
              default -> r.nextDouble();
            };
      }
      Integer[] expected = IntStream.range(0, n).boxed().toArray(Integer[]::new);
      Arrays.sort(expected, Comparator.comparingDouble(i -> s[i] + 0.0));
      assertArrayEquals(
          Arrays.stream(expected).mapToInt(Integer::intValue).toArray(), RocAuc.ascendingOrder(s));
    }
  }

  @Test
  void clustersThatShareTheirLeadingBitsAreStillSortedExactly() {
    Random r = new Random(11);
    int n = 5000;
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      s[i] = i % 1000 == 0 ? 1e10 : 0.5 + r.nextInt(400) * 1e-13;
    }
    Integer[] expected = IntStream.range(0, n).boxed().toArray(Integer[]::new);
    Arrays.sort(expected, Comparator.comparingDouble(i -> s[i]));
    assertArrayEquals(
        Arrays.stream(expected).mapToInt(Integer::intValue).toArray(), RocAuc.ascendingOrder(s));
  }

  @Test
  void rankingGivesTheBruteForceAucWhenTiesHideBelowTheSortWindow() {
    Random r = new Random(3);
    int n = 3000;
    double[] s = new double[n];
    int[] y = new int[n];
    String[] g = new String[n];
    for (int i = 0; i < n; i++) {
      s[i] = i % 500 == 0 ? 1e10 : 0.5 + r.nextInt(40) * 1e-13;
      y[i] = r.nextInt(3) == 0 ? 1 : 0;
      g[i] = r.nextBoolean() ? "a" : "b";
    }
    PredictionTable t =
        PredictionTable.builder().labels(y, y).scores("1", s).categorical("g", g).build();
    MetricValue[] auc = RocAuc.rank(s, t, 1).byGroup(GroupIndex.of(t, FeatureSet.of("g")));
    for (int grp = 0; grp <= 2; grp++) {
      double num = 0;
      double pos = 0;
      double neg = 0;
      for (int i = 0; i < n; i++) {
        if (grp < 2 && !g[i].equals(grp == 0 ? "a" : "b")) {
          continue;
        }
        if (y[i] == 1) {
          pos++;
          for (int j = 0; j < n; j++) {
            if (y[j] == 0 && (grp == 2 || g[j].equals(g[i]))) {
              num += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
            }
          }
        } else {
          neg++;
        }
      }
      assertEquals(num / (pos * neg), auc[grp].value(), 1e-12);
    }
  }

  @Test
  void aRankingKeepsItsScoresWhenTheCallerChangesThem() {
    // Ties below the 32-bit window make byGroup read the scores again.
    double[] s = {0.5, 0.5 + 1e-13, 1e10, 0.5 + 2e-13, 0.5 + 1e-13};
    int[] y = {0, 1, 1, 0, 0};
    PredictionTable t =
        PredictionTable.builder()
            .labels(y, y)
            .scores("1", s)
            .categorical("g", "a", "a", "a", "a", "a")
            .build();
    RocAuc.Ranking ranking = RocAuc.rank(s, t, 1);
    GroupIndex index = GroupIndex.of(t, FeatureSet.of("g"));
    MetricValue[] before = ranking.byGroup(index);
    Arrays.fill(s, 0.0);
    assertArrayEquals(before, ranking.byGroup(index));
    // Positives 0.5+1e-13 (above 0.5, tied with one negative) and 1e10 (above all 3): 1.5 + 3.
    assertEquals(4.5 / 6, before[0].value());
  }

  @Test
  void sortableBitsOrderNegativeZeroAsZero() {
    assertEquals(ScoreSort.sortableBits(0.0), ScoreSort.sortableBits(-0.0));
    assertEquals(
        -1, Long.compareUnsigned(ScoreSort.sortableBits(-1.0), ScoreSort.sortableBits(-0.5)));
    assertEquals(
        -1, Long.compareUnsigned(ScoreSort.sortableBits(-1e-300), ScoreSort.sortableBits(1e-300)));
  }
}
