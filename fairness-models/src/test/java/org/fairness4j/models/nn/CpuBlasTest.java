package org.fairness4j.models.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Direct cblas products equal ND4J's own, and blocks outside an array are refused. */
class CpuBlasTest {
  @BeforeEach
  void cpuBackendOnly() {
    assumeTrue(CpuBlas.available(), "cblas is used on ND4J's CPU backend only");
    Nd4j.getRandom().setSeed(7);
  }

  @ParameterizedTest
  @CsvSource({
    "false, false, false",
    "true, false, false",
    "false, true, false",
    "true, true, false",
    "false, false, true",
    "true, true, true"
  })
  void gemmEqualsNd4jProducts(boolean ta, boolean tb, boolean accumulate) {
    INDArray a = Nd4j.rand(DataType.FLOAT, ta ? new long[] {5, 3} : new long[] {3, 5});
    INDArray b = Nd4j.rand(DataType.FLOAT, tb ? new long[] {4, 5} : new long[] {5, 4});
    INDArray c = Nd4j.rand(DataType.FLOAT, 3, 4);
    INDArray want =
        (ta ? a.transpose() : a).mmul(tb ? b.transpose() : b).addi(accumulate ? c : c.mul(0));
    CpuBlas.gemm(a, ta, b, tb, c, accumulate);
    assertTrue(want.equalsWithEps(c, 1e-5), want + " vs " + c);
  }

  @ParameterizedTest
  @CsvSource({"false", "true"})
  void aRowTimesABlockEqualsNd4jsProduct(boolean accumulate) {
    INDArray row = Nd4j.rand(DataType.FLOAT, 1, 7).subi(0.5);
    INDArray b = Nd4j.rand(DataType.FLOAT, 7, 9).subi(0.5);
    INDArray c = Nd4j.rand(DataType.FLOAT, 2, 6);
    INDArray want = row.mmul(b.get(NDArrayIndex.all(), NDArrayIndex.interval(3, 8)));
    if (accumulate) {
      want.addi(c.get(NDArrayIndex.point(1), NDArrayIndex.interval(1, 6)).reshape(1, 5));
    }
    // row times columns 3..7 of b into row 1, columns 1..5 of c
    CpuBlas.block(row, 0, 7, false, b, 3, 9, false, c, 6 + 1, 6, 1, 5, 7, accumulate);
    INDArray got = c.get(NDArrayIndex.point(1), NDArrayIndex.interval(1, 6)).reshape(1, 5);
    assertTrue(want.equalsWithEps(got, 1e-6), want + " vs " + got);
  }

  @Test
  void blocksAddressSubmatricesByOffsetAndLeadingDimension() {
    INDArray a = Nd4j.rand(DataType.FLOAT, 6, 8);
    INDArray b = Nd4j.rand(DataType.FLOAT, 6, 8);
    INDArray c = Nd4j.zeros(DataType.FLOAT, 4, 10);
    // rows 1..3 and columns 2..5 of a times (rows 2..4, columns 4..7 of b) transposed,
    // into rows 1..3 and columns 6..8 of c
    CpuBlas.block(a, 8 + 2, 8, false, b, 16 + 4, 8, true, c, 10 + 6, 10, 3, 3, 4, false);
    INDArray want =
        a.get(NDArrayIndex.interval(1, 4), NDArrayIndex.interval(2, 6))
            .mmul(b.get(NDArrayIndex.interval(2, 5), NDArrayIndex.interval(4, 8)).transpose());
    INDArray got = c.get(NDArrayIndex.interval(1, 4), NDArrayIndex.interval(6, 9));
    assertTrue(want.equalsWithEps(got, 1e-5), want + " vs " + got);
    assertEquals(0.0, c.getDouble(0, 6));
    assertEquals(0.0, c.getDouble(1, 5));
  }

  @Test
  void blocksOutsideTheArrayAndViewsAreRefused() {
    INDArray a = Nd4j.rand(DataType.FLOAT, 4, 4);
    INDArray c = Nd4j.zeros(DataType.FLOAT, 4, 4);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CpuBlas.block(a, 8, 4, false, a, 0, 4, false, c, 0, 4, 4, 4, 4, false));
    assertTrue(e.getMessage().contains("exceeds an array of 16"), e.getMessage());
    INDArray view = a.get(NDArrayIndex.interval(1, 3), NDArrayIndex.all());
    assertThrows(
        IllegalArgumentException.class,
        () -> CpuBlas.gemm(view, false, a, false, Nd4j.zeros(DataType.FLOAT, 2, 4), false));
    assertThrows(
        IllegalArgumentException.class,
        () -> CpuBlas.gemm(a, false, a, false, Nd4j.zeros(DataType.FLOAT, 3, 4), false));
    assertThrows(
        IllegalArgumentException.class,
        () -> CpuBlas.gemm(a.castTo(DataType.DOUBLE), false, a, false, c, false));
  }

  /**
   * A row-vector product, the eager trainer's bias gradient ({@code ones·dY}), gives the same bits
   * wherever its right operand starts in memory (16 offsets of 4 bytes). OpenBLAS 0.3.19 and MKL's
   * default kernels did not (offsets 1 and 4 changed the sums); CpuBlas sums such products itself.
   */
  @ParameterizedTest
  @CsvSource({"64, 160", "768, 1576"})
  void aRowVectorProductIsBitIdenticalAtEveryAlignment(int n, int k) {
    assertSameBitsAtEveryOffset(
        n,
        k,
        (ones, b, offset, c) ->
            CpuBlas.block(ones, 0, k, false, b, offset, n, false, c, 0, n, 1, n, k, false));
  }

  /**
   * In its CNR mode ({@code -Dfairness4j.mkl.cbwr=AUTO,STRICT}; skipped otherwise) MKL itself sums
   * such a product to the same bits at every alignment; in its default mode it did not
   * (docs/reproducibility.md). Calls cblas directly, as CpuBlas sums these products in Java.
   */
  @Test
  void inItsCnrModeMklSumsARowVectorProductToTheSameBitsAtEveryAlignment() {
    assumeTrue(
        "mkl_rt".equals(System.getProperty("org.bytedeco.openblas.load"))
            && System.getenv("MKL_CBWR") == null
            && "AUTO,STRICT".equals(System.getProperty("fairness4j.mkl.cbwr")),
        "MKL with -Dfairness4j.mkl.cbwr=AUTO,STRICT");
    int n = 64;
    int k = 160;
    assertSameBitsAtEveryOffset(
        n,
        k,
        (ones, b, offset, c) ->
            openblas.cblas_sgemm(
                openblas.CblasRowMajor,
                openblas.CblasNoTrans,
                openblas.CblasNoTrans,
                1,
                n,
                k,
                1f,
                new FloatPointer(ones.data().addressPointer()),
                k,
                new FloatPointer(b.data().addressPointer()).position(offset),
                n,
                0f,
                new FloatPointer(c.data().addressPointer()),
                n));
  }

  /** c [n] = ones [k] · b [k, n], with b starting {@code offset} floats into its array. */
  private interface RowProduct {
    void into(INDArray ones, INDArray b, int offset, INDArray c);
  }

  private static void assertSameBitsAtEveryOffset(int n, int k, RowProduct product) {
    INDArray ones = Nd4j.ones(DataType.FLOAT, k);
    float[] dy = Nd4j.rand(DataType.FLOAT, k, n).subi(0.5).data().asFloat();
    float[] first = null;
    for (int offset = 0; offset < 16; offset++) {
      float[] shifted = new float[offset + k * n];
      System.arraycopy(dy, 0, shifted, offset, dy.length);
      INDArray c = Nd4j.zeros(DataType.FLOAT, n);
      product.into(ones, Nd4j.createFromArray(shifted), offset, c);
      float[] sums = c.data().asFloat();
      if (first == null) {
        first = sums;
      } else {
        assertTrue(
            java.util.Arrays.equals(first, sums), "offset " + offset + " changed the column sums");
      }
    }
  }
}
