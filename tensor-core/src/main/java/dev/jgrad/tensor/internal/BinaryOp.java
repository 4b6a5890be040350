package dev.jgrad.tensor.internal;

import java.util.function.DoubleBinaryOperator;

/**
 * The elementwise binary operations that have monomorphic kernels in {@link Kernels}, with their
 * definition over doubles for the general strided path.
 *
 * <p>For {@code ADD, SUB, MUL, DIV} a float kernel computing in float gives exactly the float
 * rounding of the double result, since a double holds more than twice a float's precision; the
 * other operations are exact in either type.
 */
public enum BinaryOp {
  /** {@code a + b}. */
  ADD((a, b) -> a + b),
  /** {@code a - b}. */
  SUB((a, b) -> a - b),
  /** {@code a * b}. */
  MUL((a, b) -> a * b),
  /** {@code a / b}. */
  DIV((a, b) -> a / b),
  /**
   * The maximum as PyTorch's {@code maximum}: NaN wins, and of two equal values (such as 0.0 and
   * -0.0) the second.
   */
  MAX((a, b) -> a != a || a > b ? a : b),
  /**
   * The minimum as PyTorch's {@code minimum}: NaN wins, and of two equal values (such as 0.0 and
   * -0.0) the second.
   */
  MIN((a, b) -> a != a || a < b ? a : b),
  /** 1 where {@code a == b}, else 0. */
  EQ((a, b) -> a == b ? 1 : 0),
  /** 1 where {@code a != b}, else 0. */
  NE((a, b) -> a != b ? 1 : 0),
  /** 1 where {@code a < b}, else 0. */
  LT((a, b) -> a < b ? 1 : 0),
  /** 1 where {@code a <= b}, else 0. */
  LE((a, b) -> a <= b ? 1 : 0),
  /** 1 where {@code a > b}, else 0. */
  GT((a, b) -> a > b ? 1 : 0),
  /** 1 where {@code a >= b}, else 0. */
  GE((a, b) -> a >= b ? 1 : 0);

  private final DoubleBinaryOperator fn;

  BinaryOp(DoubleBinaryOperator fn) {
    this.fn = fn;
  }

  /** Returns the operation over doubles. */
  public DoubleBinaryOperator fn() {
    return fn;
  }

  /** Returns whether {@code op(a, b) == op(b, a)} for all operands. */
  public boolean commutative() {
    return this == ADD || this == MUL || this == EQ || this == NE;
  }
}
