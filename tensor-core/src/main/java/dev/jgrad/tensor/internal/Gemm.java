package dev.jgrad.tensor.internal;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;

/**
 * General matrix products {@code C = A·B} and {@code C += A·B} over strided {@code float[]} and
 * {@code double[]} operands: argument checks, the tiny-product loop and the split across threads,
 * in front of the blocked, packed kernels of {@link Kernels} (SIMD or plain Java).
 *
 * <p><b>Operands.</b> Element {@code (i, p)} of A is {@code a[aOff + i*aRowStride + p*aColStride]}
 * and element {@code (p, j)} of B is {@code b[bOff + p*bRowStride + j*bColStride]}, so a transposed
 * operand (the NT, TN and TT forms of backprop) or a broadcast one (stride 0) is read in place and
 * never copied into a transposed tensor first. C is row-major: element {@code (i, j)} is {@code
 * c[cOff + i*cRowStride + j]}. Strides are non-negative; C must not share its array with A or B.
 *
 * <p><b>Summation order.</b> Every element of C is one chain of fused multiply-adds in increasing
 * k, each rounded once ({@link Math#fma}): {@code t = (accumulate ? c_ij : 0); for p in 0..k-1: t =
 * fma(a_ip, b_pj, t); c_ij = t}. Blocking only pauses the chain by storing {@code t} in C between k
 * blocks, which rounds nothing, so the result does not depend on the strides, the form (NN, NT, TN,
 * TT), the blocking parameters, the kernel implementation (SIMD or plain), the tiny-product path or
 * the number of threads: the same data gives bit-identical results.
 *
 * <p><b>Threads.</b> Products of at least {@link #PARALLEL_FLOPS} floating-point operations are
 * split into {@link WorkerPool#threads()} parts, cut at multiples of {@link #ALIGN}; each part is
 * one kernel call on its own block of C. The cut runs along C's rows, so that each thread writes
 * one contiguous block of C (and the in-place updates that follow, split the same way, touch it in
 * the same thread), unless B must be transposed to be packed and is the costlier operand; then it
 * runs along the columns, so that no two threads transpose the same part of B. Smaller products
 * stay on the calling thread.
 *
 * <p><b>Swapped products.</b> The kernels pack B; that is a copy when B's rows are contiguous and a
 * transposition when they are not (B = Wᵀ for a weight stored [out, in]). When {@link SwapRule}
 * finds the transposition cheaper the other way round, the product is computed as Cᵀ = Bᵀ·Aᵀ into a
 * per-thread buffer and transposed into C. Each element is still the same chain, so the result is
 * unchanged bit for bit.
 *
 * <p><b>Memory.</b> Pack buffers are kept per thread and reused, so a call allocates nothing after
 * a thread's first large product.
 */
public final class Gemm {

  /** Products with at most this many multiply-adds ({@code m*n*k}) use the plain triple loop. */
  static final long TINY = 64;

  /** Products of fewer floating-point operations ({@code 2*m*n*k}) stay on one thread. */
  static final long PARALLEL_FLOPS = 200_000;

  /** Parts of a split start at multiples of this many rows or columns. */
  static final int ALIGN = 16;

  private static final ThreadLocal<float[]> SWAP_F32 = ThreadLocal.withInitial(() -> new float[0]);
  private static final ThreadLocal<double[]> SWAP_F64 =
      ThreadLocal.withInitial(() -> new double[0]);

  private Gemm() {}

  /**
   * Computes {@code C = A·B} (or {@code C += A·B} when {@code accumulate}) in single precision.
   *
   * <p>C is m×n, A is m×k and B is k×n, addressed as described in the class documentation. When
   * {@code k == 0}, C is set to zero (left unchanged when accumulating); when {@code m == 0} or
   * {@code n == 0} nothing is done.
   *
   * @throws IllegalArgumentException if an array is null, a size, offset or stride is negative, C's
   *     row stride is smaller than {@code n} for more than one row, C is the same array as A or B,
   *     or an addressed element lies outside its array
   */
  public static void sgemm(
      int m,
      int n,
      int k,
      float[] a,
      int aOff,
      int aRowStride,
      int aColStride,
      float[] b,
      int bOff,
      int bRowStride,
      int bColStride,
      float[] c,
      int cOff,
      int cRowStride,
      boolean accumulate) {
    checkArgument(a != null && b != null && c != null, "sgemm: arrays must not be null");
    checkArgument(c != a && c != b, "sgemm: output array C must not be an input array");
    checkOperands(
        "sgemm",
        m,
        n,
        k,
        a.length,
        aOff,
        aRowStride,
        aColStride,
        b.length,
        bOff,
        bRowStride,
        bColStride,
        c.length,
        cOff,
        cRowStride);
    if (m == 0 || n == 0) {
      return;
    }
    if (k == 0) {
      if (!accumulate) {
        for (int i = 0; i < m; i++) {
          int row = cOff + i * cRowStride;
          Arrays.fill(c, row, row + n, 0f);
        }
      }
      return;
    }
    if ((long) m * n * k <= TINY) {
      tinyF32(
          m,
          n,
          k,
          a,
          aOff,
          aRowStride,
          aColStride,
          b,
          bOff,
          bRowStride,
          bColStride,
          c,
          cOff,
          cRowStride,
          accumulate);
      return;
    }
    if (SwapRule.prefersSwap(m, n, k, aRowStride, bColStride)) {
      float[] t = swapBufferF32(m * n);
      if (accumulate) {
        transpose(c, cOff, cRowStride, m, n, t, 0, m);
      }
      splitF32(
          n,
          m,
          k,
          b,
          bOff,
          bColStride,
          bRowStride,
          a,
          aOff,
          aColStride,
          aRowStride,
          t,
          0,
          m,
          accumulate);
      transpose(t, 0, m, n, m, c, cOff, cRowStride);
    } else {
      splitF32(
          m,
          n,
          k,
          a,
          aOff,
          aRowStride,
          aColStride,
          b,
          bOff,
          bRowStride,
          bColStride,
          c,
          cOff,
          cRowStride,
          accumulate);
    }
  }

  /**
   * Copies the rows×cols matrix at {@code src} (row stride {@code srcStride}) transposed into
   * {@code dst} (row stride {@code dstStride}): element (i, j) goes to (j, i).
   */
  private static void transpose(
      float[] src,
      int srcOff,
      int srcStride,
      int rows,
      int cols,
      float[] dst,
      int dstOff,
      int dstStride) {
    for (int i = 0; i < rows; i++) {
      int row = srcOff + i * srcStride;
      for (int j = 0; j < cols; j++) {
        dst[dstOff + j * dstStride + i] = src[row + j];
      }
    }
  }

  /** Returns this thread's buffer for a swapped product's Cᵀ, of at least {@code size} elements. */
  private static float[] swapBufferF32(int size) {
    float[] t = SWAP_F32.get();
    if (t.length < size) {
      t = new float[size];
      SWAP_F32.set(t);
    }
    return t;
  }

  /**
   * Runs the kernels on C = A·B, split across threads so that each thread packs only its own part
   * of B (a split along C's columns) or reads only its own rows of A and writes only its own rows
   * of C (along the rows). Packing a B that must be transposed costs about twice as much per
   * element as reading A, so such a B is split when n > m/2. A B with contiguous rows packs by
   * plain copies, so its split is along the rows unless C has too few: then each thread's rows of C
   * are contiguous, the parts that the elementwise passes after it (an optimizer's update of a
   * weight by its gradient) split the same way, in the same thread.
   */
  private static void splitF32(
      int m,
      int n,
      int k,
      float[] a,
      int aOff,
      int aRowStride,
      int aColStride,
      float[] b,
      int bOff,
      int bRowStride,
      int bColStride,
      float[] c,
      int cOff,
      int cRowStride,
      boolean accumulate) {
    Kernels kernels = Kernels.get();
    boolean byColumns = bColStride != 1 ? 2L * n > m : m < 2 * ALIGN;
    int length = byColumns ? n : m;
    int parts = parts(m, n, k, length);
    if (parts == 1) {
      kernels.sgemm(
          m,
          n,
          k,
          a,
          aOff,
          aRowStride,
          aColStride,
          b,
          bOff,
          bRowStride,
          bColStride,
          c,
          cOff,
          cRowStride,
          accumulate);
      return;
    }
    WorkerPool.run(
        parts,
        p -> {
          int from = boundary(length, parts, p);
          int to = boundary(length, parts, p + 1);
          if (from == to) {
            return;
          }
          if (byColumns) {
            kernels.sgemm(
                m,
                to - from,
                k,
                a,
                aOff,
                aRowStride,
                aColStride,
                b,
                bOff + from * bColStride,
                bRowStride,
                bColStride,
                c,
                cOff + from,
                cRowStride,
                accumulate);
          } else {
            kernels.sgemm(
                to - from,
                n,
                k,
                a,
                aOff + from * aRowStride,
                aRowStride,
                aColStride,
                b,
                bOff,
                bRowStride,
                bColStride,
                c,
                cOff + from * cRowStride,
                cRowStride,
                accumulate);
          }
        });
  }

  /**
   * Computes {@code C = A·B} (or {@code C += A·B} when {@code accumulate}) in double precision.
   *
   * <p>C is m×n, A is m×k and B is k×n, addressed as described in the class documentation. When
   * {@code k == 0}, C is set to zero (left unchanged when accumulating); when {@code m == 0} or
   * {@code n == 0} nothing is done.
   *
   * @throws IllegalArgumentException if an array is null, a size, offset or stride is negative, C's
   *     row stride is smaller than {@code n} for more than one row, C is the same array as A or B,
   *     or an addressed element lies outside its array
   */
  public static void dgemm(
      int m,
      int n,
      int k,
      double[] a,
      int aOff,
      int aRowStride,
      int aColStride,
      double[] b,
      int bOff,
      int bRowStride,
      int bColStride,
      double[] c,
      int cOff,
      int cRowStride,
      boolean accumulate) {
    checkArgument(a != null && b != null && c != null, "dgemm: arrays must not be null");
    checkArgument(c != a && c != b, "dgemm: output array C must not be an input array");
    checkOperands(
        "dgemm",
        m,
        n,
        k,
        a.length,
        aOff,
        aRowStride,
        aColStride,
        b.length,
        bOff,
        bRowStride,
        bColStride,
        c.length,
        cOff,
        cRowStride);
    if (m == 0 || n == 0) {
      return;
    }
    if (k == 0) {
      if (!accumulate) {
        for (int i = 0; i < m; i++) {
          int row = cOff + i * cRowStride;
          Arrays.fill(c, row, row + n, 0d);
        }
      }
      return;
    }
    if ((long) m * n * k <= TINY) {
      tinyF64(
          m,
          n,
          k,
          a,
          aOff,
          aRowStride,
          aColStride,
          b,
          bOff,
          bRowStride,
          bColStride,
          c,
          cOff,
          cRowStride,
          accumulate);
      return;
    }
    if (SwapRule.prefersSwap(m, n, k, aRowStride, bColStride)) {
      double[] t = swapBufferF64(m * n);
      if (accumulate) {
        transpose(c, cOff, cRowStride, m, n, t, 0, m);
      }
      splitF64(
          n,
          m,
          k,
          b,
          bOff,
          bColStride,
          bRowStride,
          a,
          aOff,
          aColStride,
          aRowStride,
          t,
          0,
          m,
          accumulate);
      transpose(t, 0, m, n, m, c, cOff, cRowStride);
    } else {
      splitF64(
          m,
          n,
          k,
          a,
          aOff,
          aRowStride,
          aColStride,
          b,
          bOff,
          bRowStride,
          bColStride,
          c,
          cOff,
          cRowStride,
          accumulate);
    }
  }

  /**
   * Copies the rows×cols matrix at {@code src} (row stride {@code srcStride}) transposed into
   * {@code dst} (row stride {@code dstStride}): element (i, j) goes to (j, i).
   */
  private static void transpose(
      double[] src,
      int srcOff,
      int srcStride,
      int rows,
      int cols,
      double[] dst,
      int dstOff,
      int dstStride) {
    for (int i = 0; i < rows; i++) {
      int row = srcOff + i * srcStride;
      for (int j = 0; j < cols; j++) {
        dst[dstOff + j * dstStride + i] = src[row + j];
      }
    }
  }

  /** Returns this thread's buffer for a swapped product's Cᵀ, of at least {@code size} elements. */
  private static double[] swapBufferF64(int size) {
    double[] t = SWAP_F64.get();
    if (t.length < size) {
      t = new double[size];
      SWAP_F64.set(t);
    }
    return t;
  }

  /**
   * Runs the kernels on C = A·B, split across threads so that each thread packs only its own part
   * of B (a split along C's columns) or reads only its own rows of A and writes only its own rows
   * of C (along the rows). Packing a B that must be transposed costs about twice as much per
   * element as reading A, so such a B is split when n > m/2. A B with contiguous rows packs by
   * plain copies, so its split is along the rows unless C has too few: then each thread's rows of C
   * are contiguous, the parts that the elementwise passes after it (an optimizer's update of a
   * weight by its gradient) split the same way, in the same thread.
   */
  private static void splitF64(
      int m,
      int n,
      int k,
      double[] a,
      int aOff,
      int aRowStride,
      int aColStride,
      double[] b,
      int bOff,
      int bRowStride,
      int bColStride,
      double[] c,
      int cOff,
      int cRowStride,
      boolean accumulate) {
    Kernels kernels = Kernels.get();
    boolean byColumns = bColStride != 1 ? 2L * n > m : m < 2 * ALIGN;
    int length = byColumns ? n : m;
    int parts = parts(m, n, k, length);
    if (parts == 1) {
      kernels.dgemm(
          m,
          n,
          k,
          a,
          aOff,
          aRowStride,
          aColStride,
          b,
          bOff,
          bRowStride,
          bColStride,
          c,
          cOff,
          cRowStride,
          accumulate);
      return;
    }
    WorkerPool.run(
        parts,
        p -> {
          int from = boundary(length, parts, p);
          int to = boundary(length, parts, p + 1);
          if (from == to) {
            return;
          }
          if (byColumns) {
            kernels.dgemm(
                m,
                to - from,
                k,
                a,
                aOff,
                aRowStride,
                aColStride,
                b,
                bOff + from * bColStride,
                bRowStride,
                bColStride,
                c,
                cOff + from,
                cRowStride,
                accumulate);
          } else {
            kernels.dgemm(
                to - from,
                n,
                k,
                a,
                aOff + from * aRowStride,
                aRowStride,
                aColStride,
                b,
                bOff,
                bRowStride,
                bColStride,
                c,
                cOff + from * cRowStride,
                cRowStride,
                accumulate);
          }
        });
  }

  /** Returns how many threads a product with this many rows or columns to split is cut into. */
  private static int parts(int m, int n, int k, int length) {
    int threads = WorkerPool.threads();
    if (threads == 1 || 2L * m * n * k < PARALLEL_FLOPS) {
      return 1;
    }
    int blocks = (length + ALIGN - 1) / ALIGN;
    return Math.min(threads, blocks);
  }

  private static int boundary(int length, int parts, int p) {
    if (p >= parts) {
      return length;
    }
    int blocks = (length + ALIGN - 1) / ALIGN;
    return Math.min(length, (int) ((long) blocks * p / parts) * ALIGN);
  }

  private static void checkOperands(
      String op,
      int m,
      int n,
      int k,
      int aLength,
      int aOff,
      int aRowStride,
      int aColStride,
      int bLength,
      int bOff,
      int bRowStride,
      int bColStride,
      int cLength,
      int cOff,
      int cRowStride) {
    checkArgument(
        m >= 0 && n >= 0 && k >= 0,
        "%s: sizes must be non-negative, got m=%s n=%s k=%s",
        op,
        m,
        n,
        k);
    checkArgument(
        aOff >= 0 && bOff >= 0 && cOff >= 0,
        "%s: offsets must be non-negative, got aOff=%s bOff=%s cOff=%s",
        op,
        aOff,
        bOff,
        cOff);
    checkArgument(
        aRowStride >= 0 && aColStride >= 0 && bRowStride >= 0 && bColStride >= 0 && cRowStride >= 0,
        "%s: strides must be non-negative, got A (%s, %s), B (%s, %s), C row stride %s",
        op,
        aRowStride,
        aColStride,
        bRowStride,
        bColStride,
        cRowStride);
    checkArgument(
        m <= 1 || cRowStride >= n,
        "%s: C row stride %s is smaller than n=%s, so rows of C would overlap",
        op,
        cRowStride,
        n);
    checkExtent(op, "A", m, k, aLength, aOff, aRowStride, aColStride);
    checkExtent(op, "B", k, n, bLength, bOff, bRowStride, bColStride);
    checkExtent(op, "C", m, n, cLength, cOff, cRowStride, 1);
  }

  private static void checkExtent(
      String op,
      String name,
      int rows,
      int cols,
      int length,
      int off,
      int rowStride,
      int colStride) {
    if (rows == 0 || cols == 0) {
      return;
    }
    long last = off + (long) (rows - 1) * rowStride + (long) (cols - 1) * colStride;
    checkArgument(
        last < length,
        "%s: %s (%sx%s, offset %s, strides %s, %s) reaches index %s but its array has length %s",
        op,
        name,
        rows,
        cols,
        off,
        rowStride,
        colStride,
        last,
        length);
  }

  private static void tinyF32(
      int m,
      int n,
      int k,
      float[] a,
      int aOff,
      int aRowStride,
      int aColStride,
      float[] b,
      int bOff,
      int bRowStride,
      int bColStride,
      float[] c,
      int cOff,
      int cRowStride,
      boolean accumulate) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        int ci = cOff + i * cRowStride + j;
        float t = accumulate ? c[ci] : 0f;
        for (int p = 0; p < k; p++) {
          t =
              Math.fma(
                  a[aOff + i * aRowStride + p * aColStride],
                  b[bOff + p * bRowStride + j * bColStride],
                  t);
        }
        c[ci] = t;
      }
    }
  }

  private static void tinyF64(
      int m,
      int n,
      int k,
      double[] a,
      int aOff,
      int aRowStride,
      int aColStride,
      double[] b,
      int bOff,
      int bRowStride,
      int bColStride,
      double[] c,
      int cOff,
      int cRowStride,
      boolean accumulate) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        int ci = cOff + i * cRowStride + j;
        double t = accumulate ? c[ci] : 0d;
        for (int p = 0; p < k; p++) {
          t =
              Math.fma(
                  a[aOff + i * aRowStride + p * aColStride],
                  b[bOff + p * bRowStride + j * bColStride],
                  t);
        }
        c[ci] = t;
      }
    }
  }
}
