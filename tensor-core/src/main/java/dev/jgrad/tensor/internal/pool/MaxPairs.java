package dev.jgrad.tensor.internal.pool;

/**
 * Single-precision max pooling over 2x2 windows with stride 2 that tile the plane ({@link
 * PoolAxis#isPairs}), the LeNet-5 case: {@link PoolF32#maxForwardPairs} and its SIMD twin {@link
 * SimdMaxPairs}, which gives bit-identical results.
 */
interface MaxPairs {
  /**
   * Writes the maxima and indices of the planes {@code [from, to)}, as {@link PoolF32#maxForward}.
   *
   * @param s the shapes, whose axes are both pairs
   * @param in the input
   * @param out the output
   * @param idx the indices
   * @param from the first plane
   * @param to the end of the planes
   */
  void forward(PoolShape s, float[] in, float[] out, int[] idx, int from, int to);
}
