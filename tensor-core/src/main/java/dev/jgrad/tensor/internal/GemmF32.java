package dev.jgrad.tensor.internal;

/**
 * Single-precision parts of {@link Gemm}: the tiny-product loop, the swap buffer and its
 * transposition, and the call into the blocked kernel. This class and its twin for the other
 * precision are equal up to renaming their types, which {@code GemmSourcesTest} checks.
 */
final class GemmF32 implements Gemm.Precision<float[]> {

  /** The single instance. */
  static final Gemm.Precision<float[]> PRECISION = new GemmF32();

  private static final ThreadLocal<float[]> SWAP = ThreadLocal.withInitial(() -> new float[0]);

  private GemmF32() {}

  @Override
  public String name() {
    return "sgemm";
  }

  @Override
  public Class<float[]> arrayType() {
    return float[].class;
  }

  @Override
  public void kernel(
      Kernels kernels,
      Matrix<float[]> a,
      Matrix<float[]> b,
      Matrix<float[]> c,
      boolean accumulate) {
    kernels.sgemm(a, b, c, accumulate);
  }

  @Override
  public void tiny(Matrix<float[]> a, Matrix<float[]> b, Matrix<float[]> c, boolean accumulate) {
    int m = a.rows();
    int n = b.cols();
    int k = a.cols();
    float[] ad = a.data();
    int aOff = a.offset();
    int aRowStride = a.rowStride();
    int aColStride = a.colStride();
    float[] bd = b.data();
    int bOff = b.offset();
    int bRowStride = b.rowStride();
    int bColStride = b.colStride();
    float[] cd = c.data();
    int cOff = c.offset();
    int cRowStride = c.rowStride();
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        int ci = cOff + i * cRowStride + j;
        float t = accumulate ? cd[ci] : 0f;
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
  public float[] swapBuffer(int size) {
    float[] t = SWAP.get();
    if (t.length < size) {
      t = new float[size];
      SWAP.set(t);
    }
    return t;
  }

  @Override
  public void transpose(Matrix<float[]> src, Matrix<float[]> dst) {
    int rows = src.rows();
    int cols = src.cols();
    float[] s = src.data();
    int srcOff = src.offset();
    int srcStride = src.rowStride();
    float[] d = dst.data();
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
