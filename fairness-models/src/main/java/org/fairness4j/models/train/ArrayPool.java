package org.fairness4j.models.train;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Free work arrays by shape, reused across passes and steps, so that a training step allocates its
 * activations and gradients once per batch shape instead of afresh (emptied when the batch size
 * changes). Arrays taken hold stale values: callers overwrite them, or use {@link #takeZeros}. Not
 * thread-safe.
 */
final class ArrayPool {
  /** Arrays taken from a pool and given back together. */
  abstract static class Owner {
    final ArrayPool pool;
    final List<INDArray> owned = new ArrayList<>();

    Owner(ArrayPool pool) {
      this.pool = pool;
    }

    /** Takes an array from the pool that this owner holds. */
    final INDArray take(long... shape) {
      return own(pool.take(shape));
    }

    final INDArray own(INDArray x) {
      owned.add(x);
      return x;
    }

    /** Bytes of native memory held. */
    final long ownedBytes() {
      long n = 0;
      for (INDArray x : owned) {
        n += x.length() * 4;
      }
      return n;
    }
  }

  private final Map<List<Long>, ArrayDeque<INDArray>> free = new HashMap<>();
  private int batch = -1;

  /** Empties the pool when the batch size differs from the last pass's. */
  void batch(int size) {
    if (size == batch) {
      return;
    }
    for (ArrayDeque<INDArray> arrays : free.values()) {
      for (INDArray x : arrays) {
        x.close();
      }
    }
    free.clear();
    batch = size;
  }

  /** A float 'c' array of this shape, with stale values. */
  INDArray take(long... shape) {
    ArrayDeque<INDArray> arrays = free.get(key(shape));
    INDArray x = arrays == null ? null : arrays.pollFirst();
    return x != null ? x : Kernels.empty(shape);
  }

  /** A zeroed float 'c' array of this shape. */
  INDArray takeZeros(long... shape) {
    INDArray x = take(shape);
    x.assign(0);
    return x;
  }

  /** A pooled copy of x. */
  INDArray copy(INDArray x) {
    INDArray c = take(x.shape());
    Kernels.fb(c).put(0, Kernels.fb(x), 0, (int) x.length());
    return c;
  }

  /** Returns x (no longer used by anyone) to the pool. */
  void give(INDArray x) {
    free.computeIfAbsent(key(x.shape()), k -> new ArrayDeque<>()).addFirst(x);
  }

  private static List<Long> key(long[] shape) {
    List<Long> k = new ArrayList<>(shape.length);
    for (long v : shape) {
      k.add(v);
    }
    return k;
  }
}
