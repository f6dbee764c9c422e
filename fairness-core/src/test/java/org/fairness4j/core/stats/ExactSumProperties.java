package org.fairness4j.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link ExactSum} against {@link BigDecimal}: the exact sum of the doubles' exact decimal values,
 * rounded to the nearest double. On Java 17 {@code BigDecimal.doubleValue()} of such a value goes
 * through {@code Double.parseDouble} of its exact decimal string, which rounds to nearest, ties to
 * even; the test also checks that rounding itself (the result lies within half an ulp, and on a tie
 * has an even significand), so it does not rest on the JDK alone.
 */
class ExactSumProperties {

  @Property(tries = 300)
  void equalsTheCorrectlyRoundedBigDecimalSum(@ForAll("adversarial") List<Double> values) {
    ExactSum s = new ExactSum();
    BigDecimal exact = BigDecimal.ZERO;
    for (double v : values) {
      s.add(v);
      exact = exact.add(new BigDecimal(v));
    }
    double got = s.doubleValue();
    assertEquals(exact.doubleValue(), got, () -> "sum of " + values);
    assertNearestEven(exact, got);
  }

  @Property(tries = 200)
  void anyOrderAndAnyMergeTreeGiveTheSameDouble(
      @ForAll("adversarial") List<Double> values, @ForAll long seed) {
    ExactSum inOrder = new ExactSum();
    values.forEach(inOrder::add);
    List<Double> shuffled = new ArrayList<>(values);
    Random r = new Random(seed);
    Collections.shuffle(shuffled, r);
    // Random partitions of the shuffled values, merged in a random order (as Spark does).
    List<ExactSum> parts = new ArrayList<>();
    ExactSum current = new ExactSum();
    for (double v : shuffled) {
      current.add(v);
      if (r.nextInt(4) == 0) {
        parts.add(current);
        current = new ExactSum();
      }
    }
    parts.add(current);
    while (parts.size() > 1) {
      ExactSum a = parts.remove(r.nextInt(parts.size()));
      ExactSum b = parts.remove(r.nextInt(parts.size()));
      parts.add(r.nextBoolean() ? a.add(b) : b.add(a));
    }
    ExactSum merged = ExactSum.fromBytes(parts.get(0).toBytes());
    assertEquals(inOrder, merged);
    assertEquals(
        Double.doubleToRawLongBits(inOrder.doubleValue()),
        Double.doubleToRawLongBits(merged.doubleValue()));
  }

  @Example
  void manyEqualValuesAndTheEndsOfTheRange() {
    ExactSum s = new ExactSum();
    BigDecimal exact = BigDecimal.ZERO;
    double v = 0.1;
    for (int i = 0; i < 3_000_000; i++) {
      s.add(v);
    }
    exact = new BigDecimal(v).multiply(BigDecimal.valueOf(3_000_000));
    assertEquals(exact.doubleValue(), s.doubleValue());
    double naive = 0;
    for (int i = 0; i < 3_000_000; i++) {
      naive += v;
    }
    assertTrue(naive != s.doubleValue(), "plain summation drifts; the exact one does not");
    ExactSum big = ExactSum.of(Double.MAX_VALUE).add(Double.MAX_VALUE);
    assertEquals(Double.POSITIVE_INFINITY, big.doubleValue());
    assertEquals(
        Double.MIN_VALUE * 3,
        ExactSum.of(Double.MIN_VALUE).add(2 * Double.MIN_VALUE).doubleValue());
    assertEquals(0.0, ExactSum.of(-0.0).doubleValue());
    assertTrue(new ExactSum().isZero());
  }

  @Example
  void tiesRoundToEven() {
    // 2^53 + 1 is halfway between 2^53 and 2^53 + 2: even is 2^53.
    assertEquals(0x1p53, ExactSum.of(0x1p53).add(1.0).doubleValue());
    // 2^53 + 3 is halfway between 2^53 + 2 and 2^53 + 4: even is 2^53 + 4.
    assertEquals(0x1p53 + 4, ExactSum.of(0x1p53 + 2).add(1.0).doubleValue());
    // Just above half: rounds up.
    assertEquals(0x1p53 + 2, ExactSum.of(0x1p53).add(1.0).add(0x1p-1074).doubleValue());
  }

  @Example
  void refusesWhatIsNotAWeight() {
    ExactSum s = new ExactSum();
    assertThrows(IllegalArgumentException.class, () -> s.add(-1e-300));
    assertThrows(IllegalArgumentException.class, () -> s.add(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> s.add(Double.POSITIVE_INFINITY));
    assertThrows(IllegalArgumentException.class, () -> ExactSum.fromBytes(new byte[3]));
  }

  @Provide
  Arbitrary<List<Double>> adversarial() {
    Arbitrary<Double> any =
        Arbitraries.longs()
            .between(0, Double.doubleToRawLongBits(1e300))
            .map(Double::longBitsToDouble);
    Arbitrary<Double> subnormal =
        Arbitraries.longs().between(0, (1L << 52) - 1).map(Double::longBitsToDouble);
    Arbitrary<Double> extremes =
        Arbitraries.of(
            1e300, 1e-300, 0.1, 0.2, 0.3, 1.0, 3.1, 0x1p53, 0x1p-1022, Double.MIN_VALUE, 0.0, -0.0);
    Arbitrary<Double> weights = Arbitraries.doubles().between(0, 2);
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(2, any),
            net.jqwik.api.Tuple.of(2, subnormal),
            net.jqwik.api.Tuple.of(4, extremes),
            net.jqwik.api.Tuple.of(3, weights))
        .list()
        .ofMaxSize(60);
  }

  private static void assertNearestEven(BigDecimal exact, double got) {
    if (Double.isInfinite(got)) {
      return;
    }
    BigDecimal g = new BigDecimal(got);
    BigDecimal up = new BigDecimal(Math.nextUp(got));
    BigDecimal halfUlpUp = up.subtract(g).divide(BigDecimal.valueOf(2));
    BigDecimal err = exact.subtract(g);
    if (got > 0) {
      BigDecimal down = new BigDecimal(Math.nextDown(got));
      BigDecimal halfUlpDown = g.subtract(down).divide(BigDecimal.valueOf(2));
      assertTrue(err.compareTo(halfUlpDown.negate()) >= 0, "below half an ulp: " + got);
      if (err.compareTo(halfUlpDown.negate()) == 0) {
        assertEquals(0, Double.doubleToRawLongBits(got) & 1, "tie not to even: " + got);
      }
    } else {
      assertTrue(err.signum() >= 0);
    }
    assertTrue(err.compareTo(halfUlpUp) <= 0, "above half an ulp: " + got);
    if (err.compareTo(halfUlpUp) == 0) {
      assertEquals(0, Double.doubleToRawLongBits(got) & 1, "tie not to even: " + got);
    }
  }
}
