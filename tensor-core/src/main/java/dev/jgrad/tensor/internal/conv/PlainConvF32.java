package dev.jgrad.tensor.internal.conv;

/**
 * Single-precision plain-Java loops of {@link ConvKernels}: each result's chain of fused
 * multiply-adds in the order the interface defines, with the innermost loop over contiguous
 * positions or lanes, which the JIT compiler vectorizes. This class and its twin for the other
 * precision are equal up to renaming their types, which {@code ConvSourcesTest} checks.
 */
final class PlainConvF32 {
  private PlainConvF32() {}

  static void forward(
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
    for (int oc = 0; oc < channels; oc++) {
      int row = yOff + oc * yStride;
      float start = bias == null ? 0f : bias[biasOff + oc];
      for (int q = 0; q < positions; q++) {
        y[row + q] = start;
      }
      int wRow = wOff + oc * taps;
      for (int k = 0; k < taps; k++) {
        float wk = w[wRow + k];
        int src = xOff + offsets[k];
        for (int q = 0; q < positions; q++) {
          y[row + q] = Math.fma(wk, x[src + q], y[row + q]);
        }
      }
    }
  }

  static void weightGradient(
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
    for (int oc = 0; oc < channels; oc++) {
      for (int k = 0; k < taps; k++) {
        int a = (oc * taps + k) * lanes;
        int src = xOff + offsets[k];
        for (int r = 0; r < rows; r++) {
          int gr = oc * gStride + r * lanes;
          int xr = src + r * rowStride;
          for (int j = 0; j < lanes; j++) {
            acc[a + j] = Math.fma(g[gr + j], x[xr + j], acc[a + j]);
          }
        }
      }
    }
  }
}
