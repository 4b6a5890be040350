package dev.jgrad.tensor.internal;

/**
 * The plain-Java {@link Kernels}: simple counted loops over arrays, which the JIT compiles to SIMD
 * code where it can (auto-vectorization), and the blocked matrix products of {@link PlainGemm}. The
 * loops whose float and double versions are the same code live in {@link PlainKernelsF32} and
 * {@link PlainKernelsF64}; those that differ on purpose are here: float {@code axpy}, {@code
 * axpyDecay} and {@code momentumStep} fuse their multiply-adds and their double twins do not, and
 * the byte conversion exists in single precision only.
 */
public final class PlainKernels implements Kernels {
  /** Creates the plain kernels; use {@link Kernels#plain()} for the shared instance. */
  PlainKernels() {}

  @Override
  public String name() {
    return "plain";
  }

  @Override
  public void sgemm(Matrix<float[]> a, Matrix<float[]> b, Matrix<float[]> c, boolean accumulate) {
    PlainGemm.sgemm(a, b, c, accumulate);
  }

  @Override
  public void dgemm(
      Matrix<double[]> a, Matrix<double[]> b, Matrix<double[]> c, boolean accumulate) {
    PlainGemm.dgemm(a, b, c, accumulate);
  }

  @Override
  public void binary(BinaryOp op, float[] a, int ao, float[] b, int bo, float[] o, int oo, int n) {
    PlainKernelsF32.binary(op, a, ao, b, bo, o, oo, n);
  }

  @Override
  public void binary(
      BinaryOp op, double[] a, int ao, double[] b, int bo, double[] o, int oo, int n) {
    PlainKernelsF64.binary(op, a, ao, b, bo, o, oo, n);
  }

  @Override
  public void binaryScalar(BinaryOp op, float[] a, int ao, float s, float[] o, int oo, int n) {
    PlainKernelsF32.binaryScalar(op, a, ao, s, o, oo, n);
  }

  @Override
  public void binaryScalar(BinaryOp op, double[] a, int ao, double s, double[] o, int oo, int n) {
    PlainKernelsF64.binaryScalar(op, a, ao, s, o, oo, n);
  }

  @Override
  public void relu(float[] a, int ao, float[] o, int oo, int n) {
    PlainKernelsF32.relu(a, ao, o, oo, n);
  }

  @Override
  public void relu(double[] a, int ao, double[] o, int oo, int n) {
    PlainKernelsF64.relu(a, ao, o, oo, n);
  }

  @Override
  public void axpy(float[] y, int yo, double alpha, float[] x, int xo, int n) {
    float a = (float) alpha;
    for (int i = 0; i < n; i++) {
      y[yo + i] = Math.fma(a, x[xo + i], y[yo + i]);
    }
  }

  @Override
  public void axpy(double[] y, int yo, double alpha, double[] x, int xo, int n) {
    for (int i = 0; i < n; i++) {
      y[yo + i] = y[yo + i] + alpha * x[xo + i];
    }
  }

  @Override
  public void sumRows(float[] x, int off, int rows, int cols, double[] acc) {
    PlainKernelsF32.sumRows(x, off, rows, cols, acc);
  }

  @Override
  public void sumRows(double[] x, int off, int rows, int cols, double[] acc) {
    PlainKernelsF64.sumRows(x, off, rows, cols, acc);
  }

  @Override
  public void reluBackward(float[] g, int go, float[] r, int ro, float[] o, int oo, int n) {
    PlainKernelsF32.reluBackward(g, go, r, ro, o, oo, n);
  }

  @Override
  public void reluBackward(double[] g, int go, double[] r, int ro, double[] o, int oo, int n) {
    PlainKernelsF64.reluBackward(g, go, r, ro, o, oo, n);
  }

  @Override
  public void axpyDecay(float[] y, int yo, double alpha, double decay, float[] x, int xo, int n) {
    float a = (float) alpha;
    float d = (float) decay;
    for (int i = 0; i < n; i++) {
      float p = y[yo + i];
      y[yo + i] = Math.fma(a, x[xo + i] + p * d, p);
    }
  }

  @Override
  public void axpyDecay(double[] y, int yo, double alpha, double decay, double[] x, int xo, int n) {
    for (int i = 0; i < n; i++) {
      double p = y[yo + i];
      y[yo + i] = p + alpha * (x[xo + i] + p * decay);
    }
  }

  @Override
  public void momentumStep(
      float[] p,
      int po,
      float[] b,
      int bo,
      float[] g,
      int go,
      double momentum,
      double gradScale,
      double alpha,
      int n) {
    float m = (float) momentum;
    float s = (float) gradScale;
    float a = (float) alpha;
    for (int i = 0; i < n; i++) {
      float v = Math.fma(s, g[go + i], b[bo + i] * m);
      b[bo + i] = v;
      p[po + i] = Math.fma(a, v, p[po + i]);
    }
  }

  @Override
  public void momentumStep(
      double[] p,
      int po,
      double[] b,
      int bo,
      double[] g,
      int go,
      double momentum,
      double gradScale,
      double alpha,
      int n) {
    for (int i = 0; i < n; i++) {
      double v = b[bo + i] * momentum + gradScale * g[go + i];
      b[bo + i] = v;
      p[po + i] = p[po + i] + alpha * v;
    }
  }

  @Override
  public void unsignedBytesToFloat(byte[] src, int so, float divisor, float[] o, int oo, int n) {
    for (int i = 0; i < n; i++) {
      o[oo + i] = (src[so + i] & 0xff) / divisor;
    }
  }
}
