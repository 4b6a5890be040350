package dev.jgrad.tensor;

import static com.google.common.base.Preconditions.checkArgument;

import dev.jgrad.tensor.internal.WorkerPool;

/**
 * How many threads jgrad's kernels use.
 *
 * <p>The count starts from the system property {@code jgrad.threads} (for example {@code
 * -Djgrad.threads=2}) and defaults to 1: on the shared two-vCPU machine where jgrad was measured, a
 * second thread made the training of small MLPs on MNIST slower (as it did for NumPy, libtorch and
 * ND4J), so more threads are an opt-in, here or with {@link #setThreads}. Large matrix products
 * split C's rows or columns into aligned parts, one per thread; small products (under about 0.2
 * MFLOP) stay on the calling thread, where a hand-off would cost more than it saves. Every element
 * of a result is computed by one thread in a fixed order, so results are bit-identical for any
 * thread count.
 */
public final class Parallelism {
  /** The largest thread count {@link #setThreads} accepts. */
  public static final int MAX_THREADS = WorkerPool.MAX_THREADS;

  private Parallelism() {}

  /**
   * Returns the number of threads kernels may use (at least 1).
   *
   * @return the current thread count, from 1 to {@link #MAX_THREADS}
   */
  public static int threads() {
    return WorkerPool.threads();
  }

  /**
   * Sets the number of threads kernels may use, from 1 to {@value WorkerPool#MAX_THREADS}; takes
   * effect for the next kernel call.
   *
   * @param n the number of threads, from 1 to {@link #MAX_THREADS}; 1 keeps every kernel on the
   *     calling thread
   * @throws IllegalArgumentException if {@code n} is outside that range
   */
  public static void setThreads(int n) {
    checkArgument(
        n >= 1 && n <= WorkerPool.MAX_THREADS,
        "setThreads: expected 1 to %s threads, got %s",
        WorkerPool.MAX_THREADS,
        n);
    WorkerPool.setThreads(n);
  }
}
