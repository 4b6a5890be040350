package dev.jgrad.tensor.internal.activation;

/**
 * The activation functions over one double, each in the order of operations PyTorch's CPU kernels
 * use (so float64 results agree to the last bits), except where noted for accuracy.
 */
public final class Activations {
  /** 1/√2. */
  public static final double SQRT1_2 = 0.7071067811865476;

  /** √(2/π), the tanh approximation's scale. */
  public static final double SQRT_2_OVER_PI = 0.7978845608028654;

  /** The tanh approximation's cubic coefficient. */
  public static final double GELU_KAPPA = 0.044715;

  private Activations() {}

  /**
   * Returns {@code x · Φ(x)} with the standard normal CDF {@code Φ(x) = erfc(-x/√2) / 2}. PyTorch
   * writes Φ as {@code (1 + erf(x/√2)) / 2}, which loses every digit below x ≈ -5.9; erfc keeps
   * them.
   *
   * @param x any double
   * @return gelu(x)
   */
  public static double gelu(double x) {
    return x * 0.5 * ErrorFunction.erfc(-x * SQRT1_2);
  }

  /**
   * Returns {@code 0.5 · x · (1 + tanh(√(2/π) · (x + 0.044715 · x³)))}, gelu's tanh approximation.
   *
   * @param x any double
   * @return gelu(x, approximate='tanh')
   */
  public static double geluTanh(double x) {
    double cube = x * x * x;
    double inner = SQRT_2_OVER_PI * (x + GELU_KAPPA * cube);
    return 0.5 * x * (1 + Math.tanh(inner));
  }

  /**
   * Returns {@code x / (1 + e^-x)}.
   *
   * @param x any double
   * @return silu(x)
   */
  public static double silu(double x) {
    return x / (1 + Math.exp(-x));
  }

  /**
   * Returns {@code x} where {@code β·x > threshold}, else {@code log1p(e^{β·x}) / β}.
   *
   * @param x any double
   * @param beta the scale β
   * @param threshold where the function turns linear
   * @return softplus(x, beta, threshold)
   */
  public static double softplus(double x, double beta, double threshold) {
    double bx = x * beta;
    return bx > threshold ? x : Math.log1p(Math.exp(bx)) / beta;
  }

  /**
   * Returns {@code x} above 0, else {@code α · expm1(x)} (PyTorch 1.13 computes {@code e^x - 1},
   * which loses digits for |x| below about 1e-6).
   *
   * @param x any double
   * @param alpha the scale α of the negative side
   * @return elu(x, alpha)
   */
  public static double elu(double x, double alpha) {
    return x <= 0 ? Math.expm1(x) * alpha : x;
  }

  /**
   * Returns x clamped to {@code [min, max]}, NaN staying NaN.
   *
   * @param x any double
   * @param min the lower bound
   * @param max the upper bound
   * @return hardtanh(x, min, max)
   */
  public static double hardtanh(double x, double min, double max) {
    return x < min ? min : x > max ? max : x;
  }

  /**
   * Returns {@code x} above 0, else {@code slope · x}.
   *
   * @param x any double
   * @param slope the negative slope
   * @return leaky_relu(x, slope)
   */
  public static double leakyRelu(double x, double slope) {
    return x > 0 ? x : x * slope;
  }
}
