package dev.jgrad.tensor.internal.conv;

/** The plain-Java {@link ConvKernels}: {@link PlainConvF32} and {@link PlainConvF64}. */
final class PlainConvKernels implements ConvKernels {

  @Override
  public void forward(
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
      int positions) {
    PlainConvF32.forward(
        x, xOff, offsets, taps, w, wOff, bias, biasOff, channels, y, yOff, yStride, positions);
  }

  @Override
  public void forward(
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
      int positions) {
    PlainConvF64.forward(
        x, xOff, offsets, taps, w, wOff, bias, biasOff, channels, y, yOff, yStride, positions);
  }

  @Override
  public void forwardRows(
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
      int yStride) {
    PlainConvF32.forwardRows(
        x, xOff, offsets, taps, w, wOff, bias, biasOff, channels, rows, cols, rowStride, y, yOff,
        yStride);
  }

  @Override
  public void forwardRows(
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
      int yStride) {
    PlainConvF64.forwardRows(
        x, xOff, offsets, taps, w, wOff, bias, biasOff, channels, rows, cols, rowStride, y, yOff,
        yStride);
  }

  @Override
  public void weightGradient(
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
      boolean accumulate) {
    PlainConvF32.weightGradient(
        g,
        gOff,
        gImage,
        gStride,
        gRow,
        x,
        xOff,
        xImage,
        offsets,
        taps,
        rowStride,
        rows,
        images,
        acc,
        lanes,
        channels,
        accumulate);
  }

  @Override
  public void weightGradient(
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
      boolean accumulate) {
    PlainConvF64.weightGradient(
        g,
        gOff,
        gImage,
        gStride,
        gRow,
        x,
        xOff,
        xImage,
        offsets,
        taps,
        rowStride,
        rows,
        images,
        acc,
        lanes,
        channels,
        accumulate);
  }

  @Override
  public int floatPanel() {
    return PlainConvF32.PANEL;
  }

  @Override
  public int doublePanel() {
    return PlainConvF64.PANEL;
  }

  @Override
  public void forwardByChannel(
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
      float[] y) {
    PlainConvF32.forwardByChannel(
        x, xOff, offsets, taps, wt, wtOff, start, startOff, rows, cols, rowStride, y);
  }

  @Override
  public void weightGradientByChannel(
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
      float[] acc) {
    PlainConvF32.weightGradientByChannel(
        g, x, xOff, xImage, offsets, kernelRows, kernelCols, rows, cols, rowStride, images, acc);
  }

  @Override
  public void forwardByChannel(
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
      double[] y) {
    PlainConvF64.forwardByChannel(
        x, xOff, offsets, taps, wt, wtOff, start, startOff, rows, cols, rowStride, y);
  }

  @Override
  public void weightGradientByChannel(
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
      double[] acc) {
    PlainConvF64.weightGradientByChannel(
        g, x, xOff, xImage, offsets, kernelRows, kernelCols, rows, cols, rowStride, images, acc);
  }

  @Override
  public void gather(
      float[] columns,
      int colOff,
      int colStride,
      int[] shifts,
      int taps,
      float[] dst,
      int dstOff,
      int positions) {
    PlainConvF32.gather(columns, colOff, colStride, shifts, taps, dst, dstOff, positions);
  }

  @Override
  public void gather(
      double[] columns,
      int colOff,
      int colStride,
      int[] shifts,
      int taps,
      double[] dst,
      int dstOff,
      int positions) {
    PlainConvF64.gather(columns, colOff, colStride, shifts, taps, dst, dstOff, positions);
  }

  @Override
  public void gatherRows(
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
      int dstOff) {
    PlainConvF32.gatherRows(
        columns, colOff, colStride, tops, shifts, taps, outRows, outCols, rows, cols, dst, dstOff);
  }

  @Override
  public void gatherRows(
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
      int dstOff) {
    PlainConvF64.gatherRows(
        columns, colOff, colStride, tops, shifts, taps, outRows, outCols, rows, cols, dst, dstOff);
  }

  @Override
  public void transpose(
      float[] src,
      int srcOff,
      int srcStride,
      int rows,
      int cols,
      float[] dst,
      int dstOff,
      int dstStride) {
    PlainConvF32.transpose(src, srcOff, srcStride, rows, cols, dst, dstOff, dstStride);
  }

  @Override
  public void transpose(
      double[] src,
      int srcOff,
      int srcStride,
      int rows,
      int cols,
      double[] dst,
      int dstOff,
      int dstStride) {
    PlainConvF64.transpose(src, srcOff, srcStride, rows, cols, dst, dstOff, dstStride);
  }

  @Override
  public void copyRows(
      float[] src,
      int srcOff,
      int srcStride,
      int rows,
      int cols,
      float[] dst,
      int dstOff,
      int dstStride) {
    PlainConvF32.copyRows(src, srcOff, srcStride, rows, cols, dst, dstOff, dstStride);
  }

  @Override
  public void copyRows(
      double[] src,
      int srcOff,
      int srcStride,
      int rows,
      int cols,
      double[] dst,
      int dstOff,
      int dstStride) {
    PlainConvF64.copyRows(src, srcOff, srcStride, rows, cols, dst, dstOff, dstStride);
  }
}
