package dev.jgrad.tensor;

import dev.jgrad.tensor.internal.WorkerPool;

/**
 * A pass over the elements {@code [from, to)} of a contiguous run, and the split of a large run
 * across the kernel threads.
 */
@FunctionalInterface
interface ParallelRange {
  /** Runs of at least this many elements are split across the kernel threads. */
  int PARALLEL_ELEMENTS = 1 << 15;

  /** Processes elements {@code from} (inclusive) to {@code to} (exclusive). */
  void run(int from, int to);

  /**
   * Runs {@code body} over {@code [0, n)}, cut into one contiguous range per kernel thread (at
   * multiples of 16 elements) when n is at least {@link #PARALLEL_ELEMENTS}. Each element is
   * computed alone, so the result is the same for any cut; the cut matches the row split of a
   * matrix product that produced the data, so each thread updates what it wrote.
   */
  static void split(int n, ParallelRange body) {
    int parts = WorkerPool.threads();
    if (parts == 1 || n < PARALLEL_ELEMENTS) {
      body.run(0, n);
      return;
    }
    WorkerPool.run(parts, p -> body.run(cut(n, parts, p), cut(n, parts, p + 1)));
  }

  private static int cut(int n, int parts, int p) {
    return p >= parts ? n : (int) ((long) n * p / parts) & ~15;
  }
}
