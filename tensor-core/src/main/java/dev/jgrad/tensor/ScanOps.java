package dev.jgrad.tensor;

import static com.google.common.base.Preconditions.checkArgument;

import dev.jgrad.tensor.internal.StridedLoop;
import dev.jgrad.tensor.internal.scan.Scans;

/**
 * The entry point of {@link Tensor}'s running sums and products: a contiguous floating tensor
 * scanned along any dimension but the last runs row by row (memory read in order), every other case
 * one line at a time; both accumulate each line in index order, so they agree bit for bit.
 */
final class ScanOps {
  private ScanOps() {}

  /** Returns the running sums (or products) of {@code t} along {@code dim}, a rank-0 as a dim. */
  static Tensor scan(Tensor t, int dim, boolean product) {
    String op = product ? "cumprod" : "cumsum";
    int rank = t.dim();
    int span = Math.max(rank, 1);
    checkArgument(
        dim >= -span && dim < span,
        "%s: dim %s out of range for shape %s (expected to be in [%s, %s])",
        op,
        dim,
        t.shape(),
        -span,
        span - 1);
    int d = dim < 0 ? dim + span : dim;
    Tensor out = Tensor.empty(t.shape(), t.dtype());
    if (rank == 0 || t.numel() == 0) {
      return rank == 0 ? out.copyFrom(t) : out;
    }
    int inner = t.numel() / t.shape().prefix(d + 1).numel();
    if (inner > 1 && t.isContiguous() && t.dtype().isFloatingPoint()) {
      int outer = t.shape().prefix(d).numel();
      Scans.scanContiguous(
          product, t.data(), t.storageOffset(), outer, t.size(d), inner, out.data());
      return out;
    }
    int[] inStrides = t.stridesView();
    int[] outStrides = StridedLoop.contiguousStrides(t.shape().toArray());
    int[] outerShape = new int[rank - 1];
    int[] outerIn = new int[rank - 1];
    int[] outerOut = new int[rank - 1];
    for (int k = 0, j = 0; k < rank; k++) {
      if (k != d) {
        outerShape[j] = t.size(k);
        outerIn[j] = inStrides[k];
        outerOut[j++] = outStrides[k];
      }
    }
    Scans.scan(
        product,
        t.data(),
        t.storageOffset(),
        outerShape,
        outerIn,
        outerOut,
        t.size(d),
        inStrides[d],
        outStrides[d],
        out.data());
    return out;
  }
}
