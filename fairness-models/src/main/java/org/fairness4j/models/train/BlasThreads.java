package org.fairness4j.models.train;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.presets.openblas_nolapack;
import org.fairness4j.models.nn.CpuBlas;

/**
 * The BLAS library's thread count for the calling thread only, where ND4J runs on Intel MKL ({@code
 * MKL_Set_Num_Threads_Local}): set to one, several Java threads can run small products side by side
 * instead of each product being split over the cores. Elsewhere (OpenBLAS, other backends) {@link
 * #available()} is false. Off unless {@code -Dfairness4j.train.parallelHeads=true}: in paired runs
 * on the 2-core machine it was not faster (ViT-B/16 LoRA at batch 4, quiet: 1,396 ms on against
 * 1,341 ms off; docs/performance.md).
 */
final class BlasThreads {
  private static final openblas_nolapack.MklSetNumThreadsLocal LOCAL = probe();

  private BlasThreads() {}

  private static openblas_nolapack.MklSetNumThreadsLocal probe() {
    if (!Boolean.parseBoolean(System.getProperty("fairness4j.train.parallelHeads", "false"))
        || !"mkl_rt".equals(System.getProperty("org.bytedeco.openblas.load"))
        || !CpuBlas.available()) {
      return null;
    }
    try {
      Loader.load(openblas_nolapack.class);
      Pointer address = Loader.addressof("MKL_Set_Num_Threads_Local");
      if (address == null || address.isNull()) {
        return null;
      }
      // the binding's own wrapper of a native function pointer (allocated by its constructor)
      openblas_nolapack.MklSetNumThreadsLocal f = new openblas_nolapack.MklSetNumThreadsLocal() {};
      f.put(address);
      return f;
    } catch (LinkageError | RuntimeException e) {
      return null;
    }
  }

  /** Whether the calling thread's BLAS thread count can be set. */
  static boolean available() {
    return LOCAL != null;
  }

  /**
   * Sets the calling thread's BLAS thread count.
   *
   * @param threads the count (0: back to the library's global setting)
   * @return the previous thread-local count (0 when there was none)
   */
  static int local(int threads) {
    return LOCAL.call(threads);
  }
}
