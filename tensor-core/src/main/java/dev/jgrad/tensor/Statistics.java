package dev.jgrad.tensor;

import static com.google.common.base.Preconditions.checkArgument;

import dev.jgrad.tensor.internal.stats.StatReducers;
import java.util.Arrays;

/** {@link Tensor}'s variance, standard deviation and vector norms, as PyTorch defines them. */
final class Statistics {
  private Statistics() {}

  /** Returns {@code var} (or {@code std} when {@code sqrt}); no dims means all of them. */
  static Tensor variance(Tensor t, int[] dims, int correction, boolean keepdim, boolean sqrt) {
    String op = sqrt ? "std" : "var";
    requireFloating(op, t);
    return ReductionOps.reduce(
        t, op, false, StatReducers.variance(correction, sqrt), orAll(t, dims), keepdim);
  }

  /** Returns the vector norm of order {@code p} over {@code dims}; no dims means all of them. */
  static Tensor norm(Tensor t, double p, int[] dims, boolean keepdim) {
    requireFloating("norm", t);
    checkArgument(!Double.isNaN(p), "norm: the order p must be a number, got NaN");
    return ReductionOps.reduce(
        t, "norm", Double.isInfinite(p), StatReducers.norm(p), orAll(t, dims), keepdim);
  }

  /** Returns the Frobenius norm (the vector 2-norm) for {@code "fro"}; refuses other names. */
  static Tensor norm(Tensor t, String p, int[] dims, boolean keepdim) {
    checkArgument(
        "fro".equals(p),
        "norm: unknown order '%s', expected 'fro' (or a number; 'nuc' is not supported)",
        p);
    return norm(t, 2, dims, keepdim);
  }

  private static void requireFloating(String op, Tensor t) {
    checkArgument(
        t.dtype().isFloatingPoint(),
        "%s: expected a FLOAT32 or FLOAT64 tensor, got %s",
        op,
        t.dtype());
  }

  private static int[] orAll(Tensor t, int[] dims) {
    if (dims.length > 0) {
      return dims;
    }
    int[] all = new int[t.dim()];
    Arrays.setAll(all, d -> d);
    return all;
  }
}
