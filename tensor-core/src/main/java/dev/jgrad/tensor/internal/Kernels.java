package dev.jgrad.tensor.internal;

import java.util.Optional;

/**
 * The hot loops of jgrad behind one interface, with two implementations: {@link PlainKernels} in
 * plain Java, and a SIMD one on the JDK's Vector API ({@code jdk.incubator.vector}) that is used
 * automatically when the JVM runs with {@code --add-modules jdk.incubator.vector} and its preferred
 * vector width holds at least 8 floats.
 *
 * <p>Both give the same results: every kernel here is exactly rounded elementwise, sums in a fixed
 * order, and the matrix products follow the summation order documented in {@link Gemm} (one chain
 * of fused multiply-adds per element, in increasing k). Set the system property {@code
 * jgrad.simd=false} to use the plain kernels even when the module is present.
 *
 * <p>Arrays are addressed as (array, offset) with {@code n} consecutive elements, and the matrix
 * products' operands as {@link Matrix} views; callers check bounds and shapes. Output ranges may
 * coincide with an input range (in-place updates) but must not overlap it otherwise.
 */
public interface Kernels {

  /** Returns the kernels in use: SIMD when available and enabled, otherwise plain. */
  static Kernels get() {
    return KernelSelection.ACTIVE;
  }

  /** Returns the plain-Java kernels. */
  static Kernels plain() {
    return KernelSelection.PLAIN;
  }

  /**
   * Returns the SIMD kernels, even when {@code -Djgrad.simd=false} disables them; empty when they
   * could not be loaded ({@link KernelSelection#simdLoad()} says why).
   */
  static Optional<Kernels> simd() {
    return Optional.ofNullable(KernelSelection.SIMD);
  }

  /** Returns a short name of this implementation, such as {@code plain} or {@code simd-512}. */
  String name();

  /**
   * Computes {@code C = A·B} (or {@code C += A·B}) in single precision, in the summation order of
   * {@link Gemm}, without checks: the operands are as {@link Gemm#multiply} requires, and the sizes
   * are positive.
   *
   * @param a the m×k left operand
   * @param b the k×n right operand
   * @param c the m×n result, with column stride 1
   * @param accumulate whether to add the product to C's values instead of replacing them
   */
  void sgemm(Matrix<float[]> a, Matrix<float[]> b, Matrix<float[]> c, boolean accumulate);

  /**
   * Computes {@code C = A·B} (or {@code C += A·B}) in double precision, in the summation order of
   * {@link Gemm}, without checks: the operands are as {@link Gemm#multiply} requires, and the sizes
   * are positive.
   *
   * @param a the m×k left operand
   * @param b the k×n right operand
   * @param c the m×n result, with column stride 1
   * @param accumulate whether to add the product to C's values instead of replacing them
   */
  void dgemm(Matrix<double[]> a, Matrix<double[]> b, Matrix<double[]> c, boolean accumulate);

  /** Computes {@code o[i] = op(a[i], b[i])} for {@code n} elements. */
  void binary(BinaryOp op, float[] a, int ao, float[] b, int bo, float[] o, int oo, int n);

  /** Computes {@code o[i] = op(a[i], b[i])} for {@code n} elements. */
  void binary(BinaryOp op, double[] a, int ao, double[] b, int bo, double[] o, int oo, int n);

  /** Computes {@code o[i] = op(a[i], s)} for {@code n} elements. */
  void binaryScalar(BinaryOp op, float[] a, int ao, float s, float[] o, int oo, int n);

  /** Computes {@code o[i] = op(a[i], s)} for {@code n} elements. */
  void binaryScalar(BinaryOp op, double[] a, int ao, double s, double[] o, int oo, int n);

  /** Computes {@code o[i] = max(a[i], 0)} for {@code n} elements (NaN stays NaN). */
  void relu(float[] a, int ao, float[] o, int oo, int n);

  /** Computes {@code o[i] = max(a[i], 0)} for {@code n} elements (NaN stays NaN). */
  void relu(double[] a, int ao, double[] o, int oo, int n);

  /**
   * Computes {@code y[i] = fma((float) alpha, x[i], y[i])}, rounded once, for {@code n} elements.
   */
  void axpy(float[] y, int yo, double alpha, float[] x, int xo, int n);

  /** Computes {@code y[i] = y[i] + alpha * x[i]} for {@code n} elements. */
  void axpy(double[] y, int yo, double alpha, double[] x, int xo, int n);

  /**
   * Adds the {@code rows × cols} row-major block at {@code x[off]} to {@code acc} column by column:
   * {@code acc[j] += x[off + i*cols + j]} for i in increasing order, in double precision.
   */
  void sumRows(float[] x, int off, int rows, int cols, double[] acc);

  /** Double-precision twin of {@link #sumRows(float[], int, int, int, double[])}. */
  void sumRows(double[] x, int off, int rows, int cols, double[] acc);

  /**
   * Computes {@code o[i] = g[i] * (r[i] > 0 ? 1 : 0)} for {@code n} elements: the gradient of relu
   * from its result {@code r}, a multiplication by the mask so that a NaN or infinite gradient
   * where the mask is 0 gives NaN, and a negative one gives -0, as {@code g * (r > 0)}.
   */
  void reluBackward(float[] g, int go, float[] r, int ro, float[] o, int oo, int n);

  /**
   * Double-precision twin of {@link #reluBackward(float[], int, float[], int, float[], int, int)}.
   */
  void reluBackward(double[] g, int go, double[] r, int ro, double[] o, int oo, int n);

  /**
   * Computes {@code y[i] = fma((float) alpha, x[i] + y[i] * (float) decay, y[i])} for {@code n}
   * elements, each operation rounded to float: {@link #axpy(float[], int, double, float[], int,
   * int) axpy} of {@code x + decay·y}, as an L2 weight decay folded into an SGD step.
   */
  void axpyDecay(float[] y, int yo, double alpha, double decay, float[] x, int xo, int n);

  /** Computes {@code y[i] = y[i] + alpha * (x[i] + y[i] * decay)} for {@code n} elements. */
  void axpyDecay(double[] y, int yo, double alpha, double decay, double[] x, int xo, int n);

  /**
   * Runs an SGD step with momentum over {@code n} elements in one pass, each operation rounded to
   * float exactly as {@link #binaryScalar binaryScalar} {@code MUL} of {@code b} by {@code (float)
   * momentum}, then {@link #axpy(float[], int, double, float[], int, int) axpy} of {@code g} scaled
   * by {@code gradScale} into {@code b}, then axpy of the new {@code b} scaled by {@code alpha}
   * into {@code p}: {@code b[i] = fma((float) gradScale, g[i], b[i] * (float) momentum)}, {@code
   * p[i] = fma((float) alpha, b[i], p[i])}.
   */
  void momentumStep(
      float[] p,
      int po,
      float[] b,
      int bo,
      float[] g,
      int go,
      double momentum,
      double gradScale,
      double alpha,
      int n);

  /**
   * Computes {@code b[i] = b[i] * momentum + gradScale * g[i]}, then {@code p[i] = p[i] + alpha *
   * b[i]}, for {@code n} elements: the double-precision twin of {@link #momentumStep(float[], int,
   * float[], int, float[], int, double, double, double, int)}.
   */
  void momentumStep(
      double[] p,
      int po,
      double[] b,
      int bo,
      double[] g,
      int go,
      double momentum,
      double gradScale,
      double alpha,
      int n);

  /**
   * Computes {@code o[i] = (src[i] & 0xff) / divisor} in single precision (one correctly rounded
   * division) for {@code n} unsigned bytes.
   */
  void unsignedBytesToFloat(byte[] src, int so, float divisor, float[] o, int oo, int n);
}
