package dev.jgrad.tensor.internal;

/**
 * Decides when a product C = A·B is cheaper to compute as Cᵀ = Bᵀ·Aᵀ.
 *
 * <p>The blocked kernels read B in rows of contiguous panels. When B's rows are contiguous they are
 * read in place (SIMD) or copied (plain Java); when they are not (B = Wᵀ for a weight stored [out,
 * in]), B is transposed into panels, several times slower per element. Swapping the operands makes
 * Aᵀ the transposed operand instead, at the price of two transposing copies of C. The swap is taken
 * when it at least halves the transposing work and C stays small enough to buffer.
 */
public final class SwapRule {
  /** The largest C, in elements, that a swapped product buffers. */
  static final long MAX_BUFFERED = 1L << 20;

  private SwapRule() {}

  /**
   * Returns whether the product of an m×k A by a k×n B should be computed swapped.
   *
   * @param m the rows of A and C
   * @param n the columns of B and C
   * @param k the columns of A and rows of B
   * @param aRowStride the distance between rows of A
   * @param bColStride the distance between columns of B
   * @return true when computing Cᵀ = Bᵀ·Aᵀ is expected to be cheaper
   */
  public static boolean prefersSwap(int m, int n, int k, int aRowStride, int bColStride) {
    if (bColStride == 1 || (long) m * n > MAX_BUFFERED) {
      return false;
    }
    long current = (long) n * k;
    long swapped = (aRowStride == 1 ? 0L : (long) m * k) + 2L * m * n;
    return 2 * swapped <= current;
  }
}
