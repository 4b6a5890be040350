package dev.jgrad.tensor.internal.simd;

import dev.jgrad.tensor.internal.BinaryOp;
import dev.jgrad.tensor.internal.Kernels;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Double-precision vector loops of {@link SimdKernels}: each method is the kernel of the same name
 * and signature in {@link Kernels}, vectorized over whole vectors, with the remaining elements (and
 * the operations that gain nothing from vectors) left to the plain kernels. This class and its twin
 * for the other precision are equal up to renaming their types, which {@code GemmSourcesTest}
 * checks; the kernels whose two precisions differ on purpose stay in {@link SimdKernels}.
 */
final class SimdKernelsF64 {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

  private final Kernels plain;

  /**
   * Creates the loops.
   *
   * @param plain the kernels that finish each loop's remaining elements
   */
  SimdKernelsF64(Kernels plain) {
    this.plain = plain;
  }

  void binary(BinaryOp op, double[] a, int ao, double[] b, int bo, double[] o, int oo, int n) {
    int bound = S.loopBound(n);
    int i = 0;
    switch (op) {
      case ADD -> {
        for (; i < bound; i += S.length()) {
          DoubleVector.fromArray(S, a, ao + i)
              .add(DoubleVector.fromArray(S, b, bo + i))
              .intoArray(o, oo + i);
        }
      }
      case SUB -> {
        for (; i < bound; i += S.length()) {
          DoubleVector.fromArray(S, a, ao + i)
              .sub(DoubleVector.fromArray(S, b, bo + i))
              .intoArray(o, oo + i);
        }
      }
      case MUL -> {
        for (; i < bound; i += S.length()) {
          DoubleVector.fromArray(S, a, ao + i)
              .mul(DoubleVector.fromArray(S, b, bo + i))
              .intoArray(o, oo + i);
        }
      }
      case DIV -> {
        for (; i < bound; i += S.length()) {
          DoubleVector.fromArray(S, a, ao + i)
              .div(DoubleVector.fromArray(S, b, bo + i))
              .intoArray(o, oo + i);
        }
      }
      case GT -> {
        DoubleVector zero = DoubleVector.zero(S);
        DoubleVector one = DoubleVector.broadcast(S, 1d);
        for (; i < bound; i += S.length()) {
          DoubleVector x = DoubleVector.fromArray(S, a, ao + i);
          zero.blend(one, x.compare(VectorOperators.GT, DoubleVector.fromArray(S, b, bo + i)))
              .intoArray(o, oo + i);
        }
      }
      case GE -> {
        DoubleVector zero = DoubleVector.zero(S);
        DoubleVector one = DoubleVector.broadcast(S, 1d);
        for (; i < bound; i += S.length()) {
          DoubleVector x = DoubleVector.fromArray(S, a, ao + i);
          zero.blend(one, x.compare(VectorOperators.GE, DoubleVector.fromArray(S, b, bo + i)))
              .intoArray(o, oo + i);
        }
      }
      case LT -> {
        DoubleVector zero = DoubleVector.zero(S);
        DoubleVector one = DoubleVector.broadcast(S, 1d);
        for (; i < bound; i += S.length()) {
          DoubleVector x = DoubleVector.fromArray(S, a, ao + i);
          zero.blend(one, x.compare(VectorOperators.LT, DoubleVector.fromArray(S, b, bo + i)))
              .intoArray(o, oo + i);
        }
      }
      case LE -> {
        DoubleVector zero = DoubleVector.zero(S);
        DoubleVector one = DoubleVector.broadcast(S, 1d);
        for (; i < bound; i += S.length()) {
          DoubleVector x = DoubleVector.fromArray(S, a, ao + i);
          zero.blend(one, x.compare(VectorOperators.LE, DoubleVector.fromArray(S, b, bo + i)))
              .intoArray(o, oo + i);
        }
      }
      case EQ -> {
        DoubleVector zero = DoubleVector.zero(S);
        DoubleVector one = DoubleVector.broadcast(S, 1d);
        for (; i < bound; i += S.length()) {
          DoubleVector x = DoubleVector.fromArray(S, a, ao + i);
          zero.blend(one, x.compare(VectorOperators.EQ, DoubleVector.fromArray(S, b, bo + i)))
              .intoArray(o, oo + i);
        }
      }
      default -> {
        // NE (true for NaN) and min/max: the plain loops below handle every element
      }
    }
    plain.binary(op, a, ao + i, b, bo + i, o, oo + i, n - i);
  }

  void binaryScalar(BinaryOp op, double[] a, int ao, double s, double[] o, int oo, int n) {
    DoubleVector y = DoubleVector.broadcast(S, s);
    int bound = S.loopBound(n);
    int i = 0;
    switch (op) {
      case ADD -> {
        for (; i < bound; i += S.length()) {
          DoubleVector.fromArray(S, a, ao + i).add(y).intoArray(o, oo + i);
        }
      }
      case SUB -> {
        for (; i < bound; i += S.length()) {
          DoubleVector.fromArray(S, a, ao + i).sub(y).intoArray(o, oo + i);
        }
      }
      case MUL -> {
        for (; i < bound; i += S.length()) {
          DoubleVector.fromArray(S, a, ao + i).mul(y).intoArray(o, oo + i);
        }
      }
      case DIV -> {
        for (; i < bound; i += S.length()) {
          DoubleVector.fromArray(S, a, ao + i).div(y).intoArray(o, oo + i);
        }
      }
      case GT -> {
        DoubleVector zero = DoubleVector.zero(S);
        DoubleVector one = DoubleVector.broadcast(S, 1d);
        for (; i < bound; i += S.length()) {
          DoubleVector x = DoubleVector.fromArray(S, a, ao + i);
          zero.blend(one, x.compare(VectorOperators.GT, y)).intoArray(o, oo + i);
        }
      }
      case GE -> {
        DoubleVector zero = DoubleVector.zero(S);
        DoubleVector one = DoubleVector.broadcast(S, 1d);
        for (; i < bound; i += S.length()) {
          DoubleVector x = DoubleVector.fromArray(S, a, ao + i);
          zero.blend(one, x.compare(VectorOperators.GE, y)).intoArray(o, oo + i);
        }
      }
      case LT -> {
        DoubleVector zero = DoubleVector.zero(S);
        DoubleVector one = DoubleVector.broadcast(S, 1d);
        for (; i < bound; i += S.length()) {
          DoubleVector x = DoubleVector.fromArray(S, a, ao + i);
          zero.blend(one, x.compare(VectorOperators.LT, y)).intoArray(o, oo + i);
        }
      }
      case LE -> {
        DoubleVector zero = DoubleVector.zero(S);
        DoubleVector one = DoubleVector.broadcast(S, 1d);
        for (; i < bound; i += S.length()) {
          DoubleVector x = DoubleVector.fromArray(S, a, ao + i);
          zero.blend(one, x.compare(VectorOperators.LE, y)).intoArray(o, oo + i);
        }
      }
      case EQ -> {
        DoubleVector zero = DoubleVector.zero(S);
        DoubleVector one = DoubleVector.broadcast(S, 1d);
        for (; i < bound; i += S.length()) {
          DoubleVector x = DoubleVector.fromArray(S, a, ao + i);
          zero.blend(one, x.compare(VectorOperators.EQ, y)).intoArray(o, oo + i);
        }
      }
      default -> {
        // NE (true for NaN) and min/max: the plain loops below handle every element
      }
    }
    plain.binaryScalar(op, a, ao + i, s, o, oo + i, n - i);
  }

  void relu(double[] a, int ao, double[] o, int oo, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += S.length()) {
      DoubleVector x = DoubleVector.fromArray(S, a, ao + i);
      x.blend(0d, x.compare(VectorOperators.LT, 0d)).intoArray(o, oo + i);
    }
    plain.relu(a, ao + i, o, oo + i, n - i);
  }

  void reluBackward(double[] g, int go, double[] r, int ro, double[] o, int oo, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += S.length()) {
      VectorMask<Double> masked =
          DoubleVector.fromArray(S, r, ro + i).compare(VectorOperators.LE, 0d);
      DoubleVector.fromArray(S, g, go + i).blend(0d, masked).intoArray(o, oo + i);
    }
    plain.reluBackward(g, go + i, r, ro + i, o, oo + i, n - i);
  }
}
