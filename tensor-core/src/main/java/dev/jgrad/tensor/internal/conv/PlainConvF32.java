package dev.jgrad.tensor.internal.conv;

/**
 * Single-precision plain-Java loops of {@link ConvKernels}: each result's chain of fused
 * multiply-adds in the order the interface defines, with the innermost loop over contiguous
 * positions or lanes, which the JIT compiler vectorizes. This class and its twin for the other
 * precision are equal up to renaming their types, which {@code ConvSourcesTest} checks.
 */
final class PlainConvF32 {
  /** The channels of one panel of the channel-vectorized loops. */
  static final int PANEL = 16;

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
      int gr = ConvKernels.GROUP;
      int wRow = wOff + oc / gr * taps * gr + oc % gr;
      for (int k = 0; k < taps; k++) {
        float wk = w[wRow + k * gr];
        int src = xOff + offsets[k];
        for (int q = 0; q < positions; q++) {
          y[row + q] = Math.fma(wk, x[src + q], y[row + q]);
        }
      }
    }
  }

  static void forwardRows(
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
    int gr = ConvKernels.GROUP;
    for (int oc = 0; oc < channels; oc++) {
      float start = bias == null ? 0f : bias[biasOff + oc];
      int wRow = wOff + oc / gr * taps * gr + oc % gr;
      for (int r = 0; r < rows; r++) {
        int row = yOff + oc * yStride + r * cols;
        for (int c = 0; c < cols; c++) {
          y[row + c] = start;
        }
        for (int k = 0; k < taps; k++) {
          float wk = w[wRow + k * gr];
          int src = xOff + offsets[k] + r * rowStride;
          for (int c = 0; c < cols; c++) {
            y[row + c] = Math.fma(wk, x[src + c], y[row + c]);
          }
        }
      }
    }
  }

  static void weightGradient(
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
    for (int oc = 0; oc < channels; oc++) {
      for (int k = 0; k < taps; k++) {
        int a = (oc * taps + k) * lanes;
        if (!accumulate) {
          for (int j = 0; j < lanes; j++) {
            acc[a + j] = 0f;
          }
        }
        for (int n = 0; n < images; n++) {
          int src = xOff + n * xImage + offsets[k];
          for (int r = 0; r < rows; r++) {
            int gr = gOff + n * gImage + oc * gStride + r * gRow;
            int xr = src + r * rowStride;
            for (int j = 0; j < gRow; j++) {
              acc[a + j] = Math.fma(g[gr + j], x[xr + j], acc[a + j]);
            }
          }
        }
      }
    }
  }

  static void forwardByChannel(
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
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        int out = (r * cols + c) * PANEL;
        for (int j = 0; j < PANEL; j++) {
          y[out + j] = start[startOff + j];
        }
        for (int k = 0; k < taps; k++) {
          float xv = x[xOff + offsets[k] + r * rowStride + c];
          int wk = wtOff + k * PANEL;
          for (int j = 0; j < PANEL; j++) {
            y[out + j] = Math.fma(xv, wt[wk + j], y[out + j]);
          }
        }
      }
    }
  }

  static void weightGradientByChannel(
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
    for (int k = 0; k < kernelRows * kernelCols; k++) {
      int a = k * PANEL;
      for (int j = 0; j < PANEL; j++) {
        acc[a + j] = 0f;
      }
      for (int n = 0; n < images; n++) {
        for (int r = 0; r < rows; r++) {
          for (int c = 0; c < cols; c++) {
            float xv = x[xOff + n * xImage + offsets[k] + r * rowStride + c];
            int gp = ((n * rows + r) * cols + c) * PANEL;
            for (int j = 0; j < PANEL; j++) {
              acc[a + j] = Math.fma(xv, g[gp + j], acc[a + j]);
            }
          }
        }
      }
    }
  }

  static void gather(
      float[] columns,
      int colOff,
      int colStride,
      int[] shifts,
      int taps,
      float[] dst,
      int dstOff,
      int positions) {
    for (int i = 0; i < positions; i++) {
      dst[dstOff + i] = 0f;
    }
    for (int t = 0; t < taps; t++) {
      int src = colOff + t * colStride - shifts[t];
      for (int i = 0; i < positions; i++) {
        dst[dstOff + i] += columns[src + i];
      }
    }
  }

  static void gatherRows(
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
    for (int i = 0; i < rows * cols; i++) {
      dst[dstOff + i] = 0f;
    }
    for (int t = 0; t < taps; t++) {
      int top = Math.max(0, tops[t]);
      int bottom = Math.min(rows, tops[t] + outRows);
      int from = Math.max(0, shifts[t]);
      int to = Math.min(cols, shifts[t] + outCols);
      int src = colOff + t * colStride - tops[t] * outCols - shifts[t];
      for (int y = top; y < bottom; y++) {
        for (int x = from; x < to; x++) {
          dst[dstOff + y * cols + x] += columns[src + y * outCols + x];
        }
      }
    }
  }

  static void transpose(
      float[] src,
      int srcOff,
      int srcStride,
      int rows,
      int cols,
      float[] dst,
      int dstOff,
      int dstStride) {
    for (int c = 0; c < cols; c++) {
      for (int r = 0; r < rows; r++) {
        dst[dstOff + c * dstStride + r] = src[srcOff + r * srcStride + c];
      }
    }
  }

  static void copyRows(
      float[] src,
      int srcOff,
      int srcStride,
      int rows,
      int cols,
      float[] dst,
      int dstOff,
      int dstStride) {
    for (int r = 0; r < rows; r++) {
      System.arraycopy(src, srcOff + r * srcStride, dst, dstOff + r * dstStride, cols);
    }
  }
}
