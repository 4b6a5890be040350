package dev.jgrad.tensor.internal.pool;

/**
 * Single-precision max pooling over 2x2 windows with stride 2 that tile the plane ({@link
 * PoolAxis#isPairs}), the LeNet-5 case: {@link PoolF32#maxForwardPairs} and {@link
 * PoolF32#maxBackwardThroughRelu}, and their SIMD twins in {@link SimdMaxPairs}, which give
 * bit-identical results.
 */
interface MaxPairs {
  /**
   * Writes the maxima and indices of the planes {@code [from, to)}, as {@link
   * PoolF32#maxForwardPairs}.
   *
   * @param s the shapes, whose axes are both pairs
   * @param in the input
   * @param relu whether {@code relu(in)} is pooled
   * @param out the output
   * @param idx the indices
   * @param from the first plane
   * @param to the end of the planes
   */
  void forward(PoolShape s, float[] in, boolean relu, float[] out, int[] idx, int from, int to);

  /**
   * Adds the output gradients of plane {@code p} through a relu into its input gradient, zeroed, as
   * {@link PoolF32#maxBackwardThroughRelu} does for that plane's outputs.
   *
   * @param s the shapes, whose axes are both pairs
   * @param gradOut the gradient with respect to the output
   * @param result the pooled result, after the relu
   * @param idx the indices of the forward pass
   * @param gradIn the gradient with respect to the relu's input, whose plane {@code p} is zero
   * @param p the plane
   */
  void backwardThroughRelu(
      PoolShape s, float[] gradOut, float[] result, int[] idx, float[] gradIn, int p);
}
