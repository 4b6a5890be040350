package dev.jgrad.tensor.internal;

/**
 * Double-precision parts of {@link Gemm}: the tiny-product loop, the swap buffer and its
 * transposition, and the call into the blocked kernel. This class and its twin for the other
 * precision are equal up to renaming their types, which {@code GemmSourcesTest} checks.
 */
final class GemmF64 implements Gemm.Precision<double[]> {

  /** The single instance. */
  static final Gemm.Precision<double[]> PRECISION = new GemmF64();

  private static final ThreadLocal<double[]> SWAP = ThreadLocal.withInitial(() -> new double[0]);

  private GemmF64() {}

  @Override
  public String name() {
    return "dgemm";
  }

  @Override
  public Class<double[]> arrayType() {
    return double[].class;
  }

  @Override
  public void kernel(
      Kernels kernels,
      Matrix<double[]> a,
      Matrix<double[]> b,
      Matrix<double[]> c,
      boolean accumulate) {
    kernels.dgemm(a, b, c, accumulate);
  }

  @Override
  public void tiny(Matrix<double[]> a, Matrix<double[]> b, Matrix<double[]> c, boolean accumulate) {
    int m = a.rows();
    int n = b.cols();
    int k = a.cols();
    double[] ad = a.data();
    int aOff = a.offset();
    int aRowStride = a.rowStride();
    int aColStride = a.colStride();
    double[] bd = b.data();
    int bOff = b.offset();
    int bRowStride = b.rowStride();
    int bColStride = b.colStride();
    double[] cd = c.data();
    int cOff = c.offset();
    int cRowStride = c.rowStride();
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        int ci = cOff + i * cRowStride + j;
        double t = accumulate ? cd[ci] : 0d;
        for (int p = 0; p < k; p++) {
          t =
              Math.fma(
                  ad[aOff + i * aRowStride + p * aColStride],
                  bd[bOff + p * bRowStride + j * bColStride],
                  t);
        }
        cd[ci] = t;
      }
    }
  }

  @Override
  public double[] swapBuffer(int size) {
    double[] t = SWAP.get();
    if (t.length < size) {
      t = new double[size];
      SWAP.set(t);
    }
    return t;
  }

  @Override
  public void transpose(Matrix<double[]> src, Matrix<double[]> dst) {
    int rows = src.rows();
    int cols = src.cols();
    double[] s = src.data();
    int srcOff = src.offset();
    int srcStride = src.rowStride();
    double[] d = dst.data();
    int dstOff = dst.offset();
    int dstStride = dst.rowStride();
    for (int i = 0; i < rows; i++) {
      int row = srcOff + i * srcStride;
      for (int j = 0; j < cols; j++) {
        d[dstOff + j * dstStride + i] = s[row + j];
      }
    }
  }
}
