package dev.jgrad.tensor.internal.simd;

import dev.jgrad.tensor.internal.BinaryOp;
import dev.jgrad.tensor.internal.Kernels;
import dev.jgrad.tensor.internal.Matrix;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The {@link Kernels} on the JDK's Vector API ({@code jdk.incubator.vector}): register-tiled matrix
 * products ({@link SimdGemmF32}, {@link SimdGemmF64}) and explicit vector loops for the arithmetic
 * elementwise kernels. The loops whose float and double versions are the same code live in {@link
 * SimdKernelsF32} and {@link SimdKernelsF64}; those that differ on purpose are here: float {@code
 * axpy}, {@code axpyDecay} and {@code momentumStep} fuse their multiply-adds and their double twins
 * do not, only the double {@code sumRows} is vectorized, and the byte conversion exists in single
 * precision only. Comparisons and the float↔double conversion of float {@code sumRows} are left to
 * the plain kernels: on JDK 17 a vector conversion or an operator that is not a compile-time
 * constant is not intrinsified, and its slow fallback, once compiled, keeps the JIT from inlining
 * (and so from intrinsifying) the same Vector API methods in the matrix kernels. Two kernels use
 * such operations only as constants, which JDK 17 intrinsifies: {@code reluBackward} compares with
 * {@code GT}, and {@code unsignedBytesToFloat} casts whole byte vectors to int and float (part 0);
 * with them in use the seed workloads' matrix products kept their speed.
 *
 * <p>Loaded only reflectively, by {@code SimdLoad}, after checking that the module is in the boot
 * layer, so a JVM without {@code --add-modules jdk.incubator.vector} never links this class.
 */
public final class SimdKernels implements Kernels {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Integer> INTS = F.withLanes(int.class);

  /** The fewest floats per vector for which these kernels are worth using. */
  private static final int MIN_FLOAT_LANES = 8;

  /**
   * One byte per float lane; null below {@link #MIN_FLOAT_LANES}, where no vector shape is that
   * narrow (and {@link #createIfUseful} returns null).
   */
  private static final VectorSpecies<Byte> BYTES =
      F.length() >= MIN_FLOAT_LANES
          ? VectorSpecies.of(byte.class, VectorShape.forBitSize(F.vectorBitSize() / 4))
          : null;

  private final Kernels plain;
  private final SimdKernelsF32 f32;
  private final SimdKernelsF64 f64;

  private SimdKernels(Kernels plain) {
    this.plain = plain;
    this.f32 = new SimdKernelsF32(plain);
    this.f64 = new SimdKernelsF64(plain);
  }

  /**
   * Returns the SIMD kernels when the preferred vector width holds at least 8 floats, else null
   * (narrower vectors are not worth it, and some widths are not compiled to vector code).
   *
   * @param plain the kernels to delegate to where SIMD code gains nothing
   * @return the SIMD kernels, or null when the vectors are too narrow
   */
  public static Kernels createIfUseful(Kernels plain) {
    return F.length() >= MIN_FLOAT_LANES ? new SimdKernels(plain) : null;
  }

  /** Returns the number of floats in one vector of the preferred width. */
  public static int floatLanes() {
    return F.length();
  }

  @Override
  public String name() {
    return "simd-" + F.vectorBitSize();
  }

  @Override
  public void sgemm(Matrix<float[]> a, Matrix<float[]> b, Matrix<float[]> c, boolean accumulate) {
    SimdGemmF32.gemm(a, b, c, accumulate);
  }

  @Override
  public void dgemm(
      Matrix<double[]> a, Matrix<double[]> b, Matrix<double[]> c, boolean accumulate) {
    SimdGemmF64.gemm(a, b, c, accumulate);
  }

  @Override
  public void binary(BinaryOp op, float[] a, int ao, float[] b, int bo, float[] o, int oo, int n) {
    f32.binary(op, a, ao, b, bo, o, oo, n);
  }

  @Override
  public void binary(
      BinaryOp op, double[] a, int ao, double[] b, int bo, double[] o, int oo, int n) {
    f64.binary(op, a, ao, b, bo, o, oo, n);
  }

  @Override
  public void binaryScalar(BinaryOp op, float[] a, int ao, float s, float[] o, int oo, int n) {
    f32.binaryScalar(op, a, ao, s, o, oo, n);
  }

  @Override
  public void binaryScalar(BinaryOp op, double[] a, int ao, double s, double[] o, int oo, int n) {
    f64.binaryScalar(op, a, ao, s, o, oo, n);
  }

  @Override
  public void relu(float[] a, int ao, float[] o, int oo, int n) {
    f32.relu(a, ao, o, oo, n);
  }

  @Override
  public void relu(double[] a, int ao, double[] o, int oo, int n) {
    f64.relu(a, ao, o, oo, n);
  }

  @Override
  public void axpy(float[] y, int yo, double alpha, float[] x, int xo, int n) {
    FloatVector al = FloatVector.broadcast(F, (float) alpha);
    int i = 0;
    for (int bound = F.loopBound(n); i < bound; i += F.length()) {
      FloatVector yv = FloatVector.fromArray(F, y, yo + i);
      FloatVector.fromArray(F, x, xo + i).fma(al, yv).intoArray(y, yo + i);
    }
    plain.axpy(y, yo + i, alpha, x, xo + i, n - i);
  }

  @Override
  public void axpy(double[] y, int yo, double alpha, double[] x, int xo, int n) {
    DoubleVector al = DoubleVector.broadcast(D, alpha);
    int i = 0;
    for (int bound = D.loopBound(n); i < bound; i += D.length()) {
      DoubleVector yd = DoubleVector.fromArray(D, y, yo + i);
      yd.add(al.mul(DoubleVector.fromArray(D, x, xo + i))).intoArray(y, yo + i);
    }
    plain.axpy(y, yo + i, alpha, x, xo + i, n - i);
  }

  @Override
  public void sumRows(float[] x, int off, int rows, int cols, double[] acc) {
    plain.sumRows(x, off, rows, cols, acc);
  }

  @Override
  public void sumRows(double[] x, int off, int rows, int cols, double[] acc) {
    int bound = D.loopBound(cols);
    for (int i = 0; i < rows; i++) {
      int row = off + i * cols;
      int j = 0;
      for (; j < bound; j += D.length()) {
        DoubleVector.fromArray(D, acc, j)
            .add(DoubleVector.fromArray(D, x, row + j))
            .intoArray(acc, j);
      }
      for (; j < cols; j++) {
        acc[j] += x[row + j];
      }
    }
  }

  @Override
  public void reluBackward(float[] g, int go, float[] r, int ro, float[] o, int oo, int n) {
    f32.reluBackward(g, go, r, ro, o, oo, n);
  }

  @Override
  public void reluBackward(double[] g, int go, double[] r, int ro, double[] o, int oo, int n) {
    f64.reluBackward(g, go, r, ro, o, oo, n);
  }

  @Override
  public void axpyDecay(float[] y, int yo, double alpha, double decay, float[] x, int xo, int n) {
    FloatVector al = FloatVector.broadcast(F, (float) alpha);
    FloatVector de = FloatVector.broadcast(F, (float) decay);
    int i = 0;
    for (int bound = F.loopBound(n); i < bound; i += F.length()) {
      FloatVector yv = FloatVector.fromArray(F, y, yo + i);
      FloatVector g = FloatVector.fromArray(F, x, xo + i).add(yv.mul(de));
      g.fma(al, yv).intoArray(y, yo + i);
    }
    plain.axpyDecay(y, yo + i, alpha, decay, x, xo + i, n - i);
  }

  @Override
  public void axpyDecay(double[] y, int yo, double alpha, double decay, double[] x, int xo, int n) {
    DoubleVector al = DoubleVector.broadcast(D, alpha);
    DoubleVector de = DoubleVector.broadcast(D, decay);
    int i = 0;
    for (int bound = D.loopBound(n); i < bound; i += D.length()) {
      DoubleVector yv = DoubleVector.fromArray(D, y, yo + i);
      DoubleVector g = DoubleVector.fromArray(D, x, xo + i).add(yv.mul(de));
      yv.add(al.mul(g)).intoArray(y, yo + i);
    }
    plain.axpyDecay(y, yo + i, alpha, decay, x, xo + i, n - i);
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
    FloatVector m = FloatVector.broadcast(F, (float) momentum);
    FloatVector s = FloatVector.broadcast(F, (float) gradScale);
    FloatVector a = FloatVector.broadcast(F, (float) alpha);
    int i = 0;
    for (int bound = F.loopBound(n); i < bound; i += F.length()) {
      FloatVector t = FloatVector.fromArray(F, b, bo + i).mul(m);
      FloatVector v = FloatVector.fromArray(F, g, go + i).fma(s, t);
      v.intoArray(b, bo + i);
      v.fma(a, FloatVector.fromArray(F, p, po + i)).intoArray(p, po + i);
    }
    plain.momentumStep(p, po + i, b, bo + i, g, go + i, momentum, gradScale, alpha, n - i);
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
    DoubleVector m = DoubleVector.broadcast(D, momentum);
    DoubleVector s = DoubleVector.broadcast(D, gradScale);
    DoubleVector a = DoubleVector.broadcast(D, alpha);
    int i = 0;
    for (int bound = D.loopBound(n); i < bound; i += D.length()) {
      DoubleVector t = DoubleVector.fromArray(D, b, bo + i).mul(m);
      DoubleVector v = t.add(s.mul(DoubleVector.fromArray(D, g, go + i)));
      v.intoArray(b, bo + i);
      DoubleVector.fromArray(D, p, po + i).add(a.mul(v)).intoArray(p, po + i);
    }
    plain.momentumStep(p, po + i, b, bo + i, g, go + i, momentum, gradScale, alpha, n - i);
  }

  @Override
  public void unsignedBytesToFloat(byte[] src, int so, float divisor, float[] o, int oo, int n) {
    FloatVector d = FloatVector.broadcast(F, divisor);
    int i = 0;
    for (int bound = F.loopBound(n); i < bound; i += F.length()) {
      ByteVector.fromArray(BYTES, src, so + i)
          .convertShape(VectorOperators.B2I, INTS, 0)
          .lanewise(VectorOperators.AND, 0xff)
          .convert(VectorOperators.I2F, 0)
          .reinterpretAsFloats()
          .div(d)
          .intoArray(o, oo + i);
    }
    plain.unsignedBytesToFloat(src, so + i, divisor, o, oo + i, n - i);
  }
}
