package dev.jgrad.tensor.internal;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.base.Strings;
import java.lang.reflect.Array;

/**
 * General matrix products {@code C = A·B} and {@code C += A·B} over strided {@code float[]} and
 * {@code double[]} operands: argument checks, the tiny-product loop and the split across threads,
 * in front of the blocked, packed kernels of {@link Kernels} (SIMD or plain Java).
 *
 * <p><b>Operands.</b> A, B and C are {@link Matrix} views, so a transposed operand (the NT, TN and
 * TT forms of backprop) or a broadcast one (stride 0) is read in place and never copied into a
 * transposed tensor first. C is row-major (column stride 1). Offsets and strides are non-negative;
 * C must not share its array with A or B. The element type is dispatched once, on C's array, to
 * {@link GemmF32} or {@link GemmF64}; everything after that is typed.
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
 * <p><b>Swapped products.</b> The kernels read B's rows in place or copy them when they are
 * contiguous, and must transpose B into panels when they are not (B = Wᵀ for a weight stored [out,
 * in]). When {@link SwapRule} finds the transposition cheaper the other way round, the product is
 * computed as Cᵀ = Bᵀ·Aᵀ into a per-thread buffer and transposed into C. Each element is still the
 * same chain, so the result is unchanged bit for bit.
 *
 * <p><b>Memory.</b> Pack buffers are kept per thread and reused, so after a thread's first large
 * product a call allocates at most a few operand views (small records, never one per tile).
 */
public final class Gemm {

  /** Products with at most this many multiply-adds ({@code m*n*k}) use the plain triple loop. */
  static final long TINY = 64;

  /** Products of fewer floating-point operations ({@code 2*m*n*k}) stay on one thread. */
  static final long PARALLEL_FLOPS = 200_000;

  /** Parts of a split start at multiples of this many rows or columns. */
  static final int ALIGN = 16;

  private Gemm() {}

  /**
   * Computes {@code C = A·B} (or {@code C += A·B} when {@code accumulate}) in the precision of C's
   * array: single for {@code float[]} ({@code sgemm} in messages), double for {@code double[]}
   * ({@code dgemm}).
   *
   * <p>C is m×n, A is m×k and B is k×n. When {@code k == 0}, C is set to zero (left unchanged when
   * accumulating); when {@code m == 0} or {@code n == 0} nothing is done.
   *
   * @param a the m×k left operand
   * @param b the k×n right operand
   * @param c the m×n result, with column stride 1
   * @param accumulate whether to add the product to C's values instead of replacing them
   * @throws IllegalArgumentException if C's array is neither a {@code float[]} nor a {@code
   *     double[]}, A's or B's is null or not of C's type, the sizes do not match, a size, offset or
   *     stride is negative, C's column stride is not 1, C's row stride is smaller than {@code n}
   *     for more than one row, C is the same array as A or B, or an addressed element lies outside
   *     its array
   */
  public static void multiply(Matrix<?> a, Matrix<?> b, Matrix<?> c, boolean accumulate) {
    Object data = c.data();
    if (data instanceof float[]) {
      run(GemmF32.PRECISION, a, b, c, accumulate);
    } else if (data instanceof double[]) {
      run(GemmF64.PRECISION, a, b, c, accumulate);
    } else {
      throw new IllegalArgumentException(
          "gemm: C must hold a float[] or a double[], got "
              + (data == null ? "null" : data.getClass().getSimpleName()));
    }
  }

  private static <A> void run(
      Precision<A> precision, Matrix<?> left, Matrix<?> right, Matrix<?> out, boolean accumulate) {
    String op = precision.name();
    Matrix<A> a = typed(precision, "A", left);
    Matrix<A> b = typed(precision, "B", right);
    Matrix<A> c = typed(precision, "C", out);
    checkArgument(
        c.data() != a.data() && c.data() != b.data(),
        "%s: output array C must not be an input array",
        op);
    checkOperands(op, a, b, c);
    int m = a.rows();
    int n = b.cols();
    int k = a.cols();
    if (m == 0 || n == 0) {
      return;
    }
    if ((long) m * n * k <= TINY) {
      precision.tiny(a, b, c, accumulate);
    } else if (SwapRule.prefersSwap(m, n, k, a.rowStride(), b.colStride())) {
      Matrix<A> t = new Matrix<>(precision.swapBuffer(m * n), 0, n, m, m, 1);
      if (accumulate) {
        precision.transpose(c, t);
      }
      split(precision, b.transposed(), a.transposed(), t, accumulate);
      precision.transpose(t, c);
    } else {
      split(precision, a, b, c, accumulate);
    }
  }

  /** Returns {@code m} typed as the precision's operand, after checking its array's class. */
  @SuppressWarnings("unchecked") // the array's class is checked first
  private static <A> Matrix<A> typed(Precision<A> precision, String name, Matrix<?> m) {
    Object data = m.data();
    checkArgument(data != null, "%s: arrays must not be null", precision.name());
    if (!precision.arrayType().isInstance(data)) {
      throw invalid(
          "%s: %s holds a %s, expected a %s like C",
          precision.name(),
          name,
          data.getClass().getSimpleName(),
          precision.arrayType().getSimpleName());
    }
    return (Matrix<A>) m;
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
  private static <A> void split(
      Precision<A> precision, Matrix<A> a, Matrix<A> b, Matrix<A> c, boolean accumulate) {
    Kernels kernels = Kernels.get();
    int m = a.rows();
    int n = b.cols();
    boolean byColumns = b.colStride() != 1 ? 2L * n > m : m < 2 * ALIGN;
    int length = byColumns ? n : m;
    int parts = parts(m, n, a.cols(), length);
    if (parts == 1) {
      precision.kernel(kernels, a, b, c, accumulate);
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
            precision.kernel(kernels, a, b.cols(from, to), c.cols(from, to), accumulate);
          } else {
            precision.kernel(kernels, a.rows(from, to), b, c.rows(from, to), accumulate);
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

  /**
   * Checks the sizes, offsets and strides of the operands against each other and their arrays. The
   * checks run on every product, so they box and format nothing unless one fails.
   */
  private static void checkOperands(String op, Matrix<?> a, Matrix<?> b, Matrix<?> c) {
    int m = a.rows();
    int n = b.cols();
    int k = a.cols();
    if (m < 0 || n < 0 || k < 0) {
      throw invalid("%s: sizes must be non-negative, got m=%s n=%s k=%s", op, m, n, k);
    }
    if (b.rows() != k || c.rows() != m || c.cols() != n) {
      throw invalid(
          "%s: A is %sx%s, B %sx%s and C %sx%s, but they must be m×k, k×n and m×n",
          op, m, k, b.rows(), n, c.rows(), c.cols());
    }
    if (a.offset() < 0 || b.offset() < 0 || c.offset() < 0) {
      throw invalid(
          "%s: offsets must be non-negative, got aOff=%s bOff=%s cOff=%s",
          op, a.offset(), b.offset(), c.offset());
    }
    if (a.rowStride() < 0
        || a.colStride() < 0
        || b.rowStride() < 0
        || b.colStride() < 0
        || c.rowStride() < 0) {
      throw invalid(
          "%s: strides must be non-negative, got A (%s, %s), B (%s, %s), C row stride %s",
          op, a.rowStride(), a.colStride(), b.rowStride(), b.colStride(), c.rowStride());
    }
    if (c.colStride() != 1) {
      throw invalid("%s: C's column stride must be 1, got %s", op, c.colStride());
    }
    if (m > 1 && c.rowStride() < n) {
      throw invalid(
          "%s: C row stride %s is smaller than n=%s, so rows of C would overlap",
          op, c.rowStride(), n);
    }
    checkExtent(op, "A", a);
    checkExtent(op, "B", b);
    checkExtent(op, "C", c);
  }

  private static void checkExtent(String op, String name, Matrix<?> x) {
    if (x.rows() == 0 || x.cols() == 0) {
      return;
    }
    int length = Array.getLength(x.data());
    long last =
        x.offset() + (long) (x.rows() - 1) * x.rowStride() + (long) (x.cols() - 1) * x.colStride();
    if (last >= length) {
      throw invalid(
          "%s: %s (%sx%s, offset %s, strides %s, %s) reaches index %s but its array has length %s",
          op, name, x.rows(), x.cols(), x.offset(), x.rowStride(), x.colStride(), last, length);
    }
  }

  /** Returns the exception for a failed check, its message formatted as {@code checkArgument}'s. */
  private static IllegalArgumentException invalid(String template, Object... args) {
    return new IllegalArgumentException(Strings.lenientFormat(template, args));
  }

  /**
   * The typed parts of a product in one precision: everything that reads or writes the elements
   * outside the blocked kernels. {@link GemmF32} and {@link GemmF64} are the two.
   *
   * @param <A> the array type, {@code float[]} or {@code double[]}
   */
  interface Precision<A> {

    /**
     * Returns the name that prefixes error messages.
     *
     * @return {@code sgemm} or {@code dgemm}
     */
    String name();

    /**
     * Returns the class of the operands' arrays.
     *
     * @return {@code float[].class} or {@code double[].class}
     */
    Class<A> arrayType();

    /**
     * Runs the blocked kernel of this precision on checked operands with positive sizes.
     *
     * @param kernels the implementation to run
     * @param a the m×k left operand
     * @param b the k×n right operand
     * @param c the m×n result, with column stride 1
     * @param accumulate whether to add the product to C's values
     */
    void kernel(Kernels kernels, Matrix<A> a, Matrix<A> b, Matrix<A> c, boolean accumulate);

    /**
     * Computes a small product (or one with k = 0) with the plain triple loop, each element one
     * chain of fused multiply-adds in increasing k.
     *
     * @param a the m×k left operand
     * @param b the k×n right operand
     * @param c the m×n result
     * @param accumulate whether to add the product to C's values
     */
    void tiny(Matrix<A> a, Matrix<A> b, Matrix<A> c, boolean accumulate);

    /**
     * Returns this thread's buffer for a swapped product's Cᵀ.
     *
     * @param size the number of elements needed
     * @return an array of at least {@code size} elements, reused by later calls on this thread
     */
    A swapBuffer(int size);

    /**
     * Copies {@code src} transposed into {@code dst}, element (i, j) to (j, i), reading {@code src}
     * row by row.
     *
     * @param src the rows×cols matrix to read, with column stride 1
     * @param dst the cols×rows matrix to write, with column stride 1
     */
    void transpose(Matrix<A> src, Matrix<A> dst);
  }
}
