package dev.jgrad.tensor;

import static com.google.common.base.Preconditions.checkArgument;

import dev.jgrad.tensor.internal.StridedLoop;

/**
 * The stride arithmetic behind {@link Tensor}'s views: each method computes the shape, strides and
 * offset of a view over the same storage and copies no element (except {@link #reshape}, which
 * copies when no strides fit). Transposing permutes the strides, narrowing moves the offset, and
 * expanding sets a stride to 0, as in NumPy's stride model.
 */
final class Views {
  private Views() {}

  static Tensor transpose(Tensor t, int dim0, int dim1) {
    int a = t.shape().normalizeDim(dim0);
    int b = t.shape().normalizeDim(dim1);
    int[] order = new int[t.dim()];
    for (int d = 0; d < order.length; d++) {
      order[d] = d == a ? b : d == b ? a : d;
    }
    return permute(t, order);
  }

  static Tensor permute(Tensor t, int[] dims) {
    Shape shape = t.shape();
    int[] strides = t.stridesView();
    checkArgument(
        dims.length == t.dim(), "permute: %s dims given for shape %s", ArrayText.of(dims), shape);
    int[] sizes = new int[dims.length];
    int[] newStrides = new int[dims.length];
    boolean[] seen = new boolean[dims.length];
    for (int d = 0; d < dims.length; d++) {
      int src = shape.normalizeDim(dims[d]);
      checkArgument(!seen[src], "permute: dims %s repeat dim %s", ArrayText.of(dims), dims[d]);
      seen[src] = true;
      sizes[d] = shape.size(src);
      newStrides[d] = strides[src];
    }
    return t.viewOf(Shape.of(sizes), newStrides, t.storageOffset());
  }

  static Tensor view(Tensor t, int[] sizes) {
    Shape target = inferShape("view", t, sizes);
    int[] newStrides = viewStrides(t, target);
    checkArgument(
        newStrides != null,
        "view: shape %s is not compatible with the strides %s of a %s tensor; use reshape(...)",
        target,
        ArrayText.of(t.stridesView()),
        t.shape());
    return t.viewOf(target, newStrides, t.storageOffset());
  }

  static Tensor reshape(Tensor t, int[] sizes) {
    Shape target = inferShape("reshape", t, sizes);
    int[] newStrides = viewStrides(t, target);
    return newStrides != null
        ? t.viewOf(target, newStrides, t.storageOffset())
        : view(t.contiguous(), sizes);
  }

  private static Shape inferShape(String op, Tensor t, int[] sizes) {
    int numel = t.numel();
    int[] out = sizes.clone();
    int infer = -1;
    long known = 1;
    for (int d = 0; d < out.length; d++) {
      if (out[d] == -1) {
        checkArgument(infer < 0, "%s: only one size may be -1, got %s", op, ArrayText.of(sizes));
        infer = d;
      } else {
        checkArgument(out[d] >= 0, "%s: invalid size %s in %s", op, out[d], ArrayText.of(sizes));
        known *= out[d];
        checkArgument(
            known <= Integer.MAX_VALUE,
            "%s: shape %s has more than %s elements",
            op,
            ArrayText.of(sizes),
            Integer.MAX_VALUE);
      }
    }
    if (infer >= 0) {
      checkArgument(
          known != 0 && numel % known == 0,
          "%s: shape %s is invalid for input of size %s",
          op,
          ArrayText.of(sizes),
          numel);
      out[infer] = (int) (numel / known);
    }
    Shape target = Shape.of(op, out);
    checkArgument(
        target.numel() == numel,
        "%s: shape %s is invalid for input of shape %s (%s elements)",
        op,
        target,
        t.shape(),
        numel);
    return target;
  }

  /**
   * Returns strides that read {@code t}'s elements in row-major order under {@code target}, or null
   * when none exist (the rule of PyTorch's {@code computeStride}: each run of dimensions that is
   * contiguous in memory may be split or merged freely).
   */
  private static int[] viewStrides(Tensor t, Shape target) {
    Shape shape = t.shape();
    int[] strides = t.stridesView();
    int[] result = new int[target.rank()];
    if (t.numel() == 0) {
      return StridedLoop.contiguousStrides(target.toArray());
    }
    int viewD = target.rank() - 1;
    long chunkBase = strides.length == 0 ? 1 : strides[strides.length - 1];
    long tensorNumel = 1;
    long viewNumel = 1;
    for (int d = strides.length - 1; d >= 0; d--) {
      tensorNumel *= shape.size(d);
      if (d == 0 || (shape.size(d - 1) != 1 && strides[d - 1] != tensorNumel * chunkBase)) {
        while (viewD >= 0 && (viewNumel < tensorNumel || target.size(viewD) == 1)) {
          result[viewD] = (int) (viewNumel * chunkBase);
          viewNumel *= target.size(viewD);
          viewD--;
        }
        if (viewNumel != tensorNumel) {
          return null;
        }
        if (d > 0) {
          chunkBase = strides[d - 1];
          tensorNumel = 1;
          viewNumel = 1;
        }
      }
    }
    while (viewD >= 0) {
      result[viewD--] = 1;
    }
    return result;
  }

  static Tensor narrow(Tensor t, int dim, int start, int length) {
    Shape shape = t.shape();
    int d = shape.normalizeDim(dim);
    checkArgument(
        start >= 0 && length >= 0 && (long) start + length <= shape.size(d),
        "narrow: start %s and length %s out of range for dim %s of size %s in %s",
        start,
        length,
        dim,
        shape.size(d),
        shape);
    int[] strides = t.stridesView();
    return t.viewOf(shape.with(d, length), strides, t.storageOffset() + start * strides[d]);
  }

  static Tensor slice(Tensor t, int dim, int start, int end, int step) {
    Shape shape = t.shape();
    int d = shape.normalizeDim(dim);
    checkArgument(step > 0, "slice: step must be positive, got %s", step);
    int size = shape.size(d);
    int from = clampIndex(start, size);
    int to = Math.max(from, clampIndex(end, size));
    int length = (int) (((long) to - from + step - 1) / step);
    int[] strides = t.stridesView();
    int[] newStrides = strides.clone();
    long stride = (long) strides[d] * step;
    // a stride that does not fit can only belong to a dimension of at most one element, where any
    // stride addresses the same element
    newStrides[d] = stride <= Integer.MAX_VALUE ? (int) stride : strides[d];
    int offset = t.storageOffset() + (length == 0 ? 0 : from * strides[d]);
    return t.viewOf(shape.with(d, length), newStrides, offset);
  }

  private static int clampIndex(int index, int size) {
    int i = index < 0 ? index + size : index;
    return Math.min(Math.max(i, 0), size);
  }

  static Tensor select(Tensor t, int dim, int index) {
    Shape shape = t.shape();
    int[] strides = t.stridesView();
    int d = shape.normalizeDim(dim);
    int size = shape.size(d);
    checkArgument(
        index >= -size && index < size,
        "select: index %s out of range for dim %s of size %s in %s",
        index,
        dim,
        size,
        shape);
    int i = index < 0 ? index + size : index;
    int[] sizes = new int[t.dim() - 1];
    int[] newStrides = new int[t.dim() - 1];
    for (int k = 0, j = 0; k < t.dim(); k++) {
      if (k != d) {
        sizes[j] = shape.size(k);
        newStrides[j++] = strides[k];
      }
    }
    return t.viewOf(Shape.of(sizes), newStrides, t.storageOffset() + i * strides[d]);
  }

  static Tensor expand(Tensor t, int[] sizes) {
    Shape shape = t.shape();
    int[] strides = t.stridesView();
    int rank = t.dim();
    checkArgument(
        sizes.length >= rank,
        "expand: cannot expand %s to %s: fewer dimensions",
        shape,
        ArrayText.of(sizes));
    int lead = sizes.length - rank;
    int[] out = new int[sizes.length];
    int[] newStrides = new int[sizes.length];
    for (int d = 0; d < sizes.length; d++) {
      int own = d < lead ? 1 : shape.size(d - lead);
      int want = sizes[d] == -1 && d >= lead ? own : sizes[d];
      checkArgument(
          want >= 0 && (own == want || own == 1),
          "expand: cannot expand %s to %s (dim %s: %s vs %s)",
          shape,
          ArrayText.of(sizes),
          d,
          own,
          sizes[d]);
      out[d] = want;
      newStrides[d] = d < lead || own != want ? 0 : strides[d - lead];
    }
    return t.viewOf(Shape.of("expand", out), newStrides, t.storageOffset());
  }

  /** Returns {@code t} itself when it already has shape {@code target}, otherwise the view. */
  static Tensor expand(Tensor t, Shape target) {
    return target.equals(t.shape()) ? t : expand(t, target.toArray());
  }

  static Tensor unsqueeze(Tensor t, int dim) {
    Shape shape = t.shape();
    int[] strides = t.stridesView();
    int rank = t.dim();
    int d = dim < 0 ? dim + rank + 1 : dim;
    checkArgument(
        d >= 0 && d <= rank,
        "unsqueeze: dim %s out of range for shape %s (expected to be in [%s, %s])",
        dim,
        shape,
        -rank - 1,
        rank);
    int[] sizes = new int[rank + 1];
    int[] newStrides = new int[rank + 1];
    for (int k = 0, j = 0; k <= rank; k++) {
      if (k == d) {
        sizes[k] = 1;
        newStrides[k] = d < rank ? strides[d] * shape.size(d) : 1;
      } else {
        sizes[k] = shape.size(j);
        newStrides[k] = strides[j++];
      }
    }
    return t.viewOf(Shape.of(sizes), newStrides, t.storageOffset());
  }

  static Tensor squeeze(Tensor t) {
    Shape shape = t.shape();
    int[] strides = t.stridesView();
    int kept = 0;
    for (int d = 0; d < t.dim(); d++) {
      kept += shape.size(d) == 1 ? 0 : 1;
    }
    int[] sizes = new int[kept];
    int[] newStrides = new int[kept];
    for (int d = 0, j = 0; d < t.dim(); d++) {
      if (shape.size(d) != 1) {
        sizes[j] = shape.size(d);
        newStrides[j++] = strides[d];
      }
    }
    return t.viewOf(Shape.of(sizes), newStrides, t.storageOffset());
  }

  static Tensor flatten(Tensor t, int startDim, int endDim) {
    if (t.dim() == 0) {
      return reshape(t, new int[] {1});
    }
    Shape shape = t.shape();
    int s = shape.normalizeDim(startDim);
    int e = shape.normalizeDim(endDim);
    checkArgument(s <= e, "flatten: startDim %s comes after endDim %s", startDim, endDim);
    int[] sizes = new int[t.dim() - (e - s)];
    int j = 0;
    for (int d = 0; d < t.dim(); d++) {
      if (d <= s || d > e) {
        sizes[j++] = d == s ? -1 : shape.size(d);
      }
    }
    return reshape(t, sizes);
  }
}
