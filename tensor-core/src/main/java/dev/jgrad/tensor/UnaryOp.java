package dev.jgrad.tensor;

import java.util.function.DoubleUnaryOperator;

/**
 * The elementwise unary operations of {@link Tensor}, each with its definition over doubles and
 * whether it needs real numbers (an INT32 operand is then converted to FLOAT32 first). {@link
 * PointwiseOps#unary} runs {@link #RELU} with its monomorphic kernel on contiguous floating data
 * and every operation with the general strided kernel otherwise.
 */
enum UnaryOp {
  /** {@code -x}. */
  NEG(false, x -> -x),
  /** {@code |x|}. */
  ABS(false, Math::abs),
  /** -1, 0 or 1 (NaN stays NaN). */
  SIGN(false, x -> x > 0 ? 1 : x < 0 ? -1 : 0),
  /** {@code e^x}. */
  EXP(true, Math::exp),
  /** The natural logarithm. */
  LOG(true, Math::log),
  /** The square root. */
  SQRT(true, Math::sqrt),
  /** {@code max(x, 0)}; NaN stays NaN. */
  RELU(false, x -> x < 0 ? 0 : x),
  /** The logistic sigmoid {@code 1 / (1 + e^-x)}, computed without overflow. */
  SIGMOID(true, UnaryOp::sigmoid),
  /** The hyperbolic tangent. */
  TANH(true, Math::tanh);

  private final boolean needsFloating;
  private final DoubleUnaryOperator fn;

  UnaryOp(boolean needsFloating, DoubleUnaryOperator fn) {
    this.needsFloating = needsFloating;
    this.fn = fn;
  }

  /** Returns whether an INT32 operand is converted to FLOAT32 before the operation. */
  boolean needsFloating() {
    return needsFloating;
  }

  /** Returns the operation over doubles. */
  DoubleUnaryOperator fn() {
    return fn;
  }

  private static double sigmoid(double x) {
    if (x >= 0) {
      return 1 / (1 + Math.exp(-x));
    }
    double e = Math.exp(x);
    return e / (1 + e);
  }
}
