package dev.jgrad.tensor.internal.conv;

/**
 * The two ways a convolution pass is computed, and the choice between them per shape. The choice
 * depends on the shape alone (never on the thread count or on whether the SIMD kernels run), so a
 * shape's results do not change with either.
 */
enum ConvPath {
  /** Patch matrices ({@code im2col}) multiplied by the existing {@code Gemm}. */
  GEMM,
  /** The direct kernels of {@link ConvKernels} on the wide layout; unit strides only. */
  DIRECT;

  /**
   * Returns the path of a forward pass (also the input gradient's, for unit strides).
   *
   * @param s the shape
   * @return DIRECT for unit strides, otherwise GEMM
   */
  static ConvPath forward(ConvShape s) {
    return s.unitStride() ? DIRECT : GEMM;
  }

  /**
   * Returns the path of a weight gradient.
   *
   * @param s the shape
   * @return DIRECT for unit strides, otherwise GEMM
   */
  static ConvPath weightGradient(ConvShape s) {
    return s.unitStride() ? DIRECT : GEMM;
  }
}
