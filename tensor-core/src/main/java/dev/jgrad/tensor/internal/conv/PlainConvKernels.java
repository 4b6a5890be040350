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
  public void weightGradient(
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
      int channels) {
    PlainConvF32.weightGradient(
        g, gStride, x, xOff, offsets, taps, rowStride, rows, acc, lanes, channels);
  }

  @Override
  public void weightGradient(
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
      int channels) {
    PlainConvF64.weightGradient(
        g, gStride, x, xOff, offsets, taps, rowStride, rows, acc, lanes, channels);
  }
}
