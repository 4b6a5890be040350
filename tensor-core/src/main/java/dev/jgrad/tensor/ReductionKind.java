package dev.jgrad.tensor;

import dev.jgrad.tensor.internal.Reductions;
import java.util.function.UnaryOperator;

/**
 * The reductions of {@link Tensor}: each with the name its errors carry, its reducer over the
 * gathered values (in double precision, in row-major order of the reduced dimensions), the dtype of
 * its result, and whether it needs at least one element. {@link ReductionOps#reduce} runs {@link
 * #SUM} with the monomorphic row and column sum kernels on contiguous floating data and every
 * reduction with the general strided kernel otherwise.
 */
enum ReductionKind {
  /** The sum; 0 over no elements. */
  SUM("sum", UnaryOperator.identity(), false, ReductionKind::sumOf),
  /** The mean; NaN over no elements; INT32 gives FLOAT32. */
  MEAN("mean", DType::toFloating, false, (v, n) -> sumOf(v, n) / n),
  /** The largest value; NaN if any value is NaN. */
  MAX("max", UnaryOperator.identity(), true, (v, n) -> v[argmaxOf(v, n)]),
  /** The index of the largest value, as INT32: the first on ties, the first NaN if any. */
  ARGMAX("argmax", dt -> DType.INT32, true, ReductionKind::argmaxOf),
  /** {@code log(Σ e^v)}, computed stably; {@code -inf} over no elements. */
  LOGSUMEXP("logsumexp", DType::toFloating, false, ReductionKind::logSumExpOf),
  /** The smallest value; NaN if any value is NaN. */
  MIN("min", UnaryOperator.identity(), true, (v, n) -> v[argminOf(v, n)]),
  /** The index of the smallest value, as INT32: the first on ties, the first NaN if any. */
  ARGMIN("argmin", dt -> DType.INT32, true, ReductionKind::argminOf),
  /** The product, in row-major order; 1 over no elements. */
  PROD("prod", UnaryOperator.identity(), false, ReductionKind::prodOf);

  private final String label;
  private final UnaryOperator<DType> resultType;
  private final boolean needsElements;
  private final Reductions.Reducer reducer;

  ReductionKind(
      String label,
      UnaryOperator<DType> resultType,
      boolean needsElements,
      Reductions.Reducer reducer) {
    this.label = label;
    this.resultType = resultType;
    this.needsElements = needsElements;
    this.reducer = reducer;
  }

  /** Returns the public operation's name, for error messages. */
  String label() {
    return label;
  }

  /** Returns the dtype of the result for an input of dtype {@code input}. */
  DType resultType(DType input) {
    return resultType.apply(input);
  }

  /** Returns whether reducing over a dimension of size 0 is an error. */
  boolean needsElements() {
    return needsElements;
  }

  /** Returns the reducer the general strided kernel applies to each output's values. */
  Reductions.Reducer reducer() {
    return reducer;
  }

  private static double sumOf(double[] v, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += v[i];
    }
    return s;
  }

  private static int argmaxOf(double[] v, int n) {
    int best = 0;
    for (int i = 1; i < n && v[best] == v[best]; i++) {
      if (v[i] > v[best] || v[i] != v[i]) {
        best = i;
      }
    }
    return best;
  }

  private static int argminOf(double[] v, int n) {
    int best = 0;
    for (int i = 1; i < n && v[best] == v[best]; i++) {
      if (v[i] < v[best] || v[i] != v[i]) {
        best = i;
      }
    }
    return best;
  }

  private static double prodOf(double[] v, int n) {
    double p = 1;
    for (int i = 0; i < n; i++) {
      p *= v[i];
    }
    return p;
  }

  private static double logSumExpOf(double[] v, int n) {
    if (n == 0) {
      return Double.NEGATIVE_INFINITY;
    }
    double m = v[argmaxOf(v, n)];
    if (Double.isInfinite(m) || m != m) {
      return m;
    }
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += Math.exp(v[i] - m);
    }
    return m + Math.log(s);
  }
}
