package org.fairness4j.models.nn;

import java.nio.FloatBuffer;
import java.util.stream.IntStream;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Single-precision matrix products on ND4J arrays in host memory, through the cblas interface of
 * the BLAS library ND4J's CPU backend loaded (OpenBLAS, or Intel MKL when {@code
 * org.bytedeco.openblas.load=mkl_rt}). Calling cblas directly saves ND4J's per-call bookkeeping
 * (about a millisecond per product at batch 1) and lets a product address a block of a larger
 * matrix (a leading dimension and an offset), which per-head attention needs. Every call checks
 * that the blocks lie inside the arrays' buffers; only {@link #available()} CPU backends may use
 * it. A one-row product that is not transposed ({@code m == 1}, e.g. a column sum as {@code
 * ones·Y}) is summed in Java instead, in a fixed order, so that it does not depend on where its
 * operands lie in memory. Public for the eager training kernels of {@code
 * org.fairness4j.models.train}.
 */
public final class CpuBlas {
  private static final boolean AVAILABLE = probe();

  /** Multiply-adds below which a one-row product is summed on one thread. */
  private static final long ROW_PRODUCT_PARALLEL = 1 << 16;

  private CpuBlas() {}

  private static boolean probe() {
    try {
      if (!Nd4j.getEnvironment().isCPU()) {
        return false;
      }
      Class.forName("org.bytedeco.openblas.global.openblas");
      return true;
    } catch (ReflectiveOperationException | LinkageError e) {
      return false;
    }
  }

  /**
   * Whether this JVM's ND4J backend keeps arrays in host memory and the cblas binding loads.
   *
   * @return true if the methods here may be used
   */
  public static boolean available() {
    return AVAILABLE;
  }

  /**
   * C = A·B (+ C when {@code accumulate}) for 'c'-ordered, contiguous float matrices: A [m, k] (or
   * [k, m] when {@code transposeA}), B [k, n] (or [n, k] when {@code transposeB}), C [m, n].
   *
   * @param a left matrix
   * @param transposeA whether A is stored transposed
   * @param b right matrix
   * @param transposeB whether B is stored transposed
   * @param c result, overwritten or added to
   * @param accumulate whether to add to C (beta = 1) instead of overwriting it
   */
  public static void gemm(
      INDArray a,
      boolean transposeA,
      INDArray b,
      boolean transposeB,
      INDArray c,
      boolean accumulate) {
    long m = c.size(0);
    long n = c.size(1);
    long k = transposeA ? a.size(0) : a.size(1);
    long am = transposeA ? a.size(1) : a.size(0);
    long bk = transposeB ? b.size(1) : b.size(0);
    long bn = transposeB ? b.size(0) : b.size(1);
    if (am != m || bk != k || bn != n) {
      throw new IllegalArgumentException(
          "gemm shapes do not match: "
              + java.util.Arrays.toString(a.shape())
              + (transposeA ? "^T" : "")
              + " x "
              + java.util.Arrays.toString(b.shape())
              + (transposeB ? "^T" : "")
              + " -> "
              + java.util.Arrays.toString(c.shape()));
    }
    block(
        a,
        0,
        (int) a.size(1),
        transposeA,
        b,
        0,
        (int) b.size(1),
        transposeB,
        c,
        0,
        (int) n,
        (int) m,
        (int) n,
        (int) k,
        accumulate);
  }

  /**
   * C = A·B (+ C) on blocks of contiguous 'c'-ordered float arrays: each block starts at an element
   * offset into its array's buffer and has a leading dimension (the distance between its rows).
   *
   * @param a array holding A
   * @param aOffset A's first element
   * @param lda A's row distance
   * @param transposeA whether A's block is stored [k, m]
   * @param b array holding B
   * @param bOffset B's first element
   * @param ldb B's row distance
   * @param transposeB whether B's block is stored [n, k]
   * @param c array holding C
   * @param cOffset C's first element
   * @param ldc C's row distance
   * @param m rows of C
   * @param n columns of C
   * @param k the inner dimension
   * @param accumulate whether to add to C
   */
  public static void block(
      INDArray a,
      long aOffset,
      int lda,
      boolean transposeA,
      INDArray b,
      long bOffset,
      int ldb,
      boolean transposeB,
      INDArray c,
      long cOffset,
      int ldc,
      int m,
      int n,
      int k,
      boolean accumulate) {
    FloatPointer pa = pointer(a, aOffset, lda, transposeA ? k : m, transposeA ? m : k);
    FloatPointer pb = pointer(b, bOffset, ldb, transposeB ? n : k, transposeB ? k : n);
    FloatPointer pc = pointer(c, cOffset, ldc, m, n);
    if (m == 1 && !transposeA && !transposeB) {
      rowTimesMatrix(a, aOffset, b, bOffset, ldb, c, cOffset, n, k, accumulate);
      return;
    }
    openblas.cblas_sgemm(
        openblas.CblasRowMajor,
        transposeA ? openblas.CblasTrans : openblas.CblasNoTrans,
        transposeB ? openblas.CblasTrans : openblas.CblasNoTrans,
        m,
        n,
        k,
        1f,
        pa,
        lda,
        pb,
        ldb,
        accumulate ? 1f : 0f,
        pc,
        ldc);
  }

  /**
   * c = a·B (+ c) for one row a [k] and B [k, n] (row distance ldb), each column summed in double
   * over the rows in order (columns split over the cores), so the bits do not depend on the cores.
   * BLAS libraries sum this product with kernels chosen by the operands' memory alignment (OpenBLAS
   * 0.3.19, and MKL outside its CNR mode): the same numbers at another address gave other last
   * bits, and the eager trainer's bias gradients ({@code ones·dY}) made full fine-tuning differ
   * from run to run. In Java the order is fixed (docs/reproducibility.md).
   */
  private static void rowTimesMatrix(
      INDArray a,
      long aOffset,
      INDArray b,
      long bOffset,
      int ldb,
      INDArray c,
      long cOffset,
      int n,
      int k,
      boolean accumulate) {
    float[] row = new float[k];
    a.data().asNioFloat().get((int) aOffset, row);
    FloatBuffer bs = b.data().asNioFloat();
    FloatBuffer cs = c.data().asNioFloat();
    // columns in parts over the cores; each column is summed over the rows in order by one thread
    int parts =
        (long) n * k < ROW_PRODUCT_PARALLEL
            ? 1
            : Math.max(1, Math.min(n / 64, Runtime.getRuntime().availableProcessors()));
    IntStream.range(0, parts)
        .parallel()
        .forEach(
            p -> {
              int from = (int) ((long) n * p / parts);
              int width = (int) ((long) n * (p + 1) / parts) - from;
              double[] acc = new double[width];
              float[] line = new float[width];
              for (int j = 0; j < k; j++) {
                bs.get((int) (bOffset + (long) j * ldb) + from, line);
                double aj = row[j];
                for (int i = 0; i < width; i++) {
                  acc[i] += aj * line[i];
                }
              }
              int at = (int) cOffset + from;
              for (int i = 0; i < width; i++) {
                cs.put(at + i, (float) (accumulate ? cs.get(at + i) + acc[i] : acc[i]));
              }
            });
  }

  /** A pointer to a rows x cols block with row distance ld, checked against the array's extent. */
  private static FloatPointer pointer(INDArray x, long offset, int ld, long rows, long cols) {
    if (x.dataType() != DataType.FLOAT
        || x.ordering() != 'c'
        || x.elementWiseStride() != 1
        || x.offset() != 0) {
      throw new IllegalArgumentException(
          "expected a contiguous float 'c' array, got " + x.shapeInfoToString());
    }
    long last = offset + (rows - 1) * ld + cols;
    if (offset < 0 || cols > ld || last > x.length()) {
      throw new IllegalArgumentException(
          "block of "
              + rows
              + "x"
              + cols
              + " at "
              + offset
              + " (ld "
              + ld
              + ") exceeds an array of "
              + x.length()
              + " elements");
    }
    return new FloatPointer(x.data().addressPointer()).position(offset);
  }
}
