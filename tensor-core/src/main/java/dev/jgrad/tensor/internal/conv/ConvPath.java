package dev.jgrad.tensor.internal.conv;

/**
 * The three ways a convolution pass is computed, and the choice between them per shape. The choice
 * depends on the shape alone (never on the thread count or on whether the SIMD kernels run), so a
 * shape's results do not change with either. The forward pass gives the same bits on every path,
 * and so does the weight gradient on {@link #GEMM} and {@link #CHANNELS}; {@link #WIDE}'s weight
 * gradient adds its terms in another order. The input gradient on {@link #GEMM} and {@link #WIDE}
 * gives the same bits for finite weights, {@link #TRANSPOSED} another order.
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
   * For the input gradient only: the forward pass of the transposed convolution ({@link
   * ConvShape#inputGradient()}) on its own forward path; unit strides.
   */
  TRANSPOSED,
  /**
   * The channel-vectorized kernels ({@link ConvKernels#forwardByChannel}, {@link
   * ConvKernels#weightGradientByChannel}); unit strides (and, for the weight gradient, unit column
   * dilation), for groups of at least {@link #CHANNELS_FROM} output channels.
   */
  CHANNELS;

  /** The fewest output channels per group for which the channel-vectorized kernels are chosen. */
  static final int CHANNELS_FROM = 16;

  /** The largest column matrix, in elements, that the WIDE input gradient builds per image. */
  static final long MAX_COLUMNS = 1 << 18;

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

  /**
   * Returns the path of an input gradient: GEMM ({@code col2im(Wᵀ · grad)}) for strided shapes; for
   * unit strides, WIDE (the same columns on the wide layout, added back with {@link
   * ConvKernels#scatter}) or TRANSPOSED, whichever computes fewer multiply-adds in the tiles of the
   * kernels (channels rounded up to a tile, positions on the wide layout or to whole channel
   * tiles): the transposed convolution multiplies through {@code dilation·(k - 1) - padding} rows
   * and columns of zeros around the gradient, which for small images with large kernels doubles the
   * work, while the columns cost memory, so WIDE is taken only while they stay under {@link
   * #MAX_COLUMNS} elements.
   *
   * @param s the shape
   * @return GEMM, WIDE or TRANSPOSED
   */
  static ConvPath inputGradient(ConvShape s) {
    if (!s.unitStride()) {
      return GEMM;
    }
    long columns = (long) s.patch() * s.outHeight() * s.paddedWidth();
    long wide = roundUp(s.patch(), 6) * s.outHeight() * s.paddedWidth() * s.groupOutChannels();
    return columns <= MAX_COLUMNS && wide < forwardCost(s.inputGradient()) ? WIDE : TRANSPOSED;
  }

  /** Returns the multiply-adds one group of one image costs in the forward kernels' tiles. */
  private static long forwardCost(ConvShape t) {
    if (forward(t) == CHANNELS) {
      return roundUp(t.groupOutChannels(), 16)
          * t.outHeight()
          * roundUp(t.outWidth(), 10)
          * t.patch();
    }
    return roundUp(t.groupOutChannels(), 6) * t.outHeight() * t.paddedWidth() * t.patch();
  }

  private static long roundUp(int n, int multiple) {
    return (long) (n + multiple - 1) / multiple * multiple;
  }
}
