package dev.jgrad.tensor.internal.simd;

import dev.jgrad.tensor.internal.BinaryOp;
import dev.jgrad.tensor.internal.Kernels;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Single-precision vector loops of {@link SimdKernels}: each method is the kernel of the same name
 * and signature in {@link Kernels}, vectorized over whole vectors, with the remaining elements (and
 * the operations that gain nothing from vectors) left to the plain kernels. This class and its twin
 * for the other precision are equal up to renaming their types, which {@code GemmSourcesTest}
 * checks; the kernels whose two precisions differ on purpose stay in {@link SimdKernels}.
 */
final class SimdKernelsF32 {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

  private final Kernels plain;

  /**
   * Creates the loops.
   *
   * @param plain the kernels that finish each loop's remaining elements
   */
  SimdKernelsF32(Kernels plain) {
    this.plain = plain;
  }

  void binary(BinaryOp op, float[] a, int ao, float[] b, int bo, float[] o, int oo, int n) {
    int bound = S.loopBound(n);
    int i = 0;
    switch (op) {
      case ADD -> {
        for (; i < bound; i += S.length()) {
          FloatVector.fromArray(S, a, ao + i)
              .add(FloatVector.fromArray(S, b, bo + i))
              .intoArray(o, oo + i);
        }
      }
      case SUB -> {
        for (; i < bound; i += S.length()) {
          FloatVector.fromArray(S, a, ao + i)
              .sub(FloatVector.fromArray(S, b, bo + i))
              .intoArray(o, oo + i);
        }
      }
      case MUL -> {
        for (; i < bound; i += S.length()) {
          FloatVector.fromArray(S, a, ao + i)
              .mul(FloatVector.fromArray(S, b, bo + i))
              .intoArray(o, oo + i);
        }
      }
      case DIV -> {
        for (; i < bound; i += S.length()) {
          FloatVector.fromArray(S, a, ao + i)
              .div(FloatVector.fromArray(S, b, bo + i))
              .intoArray(o, oo + i);
        }
      }
      case GT -> {
        FloatVector zero = FloatVector.zero(S);
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (; i < bound; i += S.length()) {
          FloatVector x = FloatVector.fromArray(S, a, ao + i);
          zero.blend(one, x.compare(VectorOperators.GT, FloatVector.fromArray(S, b, bo + i)))
              .intoArray(o, oo + i);
        }
      }
      case GE -> {
        FloatVector zero = FloatVector.zero(S);
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (; i < bound; i += S.length()) {
          FloatVector x = FloatVector.fromArray(S, a, ao + i);
          zero.blend(one, x.compare(VectorOperators.GE, FloatVector.fromArray(S, b, bo + i)))
              .intoArray(o, oo + i);
        }
      }
      case LT -> {
        FloatVector zero = FloatVector.zero(S);
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (; i < bound; i += S.length()) {
          FloatVector x = FloatVector.fromArray(S, a, ao + i);
          zero.blend(one, x.compare(VectorOperators.LT, FloatVector.fromArray(S, b, bo + i)))
              .intoArray(o, oo + i);
        }
      }
      case LE -> {
        FloatVector zero = FloatVector.zero(S);
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (; i < bound; i += S.length()) {
          FloatVector x = FloatVector.fromArray(S, a, ao + i);
          zero.blend(one, x.compare(VectorOperators.LE, FloatVector.fromArray(S, b, bo + i)))
              .intoArray(o, oo + i);
        }
      }
      case EQ -> {
        FloatVector zero = FloatVector.zero(S);
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (; i < bound; i += S.length()) {
          FloatVector x = FloatVector.fromArray(S, a, ao + i);
          zero.blend(one, x.compare(VectorOperators.EQ, FloatVector.fromArray(S, b, bo + i)))
              .intoArray(o, oo + i);
        }
      }
      default -> {
        // NE (true for NaN) and min/max: the plain loops below handle every element
      }
    }
    plain.binary(op, a, ao + i, b, bo + i, o, oo + i, n - i);
  }

  void binaryScalar(BinaryOp op, float[] a, int ao, float s, float[] o, int oo, int n) {
    FloatVector y = FloatVector.broadcast(S, s);
    int bound = S.loopBound(n);
    int i = 0;
    switch (op) {
      case ADD -> {
        for (; i < bound; i += S.length()) {
          FloatVector.fromArray(S, a, ao + i).add(y).intoArray(o, oo + i);
        }
      }
      case SUB -> {
        for (; i < bound; i += S.length()) {
          FloatVector.fromArray(S, a, ao + i).sub(y).intoArray(o, oo + i);
        }
      }
      case MUL -> {
        for (; i < bound; i += S.length()) {
          FloatVector.fromArray(S, a, ao + i).mul(y).intoArray(o, oo + i);
        }
      }
      case DIV -> {
        for (; i < bound; i += S.length()) {
          FloatVector.fromArray(S, a, ao + i).div(y).intoArray(o, oo + i);
        }
      }
      case GT -> {
        FloatVector zero = FloatVector.zero(S);
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (; i < bound; i += S.length()) {
          FloatVector x = FloatVector.fromArray(S, a, ao + i);
          zero.blend(one, x.compare(VectorOperators.GT, y)).intoArray(o, oo + i);
        }
      }
      case GE -> {
        FloatVector zero = FloatVector.zero(S);
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (; i < bound; i += S.length()) {
          FloatVector x = FloatVector.fromArray(S, a, ao + i);
          zero.blend(one, x.compare(VectorOperators.GE, y)).intoArray(o, oo + i);
        }
      }
      case LT -> {
        FloatVector zero = FloatVector.zero(S);
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (; i < bound; i += S.length()) {
          FloatVector x = FloatVector.fromArray(S, a, ao + i);
          zero.blend(one, x.compare(VectorOperators.LT, y)).intoArray(o, oo + i);
        }
      }
      case LE -> {
        FloatVector zero = FloatVector.zero(S);
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (; i < bound; i += S.length()) {
          FloatVector x = FloatVector.fromArray(S, a, ao + i);
          zero.blend(one, x.compare(VectorOperators.LE, y)).intoArray(o, oo + i);
        }
      }
      case EQ -> {
        FloatVector zero = FloatVector.zero(S);
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (; i < bound; i += S.length()) {
          FloatVector x = FloatVector.fromArray(S, a, ao + i);
          zero.blend(one, x.compare(VectorOperators.EQ, y)).intoArray(o, oo + i);
        }
      }
      default -> {
        // NE (true for NaN) and min/max: the plain loops below handle every element
      }
    }
    plain.binaryScalar(op, a, ao + i, s, o, oo + i, n - i);
  }

  void relu(float[] a, int ao, float[] o, int oo, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += S.length()) {
      FloatVector x = FloatVector.fromArray(S, a, ao + i);
      x.blend(0f, x.compare(VectorOperators.LT, 0f)).intoArray(o, oo + i);
    }
    plain.relu(a, ao + i, o, oo + i, n - i);
  }

  void reluBackward(float[] g, int go, float[] r, int ro, float[] o, int oo, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += S.length()) {
      VectorMask<Float> masked =
          FloatVector.fromArray(S, r, ro + i).compare(VectorOperators.LE, 0f);
      FloatVector.fromArray(S, g, go + i).blend(0f, masked).intoArray(o, oo + i);
    }
    plain.reluBackward(g, go + i, r, ro + i, o, oo + i, n - i);
  }
}
