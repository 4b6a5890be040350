package dev.jgrad.tensor.internal.conv;

/**
 * The ways a convolution pass is computed, and the choice between them per shape. The choice
 * depends on the shape alone (never on the thread count), so a shape's results do not change with
 * the threads. The forward pass gives the same bits on every path, and so does the weight gradient
 * on {@link #GEMM} and {@link #CHANNELS}; {@link #WIDE}'s weight gradient adds its terms in another
 * order. The input gradient on {@link #GEMM}, {@link #WIDE} and {@link #DENSE} gives the same bits
 * for finite weights, {@link #TRANSPOSED} another order.
 *
 * <p><b>Cost model.</b> For unit strides the direct paths are compared by the multiply-adds their
 * SIMD tiles compute for one image and group, the sizes rounded up to whole tiles, plus a per-tile
 * overhead in multiply-add equivalents; the constants were fitted to measurements of LeNet-5's
 * layers and of 3×3 and 5×5 layers of 3 to 32 channels on 8×8 to 32×32 images (AVX-512, one
 * thread), where the model picked the faster path or one within 10 % of it:
 *
 * <ul>
 *   <li>forward WIDE: {@code ⌈ocg⌉₆ · OH · Wp · (K + 6)} (six channels by whole vectors of the wide
 *       rows; K taps);
 *   <li>forward CHANNELS: {@code 1.3 · ⌈ocg⌉₁₆ · OH · ⌈OW⌉₁₀ · (K + 8)} (16-channel panels by ten
 *       positions; a broadcast per multiply-add);
 *   <li>input gradient WIDE: {@code ⌈K⌉₆ · ⌈OH·Wp⌉₁₆ · (ocg + 6) + 3 · K · ⌈OH·Wp⌉₁₆} (the columns,
 *       then their additions); TRANSPOSED: the cheaper forward cost of {@link
 *       ConvShape#inputGradient()}; where WIDE wins, DENSE replaces it when it takes fewer vector
 *       instructions, {@code K · ⌈OH·OW⌉₁₆ / 16 · ocg + 2 · K · ⌈H⌉₇ · ⌈W / 16⌉} (its columns'
 *       multiply-adds, then a load's and and addition per row of 16 lanes, in blocks of seven rows,
 *       H itself below seven) against WIDE's {@code K · ⌈OH·Wp⌉₁₆ / 16 · ocg + K · ⌈Hp·Wp⌉₁₆ / 16};
 *   <li>weight gradient WIDE: {@code ⌈ocg⌉₆ · ⌈K⌉₃ · OH · ⌈OW⌉₁₆} (six channels by three taps by a
 *       vector of output columns); CHANNELS: {@code ⌈ocg⌉₁₆ · ⌈cg·kh⌉₅ · ⌈kw⌉₅ · OH · OW} (a panel
 *       by five kernel rows by five kernel columns).
 * </ul>
 *
 * <p>With the plain kernels (no Vector API), whose direct loops the JIT compiler does not
 * vectorize, the forward pass and the CHANNELS weight gradient take GEMM instead, which gives the
 * same bits for all inputs ({@link #forward(ConvShape, ConvKernels)}, {@link
 * #weightGradient(ConvShape, ConvKernels)}); every other choice is the same for both kernels, so
 * results never depend on which kernels run.
 */
enum ConvPath {
  /** Patch matrices ({@code im2col}) multiplied by the existing {@code Gemm}; any stride. */
  GEMM,
  /**
   * The position-vectorized kernels on the wide layout ({@link ConvKernels#forward}, {@link
   * ConvKernels#weightGradient}, {@link ConvKernels#gather}); unit strides.
   */
  WIDE,
  /**
   * For the input gradient only: the forward pass of the transposed convolution ({@link
   * ConvShape#inputGradient()}) on its own forward path; unit strides.
   */
  TRANSPOSED,
  /**
   * For the input gradient only: WIDE's columns computed on the output's own grid instead of the
   * padded one, and added into the input gradient row by row ({@link ConvKernels#gatherRows}); unit
   * strides, WIDE's bits.
   */
  DENSE,
  /**
   * The channel-vectorized kernels ({@link ConvKernels#forwardByChannel}, {@link
   * ConvKernels#weightGradientByChannel}); unit strides, and for the weight gradient unit column
   * dilation.
   */
  CHANNELS;

  /** The largest column matrix, in elements, that the WIDE input gradient builds per image. */
  static final long MAX_COLUMNS = 1 << 18;

  /**
   * Returns the path of a forward pass (also the input gradient's inner pass on TRANSPOSED).
   *
   * @param s the shape
   * @return GEMM for strided shapes, otherwise the cheaper of WIDE and CHANNELS
   */
  static ConvPath forward(ConvShape s) {
    if (!s.unitStride()) {
      return GEMM;
    }
    return channelsForward(s) < wideForward(s) ? CHANNELS : WIDE;
  }

  /**
   * Returns the path of an input gradient.
   *
   * @param s the shape
   * @return GEMM ({@code col2im(Wᵀ · grad)}) for strided shapes, otherwise the cheaper of WIDE
   *     (while its columns stay under {@link #MAX_COLUMNS} elements) and TRANSPOSED, and instead of
   *     WIDE the cheaper of WIDE and DENSE
   */
  static ConvPath inputGradient(ConvShape s) {
    if (!s.unitStride()) {
      return GEMM;
    }
    long length = roundUp(s.outHeight() * s.paddedWidth(), 16);
    long wide =
        roundUp(s.patch(), 6) * length * (s.groupOutChannels() + 6) + 3L * s.patch() * length;
    ConvShape t = s.inputGradient();
    long transposed = Math.min(wideForward(t), channelsForward(t));
    if ((long) s.patch() * length > MAX_COLUMNS || wide >= transposed) {
      return TRANSPOSED;
    }
    long rows = s.height() < 7 ? s.height() : roundUp(s.height(), 7);
    long dense =
        (long) s.patch() * roundUp(s.positions(), 16) / 16 * s.groupOutChannels()
            + 2L * s.patch() * rows * ((s.width() + 15) / 16);
    long padded =
        (long) s.patch() * length / 16 * s.groupOutChannels()
            + (long) s.patch() * roundUp(s.paddedHeight() * s.paddedWidth(), 16) / 16;
    return dense < padded ? DENSE : WIDE;
  }

  /**
   * Returns the path of a weight gradient.
   *
   * @param s the shape
   * @return GEMM for strided shapes, otherwise the cheaper of WIDE and (for unit column dilation)
   *     CHANNELS
   */
  static ConvPath weightGradient(ConvShape s) {
    if (!s.unitStride()) {
      return GEMM;
    }
    long wide =
        roundUp(s.groupOutChannels(), 6)
            * roundUp(s.patch(), 3)
            * s.outHeight()
            * roundUp(s.outWidth(), 16);
    long channels =
        roundUp(s.groupOutChannels(), 16)
            * roundUp(s.groupInChannels() * s.kernelHeight(), 5)
            * roundUp(s.kernelWidth(), 5)
            * s.positions();
    return s.dilationWidth() == 1 && channels < wide ? CHANNELS : WIDE;
  }

  /**
   * Returns the path of a forward pass run with {@code kernels}: {@link #forward(ConvShape)}, or
   * GEMM for the plain kernels, which gives the same bits.
   *
   * @param s the shape
   * @param kernels the kernels that will run
   * @return the path
   */
  static ConvPath forward(ConvShape s, ConvKernels kernels) {
    return kernels == ConvKernelSelection.plain() ? GEMM : forward(s);
  }

  /**
   * Returns the path of a weight gradient run with {@code kernels}: {@link
   * #weightGradient(ConvShape)}, or GEMM instead of CHANNELS for the plain kernels, which gives the
   * same bits.
   *
   * @param s the shape
   * @param kernels the kernels that will run
   * @return the path
   */
  static ConvPath weightGradient(ConvShape s, ConvKernels kernels) {
    ConvPath path = weightGradient(s);
    return path == CHANNELS && kernels == ConvKernelSelection.plain() ? GEMM : path;
  }

  /** Returns the modelled cost of the WIDE forward pass of one image and group. */
  private static long wideForward(ConvShape s) {
    return roundUp(s.groupOutChannels(), 6) * s.outHeight() * s.paddedWidth() * (s.patch() + 6);
  }

  /** Returns the modelled cost of the CHANNELS forward pass of one image and group. */
  private static long channelsForward(ConvShape s) {
    long cost =
        roundUp(s.groupOutChannels(), 16)
            * s.outHeight()
            * roundUp(s.outWidth(), 10)
            * (s.patch() + 8);
    return cost * 13 / 10;
  }

  private static long roundUp(int n, int multiple) {
    return (long) (n + multiple - 1) / multiple * multiple;
  }
}
