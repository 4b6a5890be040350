package dev.jgrad.tensor.internal.stats;

import dev.jgrad.tensor.internal.Reductions;

/**
 * The reducers of the variance and the vector norms, over values gathered in double precision in
 * row-major order (see {@link Reductions}), so results do not depend on layout or thread count.
 */
public final class StatReducers {
  private StatReducers() {}

  /**
   * Returns the reducer of the variance {@code Σ (v − mean)² / max(0, n − correction)}, computed in
   * two passes, as {@code torch.var}: a divisor of 0 gives inf, or NaN when the sum is 0 too.
   *
   * @param correction the difference between the sample size and the degrees of freedom
   * @param sqrt whether to return the square root (the standard deviation)
   * @return the reducer
   */
  public static Reductions.Reducer variance(int correction, boolean sqrt) {
    return (v, n) -> {
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += v[i];
      }
      double mean = sum / n;
      double m2 = 0;
      for (int i = 0; i < n; i++) {
        double d = v[i] - mean;
        m2 += d * d;
      }
      double var = m2 / Math.max(0, n - correction);
      return sqrt ? Math.sqrt(var) : var;
    };
  }

  /**
   * Returns the reducer of the vector norm of order {@code p}, as {@code torch.linalg.vector_norm}:
   * {@code max |v|} for +inf, {@code min |v|} for -inf (both NaN if a value is NaN), the count of
   * nonzero values for 0, {@code Σ |v|} for 1, {@code √(Σ v²)} for 2, and {@code (Σ |v|^p)^(1/p)}
   * otherwise; 0 over no values.
   *
   * @param p the order of the norm
   * @return the reducer
   */
  public static Reductions.Reducer norm(double p) {
    if (Double.isInfinite(p)) {
      return (v, n) -> extremeOfAbs(v, n, p > 0);
    }
    if (p == 0) {
      return (v, n) -> {
        double count = 0;
        for (int i = 0; i < n; i++) {
          count += v[i] != 0 ? 1 : 0;
        }
        return count;
      };
    }
    if (p == 1) {
      return (v, n) -> {
        double s = 0;
        for (int i = 0; i < n; i++) {
          s += Math.abs(v[i]);
        }
        return s;
      };
    }
    if (p == 2) {
      return (v, n) -> {
        double s = 0;
        for (int i = 0; i < n; i++) {
          s += v[i] * v[i];
        }
        return Math.sqrt(s);
      };
    }
    return (v, n) -> {
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += Math.pow(Math.abs(v[i]), p);
      }
      return Math.pow(s, 1 / p);
    };
  }

  private static double extremeOfAbs(double[] v, int n, boolean max) {
    double best = Math.abs(v[0]);
    for (int i = 1; i < n && best == best; i++) {
      double a = Math.abs(v[i]);
      if (a != a || (max ? a > best : a < best)) {
        best = a;
      }
    }
    return best;
  }
}
