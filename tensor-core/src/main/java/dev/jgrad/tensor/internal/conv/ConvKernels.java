package dev.jgrad.tensor.internal.conv;

/**
 * The inner loops of the direct convolution paths, with a plain-Java implementation ({@link
 * PlainConvKernels}) and a SIMD one on the Vector API ({@code SimdConvKernels}), which give
 * bit-identical results: every element is one chain of fused multiply-adds ({@link Math#fma}) or of
 * additions in the order stated here, whatever the implementation does to keep it in registers.
 *
 * <p>The position-vectorized loops ({@link #forward}, {@link #weightGradient}, {@link #gather})
 * work on the <em>wide</em> layout of a unit-stride convolution: the input of one image and group
 * zero-padded into {@code [channels][paddedHeight][paddedWidth]}, so that output position {@code q
 * = oh·paddedWidth + ow} reads input element {@code offsets[k] + q} for tap {@code k = (ic, kh,
 * kw)}, with {@code offsets[k] = (ic·paddedHeight + kh·dilation)·paddedWidth + kw·dilation}.
 * Positions with {@code ow ≥ outWidth} are computed too and thrown away; that is what makes every
 * tap a contiguous run of the input. {@link #forwardRows} reads the same layout but computes and
 * writes only the output's positions. The channel-vectorized loops ({@link #forwardByChannel},
 * {@link #weightGradientByChannel}) read the same padded input, one output row at a time, and keep
 * a panel of output channels in each vector. {@link #gatherRows} adds columns that {@link #forward}
 * computed on the output's own (dense) grid into an input gradient, a row at a time.
 *
 * <p><b>Bounds.</b> The SIMD implementation works on whole vectors of up to {@link #OVERRUN}
 * elements: it may read up to {@link #OVERRUN} elements past the last one the definition reads and
 * write up to that many past the last result in each row of results, except that {@link #forward}
 * writes none past a row whose positions are a multiple of 16. Callers size their buffers for that;
 * the definitions below say which results are meaningful.
 */
public interface ConvKernels {

  /** How far past the defined elements a kernel may read its inputs or write its results. */
  int OVERRUN = 64;

  /**
   * The channels whose weights {@link #forward} reads as one group: the weights of a group are
   * stored tap by tap, {@code GROUP} channels per tap.
   */
  int GROUP = 6;

  /**
   * Computes {@code y[yOff + oc·yStride + q] = chain over k in 0..taps-1 of fma(w[wOff + (oc / G ·
   * taps + k) · G + oc mod G], x[xOff + offsets[k] + q], t)} with G = {@link #GROUP}, with {@code
   * t} starting from {@code bias[biasOff + oc]} (or +0 when {@code bias} is null), for {@code oc <
   * channels} and {@code q < positions}. The weights are grouped: {@code taps} rows of G channels
   * per group, the last group padded with zeros.
   *
   * @param x the padded input
   * @param xOff where the padded input starts
   * @param offsets the offset of each tap in the padded input
   * @param taps the number of taps, the products' depth
   * @param w the grouped weights
   * @param wOff where the first group starts
   * @param bias the bias, or null
   * @param biasOff the first channel's bias
   * @param channels the number of output channels
   * @param y the wide output rows
   * @param yOff where the first row starts
   * @param yStride the distance between rows, at least {@code positions + OVERRUN}, or {@code
   *     positions} when that is a multiple of 16
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
   * @param w the grouped weights
   * @param wOff where the first group starts
   * @param bias the bias, or null
   * @param biasOff the first channel's bias
   * @param channels the number of output channels
   * @param y the wide output rows
   * @param yOff where the first row starts
   * @param yStride the distance between rows, at least {@code positions + OVERRUN}, or {@code
   *     positions} when that is a multiple of 16
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
   * Computes {@link #forward}'s chains for the output positions only, written as dense planes:
   * {@code y[yOff + oc·yStride + r·cols + c]} is the chain of wide position {@code q = r·rowStride
   * + c}, for {@code r < rows} and {@code c < cols}. The SIMD implementation covers each row with
   * whole vectors, the last one ending at the row's end (so overlapping the one before, which
   * stores the same values there), and reads and writes nothing past the defined elements.
   *
   * @param x the padded input
   * @param xOff where the padded input starts
   * @param offsets the offset of each tap in the padded input
   * @param taps the number of taps, the products' depth
   * @param w the grouped weights
   * @param wOff where the first group starts
   * @param bias the bias, or null
   * @param biasOff the first channel's bias
   * @param channels the number of output channels
   * @param rows the output rows
   * @param cols the output columns, at least 16
   * @param rowStride the distance between input rows, the padded width
   * @param y the output
   * @param yOff where the first channel's plane starts
   * @param yStride the distance between channel planes, at least {@code rows·cols}
   */
  void forwardRows(
      float[] x,
      int xOff,
      int[] offsets,
      int taps,
      float[] w,
      int wOff,
      float[] bias,
      int biasOff,
      int channels,
      int rows,
      int cols,
      int rowStride,
      float[] y,
      int yOff,
      int yStride);

  /**
   * Double-precision twin of {@link #forwardRows(float[], int, int[], int, float[], int, float[],
   * int, int, int, int, int, float[], int, int)}.
   *
   * @param x the padded input
   * @param xOff where the padded input starts
   * @param offsets the offset of each tap in the padded input
   * @param taps the number of taps, the products' depth
   * @param w the grouped weights
   * @param wOff where the first group starts
   * @param bias the bias, or null
   * @param biasOff the first channel's bias
   * @param channels the number of output channels
   * @param rows the output rows
   * @param cols the output columns, at least 16
   * @param rowStride the distance between input rows, the padded width
   * @param y the output
   * @param yOff where the first channel's plane starts
   * @param yStride the distance between channel planes, at least {@code rows·cols}
   */
  void forwardRows(
      double[] x,
      int xOff,
      int[] offsets,
      int taps,
      double[] w,
      int wOff,
      double[] bias,
      int biasOff,
      int channels,
      int rows,
      int cols,
      int rowStride,
      double[] y,
      int yOff,
      int yStride);

  /**
   * Computes, for every output channel {@code oc < channels}, tap {@code k < taps} and lane {@code
   * j < lanes}, {@code acc[(oc·taps + k)·lanes + j] = chain over n in 0..images-1, then r in
   * 0..rows-1, of fma(g[gOff + n·gImage + oc·gStride + r·gRow + j], x[xOff + n·xImage + offsets[k]
   * + r·rowStride + j], t)}, with {@code t} starting from +0, or from the value in {@code acc} when
   * {@code accumulate}. With {@code g} the output gradient of a chunk of images in rows of {@code
   * gRow} columns and {@code x} their padded inputs, lane {@code j < gRow} accumulates the weight
   * gradient's terms of output column j; the lanes past it read whatever follows and are not used.
   *
   * @param g the output gradient
   * @param gOff where the first image's first channel starts in {@code g}
   * @param gImage the distance between images in {@code g}
   * @param gStride the distance between channels in {@code g}
   * @param gRow the distance between rows in {@code g}, the output's width
   * @param x the padded inputs
   * @param xOff where the first padded image starts in {@code x}
   * @param xImage the distance between images in {@code x}
   * @param offsets the offset of each tap in the padded input
   * @param taps the number of taps
   * @param rowStride the distance between input rows, the padded width
   * @param rows the output rows
   * @param images the number of images
   * @param acc the partial sums, {@code [channels][taps][lanes]}
   * @param lanes the lanes per row, a multiple of 16
   * @param channels the number of output channels
   * @param accumulate whether to continue the chains from {@code acc} instead of +0
   */
  void weightGradient(
      float[] g,
      int gOff,
      int gImage,
      int gStride,
      int gRow,
      float[] x,
      int xOff,
      int xImage,
      int[] offsets,
      int taps,
      int rowStride,
      int rows,
      int images,
      float[] acc,
      int lanes,
      int channels,
      boolean accumulate);

  /**
   * Double-precision twin of {@link #weightGradient(float[], int, int, int, int, float[], int, int,
   * int[], int, int, int, int, float[], int, int, boolean)}.
   *
   * @param g the output gradient
   * @param gOff where the first image's first channel starts in {@code g}
   * @param gImage the distance between images in {@code g}
   * @param gStride the distance between channels in {@code g}
   * @param gRow the distance between rows in {@code g}, the output's width
   * @param x the padded inputs
   * @param xOff where the first padded image starts in {@code x}
   * @param xImage the distance between images in {@code x}
   * @param offsets the offset of each tap in the padded input
   * @param taps the number of taps
   * @param rowStride the distance between input rows, the padded width
   * @param rows the output rows
   * @param images the number of images
   * @param acc the partial sums, {@code [channels][taps][lanes]}
   * @param lanes the lanes per row, a multiple of 16
   * @param channels the number of output channels
   * @param accumulate whether to continue the chains from {@code acc} instead of +0
   */
  void weightGradient(
      double[] g,
      int gOff,
      int gImage,
      int gStride,
      int gRow,
      double[] x,
      int xOff,
      int xImage,
      int[] offsets,
      int taps,
      int rowStride,
      int rows,
      int images,
      double[] acc,
      int lanes,
      int channels,
      boolean accumulate);

  /**
   * Returns the channels of one panel of the channel-vectorized loops in single precision: their
   * weights, starting values, gradients and results are laid out in rows of this many.
   *
   * @return the panel width, 16 or a divisor of it
   */
  int floatPanel();

  /**
   * Returns the channels of one panel of the channel-vectorized loops in double precision.
   *
   * @return the panel width, 16 or a divisor of it
   */
  int doublePanel();

  /**
   * The channel-vectorized forward pass of one image, group and panel of P = {@link #floatPanel()}
   * output channels, for unit strides: {@code y[(r·cols + c)·P + j] = chain over k in 0..taps-1 of
   * fma(x[xOff + offsets[k] + r·rowStride + c], wt[wtOff + k·P + j], t)}, with {@code t} starting
   * from {@code start[startOff + j]}, for every output row {@code r < rows}, column {@code c <
   * cols} and panel channel {@code j < P}.
   *
   * @param x the padded input
   * @param xOff where the padded input starts
   * @param offsets the offset of each tap in the padded input
   * @param taps the number of taps
   * @param wt the panel's weights, {@code [taps][P]}
   * @param wtOff where they start
   * @param start the panel's starting values (bias or zeros), {@code [P]}
   * @param startOff where they start
   * @param rows the output rows
   * @param cols the output columns
   * @param rowStride the padded width
   * @param y the results, {@code [rows·cols][P]}
   */
  void forwardByChannel(
      float[] x,
      int xOff,
      int[] offsets,
      int taps,
      float[] wt,
      int wtOff,
      float[] start,
      int startOff,
      int rows,
      int cols,
      int rowStride,
      float[] y);

  /**
   * Double-precision twin of {@link #forwardByChannel(float[], int, int[], int, float[], int,
   * float[], int, int, int, int, float[])}, with P = {@link #doublePanel()}.
   *
   * @param x the padded input
   * @param xOff where the padded input starts
   * @param offsets the offset of each tap in the padded input
   * @param taps the number of taps
   * @param wt the panel's weights, {@code [taps][P]}
   * @param wtOff where they start
   * @param start the panel's starting values (bias or zeros), {@code [P]}
   * @param startOff where they start
   * @param rows the output rows
   * @param cols the output columns
   * @param rowStride the padded width
   * @param y the results, {@code [rows·cols][P]}
   */
  void forwardByChannel(
      double[] x,
      int xOff,
      int[] offsets,
      int taps,
      double[] wt,
      int wtOff,
      double[] start,
      int startOff,
      int rows,
      int cols,
      int rowStride,
      double[] y);

  /**
   * The channel-vectorized weight gradient of a chunk of images, one group and one panel of P =
   * {@link #floatPanel()} output channels, for unit strides and unit column dilation: {@code
   * acc[k·P + j] = chain over n in 0..images-1, then r in 0..rows-1, then c in 0..cols-1, of
   * fma(x[xOff + n·xImage + offsets[k] + r·rowStride + c], g[((n·rows + r)·cols + c)·P + j], t)},
   * with {@code t} starting from +0: for each weight, the order of the GEMM path. The taps form
   * {@code kernelRows} rows of {@code kernelCols}, and {@code offsets[row·kernelCols + col] =
   * offsets[row·kernelCols] + col}.
   *
   * @param g the output gradient of the panel's channels, position-major, {@code [images][rows ·
   *     cols][P]}
   * @param x the padded inputs
   * @param xOff where the first padded image starts
   * @param xImage the distance between images in {@code x}
   * @param offsets the offset of each tap in the padded input
   * @param kernelRows the rows of taps ({@code channels · kh})
   * @param kernelCols the taps per row ({@code kw})
   * @param rows the output rows
   * @param cols the output columns
   * @param rowStride the padded width
   * @param images the number of images
   * @param acc the weight gradient of the panel, {@code [taps][P]}, overwritten
   */
  void weightGradientByChannel(
      float[] g,
      float[] x,
      int xOff,
      int xImage,
      int[] offsets,
      int kernelRows,
      int kernelCols,
      int rows,
      int cols,
      int rowStride,
      int images,
      float[] acc);

  /**
   * Double-precision twin of {@link #weightGradientByChannel(float[], float[], int, int, int[],
   * int, int, int, int, int, int, float[])}, with P = {@link #doublePanel()}.
   *
   * @param g the output gradient of the panel's channels, position-major, {@code [images][rows ·
   *     cols][P]}
   * @param x the padded inputs
   * @param xOff where the first padded image starts
   * @param xImage the distance between images in {@code x}
   * @param offsets the offset of each tap in the padded input
   * @param kernelRows the rows of taps ({@code channels · kh})
   * @param kernelCols the taps per row ({@code kw})
   * @param rows the output rows
   * @param cols the output columns
   * @param rowStride the padded width
   * @param images the number of images
   * @param acc the weight gradient of the panel, {@code [taps][P]}, overwritten
   */
  void weightGradientByChannel(
      double[] g,
      double[] x,
      int xOff,
      int xImage,
      int[] offsets,
      int kernelRows,
      int kernelCols,
      int rows,
      int cols,
      int rowStride,
      int images,
      double[] acc);

  /**
   * Sums shifted rows of columns into a plane: {@code dst[dstOff + i] = +0 + columns[colOff +
   * 0·colStride + i - shifts[0]] + ... + columns[colOff + (taps-1)·colStride + i -
   * shifts[taps-1]]}, added in increasing row order and each rounded once, for {@code i <
   * positions}. With the columns of the taps of one input channel, each row zero before and after
   * its results, this is what adding each row into the channel's padded input gradient at its tap's
   * shift gives, element for element in the same order, without reading or writing the gradient
   * more than once.
   *
   * @param columns the columns, one row per tap
   * @param colOff where the first row's element 0 is
   * @param colStride the distance between rows of {@code columns}
   * @param shifts the shift of each row, at most {@code colOff}
   * @param taps the number of rows
   * @param dst the plane
   * @param dstOff where the plane starts in {@code dst}
   * @param positions the elements to write, a multiple of 16
   */
  void gather(
      float[] columns,
      int colOff,
      int colStride,
      int[] shifts,
      int taps,
      float[] dst,
      int dstOff,
      int positions);

  /**
   * Double-precision twin of {@link #gather(float[], int, int, int[], int, float[], int, int)}.
   *
   * @param columns the columns, one row per tap
   * @param colOff where the first row's element 0 is
   * @param colStride the distance between rows of {@code columns}
   * @param shifts the shift of each row, at most {@code colOff}
   * @param taps the number of rows
   * @param dst the plane
   * @param dstOff where the plane starts in {@code dst}
   * @param positions the elements to write, a multiple of 16
   */
  void gather(
      double[] columns,
      int colOff,
      int colStride,
      int[] shifts,
      int taps,
      double[] dst,
      int dstOff,
      int positions);

  /**
   * Sums the columns of one input channel's taps into its input gradient: {@code dst[dstOff +
   * y·cols + x] = +0 + term(0) + ... + term(taps-1)}, added in increasing tap order and each
   * rounded once, for {@code y < rows} and {@code x < cols}, where {@code term(t)} is tap t's
   * column at output position {@code (r, c) = (y - tops[t], x - shifts[t])}, {@code columns[colOff
   * + t·colStride + r·outCols + c]}, when that position is inside the output ({@code 0 ≤ r <
   * outRows}, {@code 0 ≤ c < outCols}), and +0 otherwise. This is what adding each column into the
   * input gradient at its tap's place gives, element for element in the same order, without reading
   * or writing the gradient more than once. The SIMD implementation reads, for every tap and input
   * row, a whole vector of the column's row {@code y - tops[t]} from the element for {@code x = 0}
   * on, also for rows outside the output, whose elements the caller keeps zero: each column's
   * positions from {@code -max(tops)·outCols} to 0 and from {@code outRows·outCols} to {@code
   * max(rows - tops[t])·outCols}.
   *
   * @param columns the columns, one row per tap
   * @param colOff where the first row's output position 0 is
   * @param colStride the distance between rows of {@code columns}
   * @param tops each tap's row shift: the input row of its output row 0
   * @param shifts each tap's column shift: the input column of its output column 0
   * @param taps the number of rows
   * @param outRows the output's rows
   * @param outCols the output's columns, the elements of a column row per output row
   * @param rows the input gradient's rows
   * @param cols the input gradient's columns
   * @param dst the input gradient of the channel, in rows of {@code cols}
   * @param dstOff where it starts in {@code dst}
   */
  void gatherRows(
      float[] columns,
      int colOff,
      int colStride,
      int[] tops,
      int[] shifts,
      int taps,
      int outRows,
      int outCols,
      int rows,
      int cols,
      float[] dst,
      int dstOff);

  /**
   * Double-precision twin of {@link #gatherRows(float[], int, int, int[], int[], int, int, int,
   * int, int, float[], int)}.
   *
   * @param columns the columns, one row per tap
   * @param colOff where the first row's output position 0 is
   * @param colStride the distance between rows of {@code columns}
   * @param tops each tap's row shift: the input row of its output row 0
   * @param shifts each tap's column shift: the input column of its output column 0
   * @param taps the number of rows
   * @param outRows the output's rows
   * @param outCols the output's columns, the elements of a column row per output row
   * @param rows the input gradient's rows
   * @param cols the input gradient's columns
   * @param dst the input gradient of the channel, in rows of {@code cols}
   * @param dstOff where it starts in {@code dst}
   */
  void gatherRows(
      double[] columns,
      int colOff,
      int colStride,
      int[] tops,
      int[] shifts,
      int taps,
      int outRows,
      int outCols,
      int rows,
      int cols,
      double[] dst,
      int dstOff);

  /**
   * Copies a matrix transposed: {@code dst[dstOff + c·dstStride + r] = src[srcOff + r·srcStride +
   * c]} for {@code r < rows} and {@code c < cols}.
   *
   * @param src the matrix
   * @param srcOff where its first row starts
   * @param srcStride the distance between its rows
   * @param rows its rows
   * @param cols its columns
   * @param dst the transposed matrix
   * @param dstOff where its first row starts
   * @param dstStride the distance between its rows
   */
  void transpose(
      float[] src,
      int srcOff,
      int srcStride,
      int rows,
      int cols,
      float[] dst,
      int dstOff,
      int dstStride);

  /**
   * Double-precision twin of {@link #transpose(float[], int, int, int, int, float[], int, int)}.
   *
   * @param src the matrix
   * @param srcOff where its first row starts
   * @param srcStride the distance between its rows
   * @param rows its rows
   * @param cols its columns
   * @param dst the transposed matrix
   * @param dstOff where its first row starts
   * @param dstStride the distance between its rows
   */
  void transpose(
      double[] src,
      int srcOff,
      int srcStride,
      int rows,
      int cols,
      double[] dst,
      int dstOff,
      int dstStride);

  /**
   * Copies rows: {@code dst[dstOff + r·dstStride + c] = src[srcOff + r·srcStride + c]} for {@code r
   * < rows} and {@code c < cols}, writing nothing else.
   *
   * @param src the rows to copy
   * @param srcOff where the first starts
   * @param srcStride the distance between them
   * @param rows the number of rows
   * @param cols the elements per row
   * @param dst where to copy them
   * @param dstOff where the first goes
   * @param dstStride the distance between them there
   */
  void copyRows(
      float[] src,
      int srcOff,
      int srcStride,
      int rows,
      int cols,
      float[] dst,
      int dstOff,
      int dstStride);

  /**
   * Double-precision twin of {@link #copyRows(float[], int, int, int, int, float[], int, int)}.
   *
   * @param src the rows to copy
   * @param srcOff where the first starts
   * @param srcStride the distance between them
   * @param rows the number of rows
   * @param cols the elements per row
   * @param dst where to copy them
   * @param dstOff where the first goes
   * @param dstStride the distance between them there
   */
  void copyRows(
      double[] src,
      int srcOff,
      int srcStride,
      int rows,
      int cols,
      double[] dst,
      int dstOff,
      int dstStride);
}
