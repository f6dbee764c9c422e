package org.fairness4j.core.significance;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.group.GroupKey;

/**
 * Tests whether errors are independent of group membership across K groups: the K×2 table of
 * (errors, correct predictions) per non-empty group, Pearson's chi-square and the G-test (without
 * continuity correction, as {@code scipy.stats.chi2_contingency(correction=False)}).
 *
 * @param groups the groups, in table order
 * @param chiSquare Pearson's statistic
 * @param chiSquarePValue its p-value
 * @param g the G statistic (likelihood ratio)
 * @param gPValue its p-value
 * @param degreesOfFreedom K − 1
 */
public record ErrorIndependence(
    List<GroupKey> groups,
    double chiSquare,
    double chiSquarePValue,
    double g,
    double gPValue,
    int degreesOfFreedom) {

  /**
   * Creates a result.
   *
   * @param groups groups
   * @param chiSquare statistic
   * @param chiSquarePValue p-value
   * @param g statistic
   * @param gPValue p-value
   * @param degreesOfFreedom dof
   */
  public ErrorIndependence {
    groups = List.copyOf(groups);
  }

  /**
   * Tests a report's groups (counts of rows; weights are not used).
   *
   * @param report a report with at least two non-empty groups
   * @return the test
   */
  public static ErrorIndependence of(GroupReport report) {
    List<GroupKey> keys = new ArrayList<>(report.byGroup().keySet());
    long[][] table = new long[keys.size()][2];
    for (int i = 0; i < keys.size(); i++) {
      double[][] m = report.confusionMatrix(keys.get(i));
      double correct = 0;
      double all = 0;
      for (int t = 0; t < m.length; t++) {
        for (int p = 0; p < m.length; p++) {
          all += m[t][p];
          if (t == p) {
            correct += m[t][p];
          }
        }
      }
      table[i][0] = Math.round(all - correct);
      table[i][1] = Math.round(correct);
    }
    return of(keys, table);
  }

  /**
   * Tests a K×2 table of (errors, correct) counts.
   *
   * @param groups the group of each row
   * @param errorsAndCorrect {@code [K][2]} counts
   * @return the test
   * @throws IllegalArgumentException with fewer than two groups, or a column without counts
   */
  public static ErrorIndependence of(List<GroupKey> groups, long[][] errorsAndCorrect) {
    if (errorsAndCorrect.length < 2) {
      throw new IllegalArgumentException("need at least two non-empty groups");
    }
    ChiSquareTest chi = new ChiSquareTest();
    double g = gTable(errorsAndCorrect);
    double gP =
        1 - new ChiSquaredDistribution(errorsAndCorrect.length - 1).cumulativeProbability(g);
    return new ErrorIndependence(
        groups,
        chi.chiSquare(errorsAndCorrect),
        chi.chiSquareTest(errorsAndCorrect),
        g,
        gP,
        errorsAndCorrect.length - 1);
  }

  private static double gTable(long[][] t) {
    double total = 0;
    double[] rows = new double[t.length];
    double[] cols = new double[2];
    for (int i = 0; i < t.length; i++) {
      for (int j = 0; j < 2; j++) {
        rows[i] += t[i][j];
        cols[j] += t[i][j];
        total += t[i][j];
      }
    }
    double g = 0;
    for (int i = 0; i < t.length; i++) {
      for (int j = 0; j < 2; j++) {
        if (t[i][j] > 0) {
          double expected = rows[i] * cols[j] / total;
          g += t[i][j] * Math.log(t[i][j] / expected);
        }
      }
    }
    return 2 * g;
  }
}
