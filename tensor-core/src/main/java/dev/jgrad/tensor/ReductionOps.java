package dev.jgrad.tensor;

import dev.jgrad.tensor.internal.Kernels;
import dev.jgrad.tensor.internal.Reductions;

/**
 * The one entry point of {@link Tensor}'s reductions: plans the reduction, allocates the result and
 * chooses the kernel.
 *
 * <p>A {@link ReductionKind#SUM} of a contiguous floating tensor over its leading dimensions (the
 * column sums of a bias gradient) runs the monomorphic {@link Kernels#sumRows} kernel, and over its
 * trailing dimensions a plain loop per output; both accumulate in double precision in row-major
 * order, as the general strided kernel of {@link Reductions} does for every other case.
 */
final class ReductionOps {
  private ReductionOps() {}

  /**
   * Returns {@code kind} reduced over {@code dims} of {@code t}, kept with size 1 when {@code
   * keepdim}.
   */
  static Tensor reduce(Tensor t, ReductionKind kind, int[] dims, boolean keepdim) {
    ReductionPlan plan = ReductionPlan.of(kind, t, dims, keepdim);
    Tensor out = Tensor.empty(plan.resultShape(), kind.resultType(t.dtype()));
    if (kind == ReductionKind.SUM && sumContiguous(t, plan, out)) {
      return out;
    }
    return run(kind.reducer(), t, plan, out);
  }

  /**
   * Returns the reduction {@code op} (named in errors) of {@code t} over {@code dims} by {@code
   * reducer}, in a floating dtype: the general strided kernel with a reducer that carries its own
   * parameters (a correction, an exponent).
   */
  static Tensor reduce(
      Tensor t,
      String op,
      boolean needsElements,
      Reductions.Reducer reducer,
      int[] dims,
      boolean keepdim) {
    ReductionPlan plan = ReductionPlan.of(op, needsElements, t, dims, keepdim);
    Tensor out = Tensor.empty(plan.resultShape(), t.dtype().toFloating());
    return run(reducer, t, plan, out);
  }

  private static Tensor run(Reductions.Reducer reducer, Tensor t, ReductionPlan plan, Tensor out) {
    Reductions.reduce(
        reducer,
        t.data(),
        t.storageOffset(),
        plan.keptSizes(),
        plan.keptStrides(),
        plan.reducedSizes(),
        plan.reducedStrides(),
        out.data());
    return out;
  }

  /**
   * Sums contiguous floating {@code in} into fresh {@code out} when the reduced dims lead (column
   * sums) or trail (row sums). Returns false, doing nothing, for any other layout or dtype.
   */
  private static boolean sumContiguous(Tensor in, ReductionPlan plan, Tensor out) {
    int n = in.numel();
    if (n == 0 || !in.dtype().isFloatingPoint() || !in.isContiguous()) {
      return false;
    }
    double[] acc;
    Object data = in.data();
    int off = in.storageOffset();
    if (plan.reducesLeadingDims()) {
      int rows = plan.reducedLength();
      int cols = n / rows;
      acc = new double[cols];
      if (data instanceof float[] f) {
        Kernels.get().sumRows(f, off, rows, cols, acc);
      } else {
        Kernels.get().sumRows((double[]) data, off, rows, cols, acc);
      }
    } else if (plan.reducesTrailingDims()) {
      int run = plan.reducedLength();
      acc = new double[n / run];
      for (int r = 0; r < acc.length; r++) {
        acc[r] = sumRun(data, off + r * run, run);
      }
    } else {
      return false;
    }
    if (out.data() instanceof float[] o) {
      for (int i = 0; i < acc.length; i++) {
        o[i] = (float) acc[i];
      }
    } else {
      System.arraycopy(acc, 0, (double[]) out.data(), 0, acc.length);
    }
    return true;
  }

  private static double sumRun(Object data, int from, int length) {
    double s = 0;
    if (data instanceof float[] f) {
      for (int i = from; i < from + length; i++) {
        s += f[i];
      }
    } else {
      double[] d = (double[]) data;
      for (int i = from; i < from + length; i++) {
        s += d[i];
      }
    }
    return s;
  }
}
