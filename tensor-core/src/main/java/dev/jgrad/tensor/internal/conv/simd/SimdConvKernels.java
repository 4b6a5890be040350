package dev.jgrad.tensor.internal.conv.simd;

import dev.jgrad.tensor.internal.conv.ConvKernels;

/**
 * The {@link ConvKernels} on the JDK's Vector API: {@link SimdConvF32} and {@link SimdConvF64}.
 * Loaded only reflectively, by {@code ConvKernelSelection}, after the core's SIMD kernels loaded,
 * so a JVM without {@code --add-modules jdk.incubator.vector} never links this class.
 */
public final class SimdConvKernels implements ConvKernels {
  private SimdConvKernels() {}

  /**
   * Returns the SIMD kernels.
   *
   * @return a new instance
   */
  public static ConvKernels create() {
    return new SimdConvKernels();
  }

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
    SimdConvF32.forward(
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
    SimdConvF64.forward(
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
    SimdConvF32.weightGradient(
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
    SimdConvF64.weightGradient(
        g, gStride, x, xOff, offsets, taps, rowStride, rows, acc, lanes, channels);
  }
}
