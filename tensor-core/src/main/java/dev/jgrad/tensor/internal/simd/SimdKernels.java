package dev.jgrad.tensor.internal.simd;

import dev.jgrad.tensor.internal.BinaryOp;
import dev.jgrad.tensor.internal.Kernels;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The {@link Kernels} on the JDK's Vector API ({@code jdk.incubator.vector}): register-tiled matrix
 * products ({@link SimdGemmF32}, {@link SimdGemmF64}) and explicit vector loops for the arithmetic
 * elementwise kernels. Comparisons and the float↔double conversion of float {@code sumRows} are
 * left to the plain kernels: on JDK 17 a vector conversion or an operator that is not a
 * compile-time constant is not intrinsified, and its slow fallback, once compiled, keeps the JIT
 * from inlining (and so from intrinsifying) the same Vector API methods in the matrix kernels. Two
 * kernels use such operations only as constants, which JDK 17 intrinsifies: {@code reluBackward}
 * compares with {@code GT}, and {@code unsignedBytesToFloat} casts whole byte vectors to int and
 * float (part 0); with them in use the seed workloads' matrix products kept their speed.
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

  private SimdKernels(Kernels plain) {
    this.plain = plain;
  }

  /**
   * Returns the SIMD kernels when the preferred vector width holds at least 8 floats, else null
   * (narrower vectors are not worth it, and some widths are not compiled to vector code).
   *
   * @param plain the kernels to delegate to where SIMD code gains nothing
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
  public void sgemm(
      int m,
      int n,
      int k,
      float[] a,
      int aOff,
      int aRowStride,
      int aColStride,
      float[] b,
      int bOff,
      int bRowStride,
      int bColStride,
      float[] c,
      int cOff,
      int cRowStride,
      boolean accumulate) {
    SimdGemmF32.gemm(
        m,
        n,
        k,
        a,
        aOff,
        aRowStride,
        aColStride,
        b,
        bOff,
        bRowStride,
        bColStride,
        c,
        cOff,
        cRowStride,
        accumulate);
  }

  @Override
  public void dgemm(
      int m,
      int n,
      int k,
      double[] a,
      int aOff,
      int aRowStride,
      int aColStride,
      double[] b,
      int bOff,
      int bRowStride,
      int bColStride,
      double[] c,
      int cOff,
      int cRowStride,
      boolean accumulate) {
    SimdGemmF64.gemm(
        m,
        n,
        k,
        a,
        aOff,
        aRowStride,
        aColStride,
        b,
        bOff,
        bRowStride,
        bColStride,
        c,
        cOff,
        cRowStride,
        accumulate);
  }

  @Override
  public void binary(BinaryOp op, float[] a, int ao, float[] b, int bo, float[] o, int oo, int n) {
    int bound = F.loopBound(n);
    int i = 0;
    switch (op) {
      case ADD -> {
        for (; i < bound; i += F.length()) {
          FloatVector.fromArray(F, a, ao + i)
              .add(FloatVector.fromArray(F, b, bo + i))
              .intoArray(o, oo + i);
        }
      }
      case SUB -> {
        for (; i < bound; i += F.length()) {
          FloatVector.fromArray(F, a, ao + i)
              .sub(FloatVector.fromArray(F, b, bo + i))
              .intoArray(o, oo + i);
        }
      }
      case MUL -> {
        for (; i < bound; i += F.length()) {
          FloatVector.fromArray(F, a, ao + i)
              .mul(FloatVector.fromArray(F, b, bo + i))
              .intoArray(o, oo + i);
        }
      }
      case DIV -> {
        for (; i < bound; i += F.length()) {
          FloatVector.fromArray(F, a, ao + i)
              .div(FloatVector.fromArray(F, b, bo + i))
              .intoArray(o, oo + i);
        }
      }
      case GT -> {
        FloatVector zero = FloatVector.zero(F);
        FloatVector one = FloatVector.broadcast(F, 1f);
        for (; i < bound; i += F.length()) {
          FloatVector x = FloatVector.fromArray(F, a, ao + i);
          zero.blend(one, x.compare(VectorOperators.GT, FloatVector.fromArray(F, b, bo + i)))
              .intoArray(o, oo + i);
        }
      }
      case GE -> {
        FloatVector zero = FloatVector.zero(F);
        FloatVector one = FloatVector.broadcast(F, 1f);
        for (; i < bound; i += F.length()) {
          FloatVector x = FloatVector.fromArray(F, a, ao + i);
          zero.blend(one, x.compare(VectorOperators.GE, FloatVector.fromArray(F, b, bo + i)))
              .intoArray(o, oo + i);
        }
      }
      case LT -> {
        FloatVector zero = FloatVector.zero(F);
        FloatVector one = FloatVector.broadcast(F, 1f);
        for (; i < bound; i += F.length()) {
          FloatVector x = FloatVector.fromArray(F, a, ao + i);
          zero.blend(one, x.compare(VectorOperators.LT, FloatVector.fromArray(F, b, bo + i)))
              .intoArray(o, oo + i);
        }
      }
      case LE -> {
        FloatVector zero = FloatVector.zero(F);
        FloatVector one = FloatVector.broadcast(F, 1f);
        for (; i < bound; i += F.length()) {
          FloatVector x = FloatVector.fromArray(F, a, ao + i);
          zero.blend(one, x.compare(VectorOperators.LE, FloatVector.fromArray(F, b, bo + i)))
              .intoArray(o, oo + i);
        }
      }
      case EQ -> {
        FloatVector zero = FloatVector.zero(F);
        FloatVector one = FloatVector.broadcast(F, 1f);
        for (; i < bound; i += F.length()) {
          FloatVector x = FloatVector.fromArray(F, a, ao + i);
          zero.blend(one, x.compare(VectorOperators.EQ, FloatVector.fromArray(F, b, bo + i)))
              .intoArray(o, oo + i);
        }
      }
      default -> {
        // NE (true for NaN) and min/max: the plain loops below handle every element
      }
    }
    plain.binary(op, a, ao + i, b, bo + i, o, oo + i, n - i);
  }

  @Override
  public void binaryScalar(BinaryOp op, float[] a, int ao, float s, float[] o, int oo, int n) {
    FloatVector y = FloatVector.broadcast(F, s);
    int bound = F.loopBound(n);
    int i = 0;
    switch (op) {
      case ADD -> {
        for (; i < bound; i += F.length()) {
          FloatVector.fromArray(F, a, ao + i).add(y).intoArray(o, oo + i);
        }
      }
      case SUB -> {
        for (; i < bound; i += F.length()) {
          FloatVector.fromArray(F, a, ao + i).sub(y).intoArray(o, oo + i);
        }
      }
      case MUL -> {
        for (; i < bound; i += F.length()) {
          FloatVector.fromArray(F, a, ao + i).mul(y).intoArray(o, oo + i);
        }
      }
      case DIV -> {
        for (; i < bound; i += F.length()) {
          FloatVector.fromArray(F, a, ao + i).div(y).intoArray(o, oo + i);
        }
      }
      case GT -> {
        FloatVector zero = FloatVector.zero(F);
        FloatVector one = FloatVector.broadcast(F, 1f);
        for (; i < bound; i += F.length()) {
          FloatVector x = FloatVector.fromArray(F, a, ao + i);
          zero.blend(one, x.compare(VectorOperators.GT, y)).intoArray(o, oo + i);
        }
      }
      case GE -> {
        FloatVector zero = FloatVector.zero(F);
        FloatVector one = FloatVector.broadcast(F, 1f);
        for (; i < bound; i += F.length()) {
          FloatVector x = FloatVector.fromArray(F, a, ao + i);
          zero.blend(one, x.compare(VectorOperators.GE, y)).intoArray(o, oo + i);
        }
      }
      case LT -> {
        FloatVector zero = FloatVector.zero(F);
        FloatVector one = FloatVector.broadcast(F, 1f);
        for (; i < bound; i += F.length()) {
          FloatVector x = FloatVector.fromArray(F, a, ao + i);
          zero.blend(one, x.compare(VectorOperators.LT, y)).intoArray(o, oo + i);
        }
      }
      case LE -> {
        FloatVector zero = FloatVector.zero(F);
        FloatVector one = FloatVector.broadcast(F, 1f);
        for (; i < bound; i += F.length()) {
          FloatVector x = FloatVector.fromArray(F, a, ao + i);
          zero.blend(one, x.compare(VectorOperators.LE, y)).intoArray(o, oo + i);
        }
      }
      case EQ -> {
        FloatVector zero = FloatVector.zero(F);
        FloatVector one = FloatVector.broadcast(F, 1f);
        for (; i < bound; i += F.length()) {
          FloatVector x = FloatVector.fromArray(F, a, ao + i);
          zero.blend(one, x.compare(VectorOperators.EQ, y)).intoArray(o, oo + i);
        }
      }
      default -> {
        // NE (true for NaN) and min/max: the plain loops below handle every element
      }
    }
    plain.binaryScalar(op, a, ao + i, s, o, oo + i, n - i);
  }

  @Override
  public void binary(
      BinaryOp op, double[] a, int ao, double[] b, int bo, double[] o, int oo, int n) {
    int bound = D.loopBound(n);
    int i = 0;
    switch (op) {
      case ADD -> {
        for (; i < bound; i += D.length()) {
          DoubleVector.fromArray(D, a, ao + i)
              .add(DoubleVector.fromArray(D, b, bo + i))
              .intoArray(o, oo + i);
        }
      }
      case SUB -> {
        for (; i < bound; i += D.length()) {
          DoubleVector.fromArray(D, a, ao + i)
              .sub(DoubleVector.fromArray(D, b, bo + i))
              .intoArray(o, oo + i);
        }
      }
      case MUL -> {
        for (; i < bound; i += D.length()) {
          DoubleVector.fromArray(D, a, ao + i)
              .mul(DoubleVector.fromArray(D, b, bo + i))
              .intoArray(o, oo + i);
        }
      }
      case DIV -> {
        for (; i < bound; i += D.length()) {
          DoubleVector.fromArray(D, a, ao + i)
              .div(DoubleVector.fromArray(D, b, bo + i))
              .intoArray(o, oo + i);
        }
      }
      case GT -> {
        DoubleVector zero = DoubleVector.zero(D);
        DoubleVector one = DoubleVector.broadcast(D, 1d);
        for (; i < bound; i += D.length()) {
          DoubleVector x = DoubleVector.fromArray(D, a, ao + i);
          zero.blend(one, x.compare(VectorOperators.GT, DoubleVector.fromArray(D, b, bo + i)))
              .intoArray(o, oo + i);
        }
      }
      case GE -> {
        DoubleVector zero = DoubleVector.zero(D);
        DoubleVector one = DoubleVector.broadcast(D, 1d);
        for (; i < bound; i += D.length()) {
          DoubleVector x = DoubleVector.fromArray(D, a, ao + i);
          zero.blend(one, x.compare(VectorOperators.GE, DoubleVector.fromArray(D, b, bo + i)))
              .intoArray(o, oo + i);
        }
      }
      case LT -> {
        DoubleVector zero = DoubleVector.zero(D);
        DoubleVector one = DoubleVector.broadcast(D, 1d);
        for (; i < bound; i += D.length()) {
          DoubleVector x = DoubleVector.fromArray(D, a, ao + i);
          zero.blend(one, x.compare(VectorOperators.LT, DoubleVector.fromArray(D, b, bo + i)))
              .intoArray(o, oo + i);
        }
      }
      case LE -> {
        DoubleVector zero = DoubleVector.zero(D);
        DoubleVector one = DoubleVector.broadcast(D, 1d);
        for (; i < bound; i += D.length()) {
          DoubleVector x = DoubleVector.fromArray(D, a, ao + i);
          zero.blend(one, x.compare(VectorOperators.LE, DoubleVector.fromArray(D, b, bo + i)))
              .intoArray(o, oo + i);
        }
      }
      case EQ -> {
        DoubleVector zero = DoubleVector.zero(D);
        DoubleVector one = DoubleVector.broadcast(D, 1d);
        for (; i < bound; i += D.length()) {
          DoubleVector x = DoubleVector.fromArray(D, a, ao + i);
          zero.blend(one, x.compare(VectorOperators.EQ, DoubleVector.fromArray(D, b, bo + i)))
              .intoArray(o, oo + i);
        }
      }
      default -> {
        // NE (true for NaN) and min/max: the plain loops below handle every element
      }
    }
    plain.binary(op, a, ao + i, b, bo + i, o, oo + i, n - i);
  }

  @Override
  public void binaryScalar(BinaryOp op, double[] a, int ao, double s, double[] o, int oo, int n) {
    DoubleVector y = DoubleVector.broadcast(D, s);
    int bound = D.loopBound(n);
    int i = 0;
    switch (op) {
      case ADD -> {
        for (; i < bound; i += D.length()) {
          DoubleVector.fromArray(D, a, ao + i).add(y).intoArray(o, oo + i);
        }
      }
      case SUB -> {
        for (; i < bound; i += D.length()) {
          DoubleVector.fromArray(D, a, ao + i).sub(y).intoArray(o, oo + i);
        }
      }
      case MUL -> {
        for (; i < bound; i += D.length()) {
          DoubleVector.fromArray(D, a, ao + i).mul(y).intoArray(o, oo + i);
        }
      }
      case DIV -> {
        for (; i < bound; i += D.length()) {
          DoubleVector.fromArray(D, a, ao + i).div(y).intoArray(o, oo + i);
        }
      }
      case GT -> {
        DoubleVector zero = DoubleVector.zero(D);
        DoubleVector one = DoubleVector.broadcast(D, 1d);
        for (; i < bound; i += D.length()) {
          DoubleVector x = DoubleVector.fromArray(D, a, ao + i);
          zero.blend(one, x.compare(VectorOperators.GT, y)).intoArray(o, oo + i);
        }
      }
      case GE -> {
        DoubleVector zero = DoubleVector.zero(D);
        DoubleVector one = DoubleVector.broadcast(D, 1d);
        for (; i < bound; i += D.length()) {
          DoubleVector x = DoubleVector.fromArray(D, a, ao + i);
          zero.blend(one, x.compare(VectorOperators.GE, y)).intoArray(o, oo + i);
        }
      }
      case LT -> {
        DoubleVector zero = DoubleVector.zero(D);
        DoubleVector one = DoubleVector.broadcast(D, 1d);
        for (; i < bound; i += D.length()) {
          DoubleVector x = DoubleVector.fromArray(D, a, ao + i);
          zero.blend(one, x.compare(VectorOperators.LT, y)).intoArray(o, oo + i);
        }
      }
      case LE -> {
        DoubleVector zero = DoubleVector.zero(D);
        DoubleVector one = DoubleVector.broadcast(D, 1d);
        for (; i < bound; i += D.length()) {
          DoubleVector x = DoubleVector.fromArray(D, a, ao + i);
          zero.blend(one, x.compare(VectorOperators.LE, y)).intoArray(o, oo + i);
        }
      }
      case EQ -> {
        DoubleVector zero = DoubleVector.zero(D);
        DoubleVector one = DoubleVector.broadcast(D, 1d);
        for (; i < bound; i += D.length()) {
          DoubleVector x = DoubleVector.fromArray(D, a, ao + i);
          zero.blend(one, x.compare(VectorOperators.EQ, y)).intoArray(o, oo + i);
        }
      }
      default -> {
        // NE (true for NaN) and min/max: the plain loops below handle every element
      }
    }
    plain.binaryScalar(op, a, ao + i, s, o, oo + i, n - i);
  }

  @Override
  public void relu(float[] a, int ao, float[] o, int oo, int n) {
    FloatVector zero = FloatVector.zero(F);
    int i = 0;
    for (int bound = F.loopBound(n); i < bound; i += F.length()) {
      FloatVector.fromArray(F, a, ao + i).max(zero).intoArray(o, oo + i);
    }
    plain.relu(a, ao + i, o, oo + i, n - i);
  }

  @Override
  public void relu(double[] a, int ao, double[] o, int oo, int n) {
    DoubleVector zero = DoubleVector.zero(D);
    int i = 0;
    for (int bound = D.loopBound(n); i < bound; i += D.length()) {
      DoubleVector.fromArray(D, a, ao + i).max(zero).intoArray(o, oo + i);
    }
    plain.relu(a, ao + i, o, oo + i, n - i);
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
    FloatVector zero = FloatVector.zero(F);
    FloatVector one = FloatVector.broadcast(F, 1f);
    int i = 0;
    for (int bound = F.loopBound(n); i < bound; i += F.length()) {
      VectorMask<Float> positive =
          FloatVector.fromArray(F, r, ro + i).compare(VectorOperators.GT, 0f);
      FloatVector.fromArray(F, g, go + i).mul(zero.blend(one, positive)).intoArray(o, oo + i);
    }
    plain.reluBackward(g, go + i, r, ro + i, o, oo + i, n - i);
  }

  @Override
  public void reluBackward(double[] g, int go, double[] r, int ro, double[] o, int oo, int n) {
    DoubleVector zero = DoubleVector.zero(D);
    DoubleVector one = DoubleVector.broadcast(D, 1d);
    int i = 0;
    for (int bound = D.loopBound(n); i < bound; i += D.length()) {
      VectorMask<Double> positive =
          DoubleVector.fromArray(D, r, ro + i).compare(VectorOperators.GT, 0d);
      DoubleVector.fromArray(D, g, go + i).mul(zero.blend(one, positive)).intoArray(o, oo + i);
    }
    plain.reluBackward(g, go + i, r, ro + i, o, oo + i, n - i);
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
