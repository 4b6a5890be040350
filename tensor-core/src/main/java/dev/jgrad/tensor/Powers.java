package dev.jgrad.tensor;

import java.util.function.DoubleUnaryOperator;

/**
 * Powers as C99 and PyTorch define them where {@link Math#pow} differs: {@code pow(1, y)} is 1 for
 * every {@code y} (NaN included) and {@code pow(-1, ±inf)} is 1, where Java gives NaN; and a scalar
 * exponent of 0.5, -0.5, -1, 2, 3 or -2 is computed as PyTorch's CPU kernel computes it ({@code
 * sqrt}, {@code 1/sqrt}, {@code 1/x}, {@code x*x}, {@code x*x*x}, {@code 1/(x*x)}), so that {@code
 * pow(-inf, 0.5)} is NaN and {@code pow(-0.0, -0.5)} is -inf as in PyTorch.
 */
final class Powers {
  private Powers() {}

  /**
   * Returns {@code x^y} under C99's special cases.
   *
   * @param x the base
   * @param y the exponent
   * @return the power
   */
  static double pow(double x, double y) {
    if (x == 1 || (x == -1 && Double.isInfinite(y))) {
      return 1;
    }
    return Math.pow(x, y);
  }

  /**
   * Returns the function {@code x -> x^exponent} as PyTorch computes a tensor to a scalar power.
   *
   * @param exponent the exponent
   * @return the elementwise power
   */
  static DoubleUnaryOperator toThe(double exponent) {
    if (exponent == 0) {
      return x -> 1;
    } else if (exponent == 1) {
      return x -> x;
    } else if (exponent == 0.5) {
      return Math::sqrt;
    } else if (exponent == -0.5) {
      return x -> 1 / Math.sqrt(x);
    } else if (exponent == -1) {
      return x -> 1 / x;
    } else if (exponent == 2) {
      return x -> x * x;
    } else if (exponent == 3) {
      return x -> x * x * x;
    } else if (exponent == -2) {
      return x -> 1 / (x * x);
    }
    return x -> pow(x, exponent);
  }
}
