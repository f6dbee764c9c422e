package org.fairness4j.core.stats;

import java.io.Serializable;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * An exact, order-independent sum of finite non-negative doubles (a superaccumulator after Neal,
 * "Fast exact summation using small and large superaccumulators", 2015): the value is kept as an
 * integer multiple of 2<sup>-1074</sup> (the smallest subnormal) in 32-bit limbs held in longs, so
 * no addition rounds. {@link #doubleValue} rounds the exact sum once, to the nearest double with
 * ties to even, so any order of {@link #add} and any tree of {@link #add(ExactSum)} give the same
 * double. Only the limbs between the smallest and largest value added are stored (a few for weights
 * of similar magnitude, at most 67). Mutable and not thread-safe; give each thread its own and
 * merge.
 *
 * @serial include
 */
public final class ExactSum implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final long MASK = 0xFFFF_FFFFL;
  private static final long FRACTION = (1L << 52) - 1;
  private static final long[] NONE = {};

  /** Limb {@code i} weighs 2^(32 * (base + i) - 1074); each is below 2^62. */
  private long[] limbs = NONE;

  /** The index of limb 0 on the scale of 32-bit limbs above 2^-1074. */
  private int base;

  /** Additions since the limbs were last below 2^32; carried before 2^30 of them. */
  private int pending;

  /** Starts an empty sum (zero). */
  public ExactSum() {}

  /**
   * Returns a sum holding one value.
   *
   * @param value a finite non-negative value
   * @return a new sum
   * @throws IllegalArgumentException if the value is negative, NaN or infinite
   */
  public static ExactSum of(double value) {
    return new ExactSum().add(value);
  }

  /**
   * Adds a value exactly.
   *
   * @param value a finite non-negative value ({@code -0.0} counts as zero)
   * @return this
   * @throws IllegalArgumentException if the value is negative, NaN or infinite
   */
  public ExactSum add(double value) {
    if (!(value >= 0) || value == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("not a finite non-negative number: " + value);
    }
    long bits = Double.doubleToRawLongBits(value);
    int exponent = (int) ((bits >>> 52) & 0x7FF);
    long mantissa = bits & FRACTION;
    int shift;
    if (exponent == 0) {
      if (mantissa == 0) {
        return this;
      }
      shift = 0;
    } else {
      mantissa |= 1L << 52;
      shift = exponent - 1;
    }
    int limb = shift >>> 5;
    int offset = shift & 31;
    cover(limb, limb + 2);
    int i = limb - base;
    long rest = mantissa >>> (32 - offset);
    limbs[i] += (mantissa << offset) & MASK;
    limbs[i + 1] += rest & MASK;
    limbs[i + 2] += rest >>> 32;
    if (++pending == 1 << 30) {
      carry();
    }
    return this;
  }

  /**
   * Adds another exact sum (e.g. of another partition or thread); the other is left equal in value.
   *
   * @param other the sum to add
   * @return this
   */
  public ExactSum add(ExactSum other) {
    other.carry();
    if (other.limbs.length == 0) {
      return this;
    }
    carry();
    cover(other.base, other.base + other.limbs.length - 1);
    int off = other.base - base;
    for (int j = 0; j < other.limbs.length; j++) {
      limbs[off + j] += other.limbs[j];
    }
    pending = 1;
    carry();
    return this;
  }

  /**
   * Returns an independent copy.
   *
   * @return a new sum of the same value
   */
  public ExactSum copy() {
    ExactSum s = new ExactSum();
    s.limbs = limbs.clone();
    s.base = base;
    s.pending = pending;
    return s;
  }

  /**
   * Returns whether the sum is zero.
   *
   * @return true if nothing but zeros was added
   */
  public boolean isZero() {
    for (long l : limbs) {
      if (l != 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns the exact sum rounded once to the nearest double, ties to even; {@code
   * Double.POSITIVE_INFINITY} if it exceeds the double range.
   *
   * @return the rounded sum
   */
  public double doubleValue() {
    carry();
    BigInteger n = magnitude();
    int length = n.bitLength();
    int scale = 32 * base - 1074;
    if (length <= 53) {
      return Math.scalb((double) n.longValue(), scale);
    }
    int drop = length - 53;
    long q = n.shiftRight(drop).longValue();
    boolean half = n.testBit(drop - 1);
    boolean below = n.getLowestSetBit() < drop - 1;
    if (half && (below || (q & 1) == 1)) {
      q++;
    }
    return Math.scalb((double) q, scale + drop);
  }

  /**
   * Returns the sum in a compact form for {@link #fromBytes} (e.g. a Spark aggregation buffer).
   *
   * @return the bytes
   */
  public byte[] toBytes() {
    carry();
    int lo = 0;
    int hi = limbs.length;
    while (hi > lo && limbs[hi - 1] == 0) {
      hi--;
    }
    while (lo < hi && limbs[lo] == 0) {
      lo++;
    }
    ByteBuffer b = ByteBuffer.allocate(4 + 4 * (hi - lo));
    b.putInt(base + lo);
    for (int i = lo; i < hi; i++) {
      b.putInt((int) limbs[i]);
    }
    return b.array();
  }

  /**
   * Reads a sum written by {@link #toBytes}.
   *
   * @param bytes the bytes
   * @return a new sum
   * @throws IllegalArgumentException if the bytes are not a sum
   */
  public static ExactSum fromBytes(byte[] bytes) {
    if (bytes.length < 4 || bytes.length % 4 != 0) {
      throw new IllegalArgumentException("not an exact sum: " + bytes.length + " bytes");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes);
    ExactSum s = new ExactSum();
    int start = b.getInt();
    int n = bytes.length / 4 - 1;
    if (start < 0 || start + n > 70) {
      throw new IllegalArgumentException("not an exact sum: limbs " + start + "+" + n);
    }
    s.base = start;
    s.limbs = new long[n];
    for (int i = 0; i < n; i++) {
      s.limbs[i] = b.getInt() & MASK;
    }
    return s;
  }

  private BigInteger magnitude() {
    BigInteger n = BigInteger.ZERO;
    for (int i = limbs.length - 1; i >= 0; i--) {
      n = n.shiftLeft(32).or(BigInteger.valueOf(limbs[i]));
    }
    return n;
  }

  /**
   * Makes the limbs cover {@code [lo, hi]} (absolute indices), one spare limb above for carries.
   */
  private void cover(int lo, int hi) {
    if (limbs.length == 0) {
      base = lo;
      limbs = new long[hi - lo + 2];
      return;
    }
    int top = base + limbs.length - 1;
    if (lo >= base && hi <= top) {
      return;
    }
    int newBase = Math.min(lo, base);
    int newTop = Math.max(hi + 1, top);
    long[] grown = new long[newTop - newBase + 1];
    System.arraycopy(limbs, 0, grown, base - newBase, limbs.length);
    limbs = grown;
    base = newBase;
  }

  /** Propagates carries so that every limb is below 2^32. */
  private void carry() {
    if (pending == 0) {
      return;
    }
    long c = 0;
    for (int i = 0; i < limbs.length; i++) {
      long v = limbs[i] + c;
      limbs[i] = v & MASK;
      c = v >>> 32;
    }
    if (c != 0) {
      int n = limbs.length;
      limbs = Arrays.copyOf(limbs, n + 2);
      limbs[n] = c & MASK;
      limbs[n + 1] = c >>> 32;
    }
    pending = 0;
  }

  /**
   * Two sums are equal when their exact values are.
   *
   * @param o another object
   * @return whether it is an equal sum
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof ExactSum s && s.magnitudeAt().equals(magnitudeAt());
  }

  @Override
  public int hashCode() {
    return magnitudeAt().hashCode();
  }

  private BigInteger magnitudeAt() {
    carry();
    return magnitude().shiftLeft(32 * base);
  }

  @Override
  public String toString() {
    return "ExactSum[" + doubleValue() + "]";
  }
}
