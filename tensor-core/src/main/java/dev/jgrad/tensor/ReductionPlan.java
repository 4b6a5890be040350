package dev.jgrad.tensor;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Which dimensions of an input a reduction removes, and the shape of its result: the dims
 * normalized and checked once, before any kernel runs.
 *
 * <p>The general strided kernel reads the input as kept dimensions (one output element per kept
 * index, in row-major order) and reduced dimensions; the contiguous sum kernels need to know
 * whether the reduced dimensions are the leading ones (column sums) or the trailing ones (row
 * sums).
 */
final class ReductionPlan {
  private final Shape input;
  private final int[] strides;
  private final boolean[] reduced;
  private final int count;
  private final Shape result;

  private ReductionPlan(Shape input, int[] strides, boolean[] reduced, int count, Shape result) {
    this.input = input;
    this.strides = strides;
    this.reduced = reduced;
    this.count = count;
    this.result = result;
  }

  /**
   * Plans reducing {@code t} over {@code dims} (negative values count from the end), keeping them
   * with size 1 when {@code keepdim}.
   *
   * @throws IllegalArgumentException naming {@code kind} if a dim is out of range or repeated, or
   *     if the kind needs elements and a reduced dim has size 0
   */
  static ReductionPlan of(ReductionKind kind, Tensor t, int[] dims, boolean keepdim) {
    return of(kind.label(), kind.needsElements(), t, dims, keepdim);
  }

  /**
   * Plans the reduction named {@code op}, which needs at least one element per result when {@code
   * needsElements}, as {@link #of(ReductionKind, Tensor, int[], boolean)} does.
   */
  static ReductionPlan of(String op, boolean needsElements, Tensor t, int[] dims, boolean keepdim) {
    Shape shape = t.shape();
    if (needsElements && shape.rank() > 0) {
      for (int d : dims) {
        checkArgument(
            shape.size(d) > 0, "%s: cannot reduce over dim %s of size 0 in %s", op, d, shape);
      }
    }
    int rank = shape.rank();
    boolean[] reduced = new boolean[rank];
    int count = 0;
    for (int dim : dims) {
      if (rank == 0) {
        checkArgument(
            dim == 0 || dim == -1,
            "%s: dim %s out of range for a rank-0 tensor (expected to be in [-1, 0])",
            op,
            dim);
        continue;
      }
      int d = shape.normalizeDim(dim);
      checkArgument(!reduced[d], "%s: dim %s repeated in %s", op, dim, ArrayText.of(dims));
      reduced[d] = true;
      count++;
    }
    int[] outSizes = new int[keepdim ? rank : rank - count];
    for (int d = 0, o = 0; d < rank; d++) {
      if (!reduced[d]) {
        outSizes[o++] = shape.size(d);
      } else if (keepdim) {
        outSizes[o++] = 1;
      }
    }
    return new ReductionPlan(shape, t.stridesView(), reduced, count, Shape.of(outSizes));
  }

  /** Returns the shape of the result. */
  Shape resultShape() {
    return result;
  }

  /** Returns whether the reduced dimensions are exactly the first ones (possibly none). */
  boolean reducesLeadingDims() {
    int prefix = 0;
    while (prefix < reduced.length && reduced[prefix]) {
      prefix++;
    }
    return prefix == count;
  }

  /** Returns whether the reduced dimensions are exactly the last ones (possibly none). */
  boolean reducesTrailingDims() {
    int suffix = 0;
    while (suffix < reduced.length && reduced[reduced.length - 1 - suffix]) {
      suffix++;
    }
    return suffix == count;
  }

  /** Returns how many input elements each result element reduces. */
  int reducedLength() {
    int n = 1;
    for (int d = 0; d < reduced.length; d++) {
      n *= reduced[d] ? input.size(d) : 1;
    }
    return n;
  }

  /** Returns the sizes of the kept dimensions, in input order. */
  int[] keptSizes() {
    return select(false, true);
  }

  /** Returns the input's strides along the kept dimensions. */
  int[] keptStrides() {
    return select(false, false);
  }

  /** Returns the sizes of the reduced dimensions, in input order. */
  int[] reducedSizes() {
    return select(true, true);
  }

  /** Returns the input's strides along the reduced dimensions. */
  int[] reducedStrides() {
    return select(true, false);
  }

  private int[] select(boolean ofReduced, boolean sizes) {
    int[] out = new int[ofReduced ? count : reduced.length - count];
    for (int d = 0, j = 0; d < reduced.length; d++) {
      if (reduced[d] == ofReduced) {
        out[j++] = sizes ? input.size(d) : strides[d];
      }
    }
    return out;
  }
}
