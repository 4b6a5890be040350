package dev.jgrad.tensor.internal.conv;

/**
 * The three ways a convolution pass is computed, and the choice between them per shape. The choice
 * depends on the shape alone (never on the thread count or on whether the SIMD kernels run), so a
 * shape's results do not change with either. The forward pass gives the same bits on every path,
 * and so does the weight gradient on {@link #GEMM} and {@link #CHANNELS}; {@link #WIDE}'s weight
 * gradient adds its terms in another order.
 */
enum ConvPath {
  /** Patch matrices ({@code im2col}) multiplied by the existing {@code Gemm}; any stride. */
  GEMM,
  /**
   * The position-vectorized kernels on the wide layout ({@link ConvKernels#forward}, {@link
   * ConvKernels#weightGradient}); unit strides, for groups of few output channels.
   */
  WIDE,
  /**
   * The channel-vectorized kernels ({@link ConvKernels#forwardByChannel}, {@link
   * ConvKernels#weightGradientByChannel}); unit strides (and, for the weight gradient, unit column
   * dilation), for groups of at least {@link #CHANNELS_FROM} output channels.
   */
  CHANNELS;

  /** The fewest output channels per group for which the channel-vectorized kernels are chosen. */
  static final int CHANNELS_FROM = 16;

  /**
   * Returns the path of a forward pass (also the input gradient's, for unit strides).
   *
   * @param s the shape
   * @return GEMM for strided shapes, CHANNELS for groups of at least 16 output channels, WIDE
   *     otherwise
   */
  static ConvPath forward(ConvShape s) {
    if (!s.unitStride()) {
      return GEMM;
    }
    return s.groupOutChannels() >= CHANNELS_FROM ? CHANNELS : WIDE;
  }

  /**
   * Returns the path of a weight gradient.
   *
   * @param s the shape
   * @return GEMM for strided shapes, CHANNELS for groups of at least 16 output channels and unit
   *     column dilation, WIDE otherwise
   */
  static ConvPath weightGradient(ConvShape s) {
    if (!s.unitStride()) {
      return GEMM;
    }
    return s.groupOutChannels() >= CHANNELS_FROM && s.dilationWidth() == 1 ? CHANNELS : WIDE;
  }
}
