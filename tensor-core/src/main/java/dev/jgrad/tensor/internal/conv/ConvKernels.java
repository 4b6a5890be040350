package dev.jgrad.tensor.internal.conv;

/**
 * The two inner loops of the direct convolution kernels, with a plain-Java implementation ({@link
 * PlainConvKernels}) and a SIMD one on the Vector API ({@code SimdConvKernels}), which give
 * bit-identical results: every element is one chain of fused multiply-adds ({@link Math#fma}) in
 * the order stated here, whatever the implementation does to keep it in registers.
 *
 * <p>Both loops work on the <em>wide</em> layout of a unit-stride convolution: the input of one
 * image and group zero-padded into {@code [channels][paddedHeight][paddedWidth]}, so that output
 * position {@code q = oh·paddedWidth + ow} reads input element {@code offsets[k] + q} for tap
 * {@code k = (ic, kh, kw)}, with {@code offsets[k] = (ic·paddedHeight + kh·dilation)·paddedWidth +
 * kw·dilation}. Positions with {@code ow ≥ outWidth} are computed too and thrown away; that is what
 * makes every tap a contiguous run of the input.
 *
 * <p><b>Bounds.</b> The SIMD implementation works on whole vectors of up to {@link #OVERRUN}
 * elements: it may read up to {@link #OVERRUN} elements past the last one the definition reads and
 * write up to that many past the last result in each row of results. Callers size their buffers for
 * that; the definitions below say which results are meaningful.
 */
public interface ConvKernels {

  /** How far past the defined elements a kernel may read its inputs or write its results. */
  int OVERRUN = 64;

  /**
   * Computes {@code y[yOff + oc·yStride + q] = chain over k in 0..taps-1 of fma(w[wOff + oc·taps +
   * k], x[xOff + offsets[k] + q], t)}, with {@code t} starting from {@code bias[biasOff + oc]} (or
   * +0 when {@code bias} is null), for {@code oc < channels} and {@code q < positions}.
   *
   * @param x the padded input
   * @param xOff where the padded input starts
   * @param offsets the offset of each tap in the padded input
   * @param taps the number of taps, the products' depth
   * @param w the weight rows, {@code taps} elements each
   * @param wOff where the first row starts
   * @param bias the bias, or null
   * @param biasOff the first channel's bias
   * @param channels the number of output channels
   * @param y the wide output rows
   * @param yOff where the first row starts
   * @param yStride the distance between rows, at least {@code positions + OVERRUN}
   * @param positions the wide positions per row
   */
  void forward(
      float[] x,
      int xOff,
      int[] offsets,
      int taps,
      float[] w,
      int wOff,
      float[] bias,
      int biasOff,
      int channels,
      float[] y,
      int yOff,
      int yStride,
      int positions);

  /**
   * Double-precision twin of {@link #forward(float[], int, int[], int, float[], int, float[], int,
   * int, float[], int, int, int)}.
   *
   * @param x the padded input
   * @param xOff where the padded input starts
   * @param offsets the offset of each tap in the padded input
   * @param taps the number of taps, the products' depth
   * @param w the weight rows, {@code taps} elements each
   * @param wOff where the first row starts
   * @param bias the bias, or null
   * @param biasOff the first channel's bias
   * @param channels the number of output channels
   * @param y the wide output rows
   * @param yOff where the first row starts
   * @param yStride the distance between rows, at least {@code positions + OVERRUN}
   * @param positions the wide positions per row
   */
  void forward(
      double[] x,
      int xOff,
      int[] offsets,
      int taps,
      double[] w,
      int wOff,
      double[] bias,
      int biasOff,
      int channels,
      double[] y,
      int yOff,
      int yStride,
      int positions);

  /**
   * Continues, for every output channel {@code oc < channels}, tap {@code k < taps} and lane {@code
   * j < lanes}, the chain {@code acc[(oc·taps + k)·lanes + j] = fma(g[oc·gStride + r·lanes + j],
   * x[xOff + offsets[k] + r·rowStride + j], acc[...])} over the rows {@code r = 0..rows-1} in
   * increasing order. With {@code g} the output gradient of one image in rows of {@code lanes}
   * columns (zero past the output's width) and {@code x} its padded input, lane j accumulates the
   * weight gradient's terms of output column j.
   *
   * @param g the output gradient rows, {@code lanes} elements each
   * @param gStride the distance between channels in {@code g}
   * @param x the padded input
   * @param xOff where the padded input starts
   * @param offsets the offset of each tap in the padded input
   * @param taps the number of taps
   * @param rowStride the distance between input rows, the padded width
   * @param rows the output rows
   * @param acc the partial sums, {@code [channels][taps][lanes]}
   * @param lanes the lanes per row, a multiple of 16
   * @param channels the number of output channels
   */
  void weightGradient(
      float[] g,
      int gStride,
      float[] x,
      int xOff,
      int[] offsets,
      int taps,
      int rowStride,
      int rows,
      float[] acc,
      int lanes,
      int channels);

  /**
   * Double-precision twin of {@link #weightGradient(float[], int, float[], int, int[], int, int,
   * int, float[], int, int)}.
   *
   * @param g the output gradient rows, {@code lanes} elements each
   * @param gStride the distance between channels in {@code g}
   * @param x the padded input
   * @param xOff where the padded input starts
   * @param offsets the offset of each tap in the padded input
   * @param taps the number of taps
   * @param rowStride the distance between input rows, the padded width
   * @param rows the output rows
   * @param acc the partial sums, {@code [channels][taps][lanes]}
   * @param lanes the lanes per row, a multiple of 16
   * @param channels the number of output channels
   */
  void weightGradient(
      double[] g,
      int gStride,
      double[] x,
      int xOff,
      int[] offsets,
      int taps,
      int rowStride,
      int rows,
      double[] acc,
      int lanes,
      int channels);
}
