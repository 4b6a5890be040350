package dev.jgrad.tensor.internal.activation;

/**
 * The error function and its complement in double precision, accurate to a few ulps everywhere and
 * never subtracting nearly equal numbers where the result is small:
 *
 * <ul>
 *   <li>below 0.5 in magnitude, {@code erf} from its series of terms of one sign (A&amp;S 7.1.6);
 *   <li>from 0.5 to 6, {@code erfc} from its Taylor series around the nearest of a table of nodes
 *       spaced 1/8 apart (the derivatives are Hermite polynomials times e^{-x²}), the node values
 *       computed once from the continued fraction;
 *   <li>from 6 up, {@code erfc} from its continued fraction, which converges fast there.
 * </ul>
 */
public final class ErrorFunction {
  private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;
  private static final double ONE_OVER_SQRT_PI = 0.5641895835477563;
  private static final double SMALL = 0.5;
  private static final double LARGE = 6;

  /**
   * Where erfc underflows: erfc(27.3) is below half of {@link Double#MIN_VALUE}, so from here on it
   * rounds to 0 (and the continued fraction, whose x² overflows near {@code Double.MAX_VALUE}, is
   * not needed).
   */
  private static final double UNDERFLOW = 27.3;

  private static final int NODES_PER_UNIT = 8;
  private static final int MAX_TERMS = 100_000;
  private static final double[] NODE_ERFC;
  private static final double[] NODE_SLOPE;

  static {
    int n = (int) ((LARGE - SMALL) * NODES_PER_UNIT) + 1;
    NODE_ERFC = new double[n];
    NODE_SLOPE = new double[n];
    for (int i = 0; i < n; i++) {
      double x0 = SMALL + (double) i / NODES_PER_UNIT;
      NODE_ERFC[i] = continuedFraction(x0);
      NODE_SLOPE[i] = TWO_OVER_SQRT_PI * expMinusSquare(x0);
    }
  }

  private ErrorFunction() {}

  /**
   * Returns {@code erf(x) = 2/√π ∫₀ˣ e^{-t²} dt}: ±1 at ±inf, NaN at NaN, odd (so {@code -0.0}
   * gives {@code -0.0}).
   *
   * @param x any double
   * @return erf(x), in [-1, 1]
   */
  public static double erf(double x) {
    double a = Math.abs(x);
    if (a < SMALL) {
      return series(x);
    }
    return x != x ? x : Math.copySign(1 - erfcPositive(a), x);
  }

  /**
   * Returns {@code erfc(x) = 1 - erf(x)}, computed without cancellation for large x: 2 at -inf, 0
   * at +inf, NaN at NaN.
   *
   * @param x any double
   * @return erfc(x), in [0, 2]
   */
  public static double erfc(double x) {
    if (x != x) {
      return x;
    }
    if (Math.abs(x) < SMALL) {
      return 1 - series(x);
    }
    return x > 0 ? erfcPositive(x) : 2 - erfcPositive(-x);
  }

  /** erfc(x) for x of at least {@link #SMALL}, +inf included. */
  private static double erfcPositive(double x) {
    if (x >= UNDERFLOW) {
      return 0;
    }
    if (x >= LARGE) {
      return continuedFraction(x);
    }
    int i = (int) Math.rint((x - SMALL) * NODES_PER_UNIT);
    double x0 = SMALL + (double) i / NODES_PER_UNIT;
    double h = x - x0;
    double t = -h;
    double hermitePrev = 1;
    double hermite = 2 * x0;
    double power = 1;
    double sum = 1;
    for (int m = 1; m < 60; m++) {
      power *= t / (m + 1);
      double term = hermite * power;
      double next = sum + term;
      if (next == sum && Math.abs(power) < 0x1p-60) {
        break;
      }
      sum = next;
      double h2 = 2 * x0 * hermite - 2 * m * hermitePrev;
      hermitePrev = hermite;
      hermite = h2;
    }
    return NODE_ERFC[i] - NODE_SLOPE[i] * h * sum;
  }

  /** erf(x) = 2/√π · e^{-x²} · Σ_{n≥0} (2x²)ⁿ x / (1·3·…·(2n+1)), a sum of terms of x's sign. */
  private static double series(double x) {
    double x2 = x * x;
    double term = x;
    double sum = x;
    for (int n = 1; n < MAX_TERMS; n++) {
      term *= 2 * x2 / (2 * n + 1);
      double next = sum + term;
      if (next == sum) {
        break;
      }
      sum = next;
    }
    return TWO_OVER_SQRT_PI * expMinusSquare(x) * sum;
  }

  /**
   * erfc(x) for positive finite x: e^{-x²}/√π over the continued fraction x + (1/2)/(x + 1/(x +
   * (3/2)/(x + …))), evaluated by the modified Lentz method; fast from 6 up, slow but exact near
   * 0.5 (where it only fills the node table once).
   */
  private static double continuedFraction(double x) {
    double tiny = 1e-300;
    double f = x;
    double c = x;
    double d = 0;
    for (int k = 1; k < MAX_TERMS; k++) {
      double a = k / 2.0;
      d = x + a * d;
      d = d == 0 ? tiny : d;
      c = x + a / c;
      c = c == 0 ? tiny : c;
      d = 1 / d;
      double delta = c * d;
      f *= delta;
      if (Math.abs(delta - 1) <= 0x1p-54) {
        break;
      }
    }
    return ONE_OVER_SQRT_PI * expMinusSquare(x) / f;
  }

  /** Returns e^{-x²} with x² split exactly into a rounded square and its error. */
  private static double expMinusSquare(double x) {
    double hi = x * x;
    double lo = Math.fma(x, x, -hi);
    return Math.exp(-hi) * (1 - lo);
  }
}
