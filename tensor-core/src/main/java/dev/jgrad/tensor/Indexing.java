package dev.jgrad.tensor;

import static com.google.common.base.Preconditions.checkArgument;

import dev.jgrad.tensor.internal.PrimitiveArrays;
import java.util.Arrays;

/** The index-driven operations behind {@link Tensor}'s indexSelect, gather and their adjoints. */
final class Indexing {
  private Indexing() {}

  static Tensor indexSelect(Tensor self, int dim, Tensor index) {
    int d = self.shape().normalizeDim(dim);
    int[] idx = indices("indexSelect", index, self.size(d), d);
    int[] sizes = self.shape().toArray();
    sizes[d] = idx.length;
    Tensor out = Tensor.empty(Shape.of("indexSelect", sizes), self.dtype());
    for (int k = 0; k < idx.length; k++) {
      out.select(d, k).copyFrom(self.select(d, idx[k]));
    }
    return out;
  }

  static Tensor indexAdd(Tensor self, int dim, Tensor index, Tensor source) {
    int d = self.shape().normalizeDim(dim);
    int[] idx = indices("indexAdd", index, self.size(d), d);
    Shape expected = self.shape().with(d, idx.length);
    checkArgument(
        source.shape().equals(expected),
        "indexAdd: source has shape %s, expected %s for %s indices into %s",
        source.shape(),
        expected,
        idx.length,
        self.shape());
    Tensor out = self.copy();
    for (int k = 0; k < idx.length; k++) {
      out.select(d, idx[k]).addInPlace(source.select(d, k));
    }
    return out;
  }

  static Tensor gather(Tensor self, int dim, Tensor index) {
    int d = self.shape().normalizeDim(dim);
    checkIndexShape("gather", self, d, index);
    Tensor out = Tensor.empty(index.shape(), self.dtype());
    int[] idx = index.toIntArray();
    Object src = self.data();
    Object dst = out.data();
    forEachPosition(
        index.shape(),
        (flat, pos) -> {
          int at = offsetWith("gather", self, pos, d, idx[flat]);
          PrimitiveArrays.set(dst, flat, PrimitiveArrays.get(src, at));
        });
    return out;
  }

  static Tensor scatterAdd(Tensor self, int dim, Tensor index, Tensor src) {
    return scatter("scatterAdd", self, dim, index, src, true);
  }

  static Tensor scatter(Tensor self, int dim, Tensor index, Tensor src) {
    return scatter("scatter", self, dim, index, src, false);
  }

  /**
   * Returns a copy of {@code self} with {@code src[pos]} written (or added, when {@code
   * accumulate}) at {@code pos} with its {@code dim} coordinate replaced by {@code index[pos]}, for
   * every position of the index in row-major order: a repeated target keeps the last write.
   */
  private static Tensor scatter(
      String op, Tensor self, int dim, Tensor index, Tensor src, boolean accumulate) {
    int d = self.shape().normalizeDim(dim);
    checkIndexShape(op, self, d, index);
    for (int k = 0; k < index.dim(); k++) {
      checkArgument(
          src.dim() == index.dim() && index.size(k) <= src.size(k),
          "%s: index of shape %s is larger than src of shape %s",
          op,
          index.shape(),
          src.shape());
    }
    Tensor out = self.copy();
    int[] idx = index.toIntArray();
    Object dst = out.data();
    Object from = src.data();
    int[] srcStrides = src.stridesView();
    forEachPosition(
        index.shape(),
        (flat, pos) -> {
          int at = offsetWith(op, out, pos, d, idx[flat]);
          int s = src.storageOffset();
          for (int k = 0; k < pos.length; k++) {
            s += pos[k] * srcStrides[k];
          }
          double v = PrimitiveArrays.get(from, s);
          PrimitiveArrays.set(dst, at, accumulate ? PrimitiveArrays.get(dst, at) + v : v);
        });
    return out;
  }

  static Tensor oneHot(Tensor labels, int numClasses, DType dtype) {
    checkArgument(
        labels.dtype() == DType.INT32, "oneHot: expected INT32 labels, got %s", labels.dtype());
    checkArgument(numClasses > 0, "oneHot: numClasses must be positive, got %s", numClasses);
    int[] values = labels.toIntArray();
    int[] sizes = Arrays.copyOf(labels.shape().toArray(), labels.dim() + 1);
    sizes[labels.dim()] = numClasses;
    Tensor out = Tensor.zeros(Shape.of("oneHot", sizes), dtype);
    Object data = out.data();
    for (int i = 0; i < values.length; i++) {
      checkArgument(
          values[i] >= 0 && values[i] < numClasses,
          "oneHot: label %s at flat index %s out of range [0, %s)",
          values[i],
          i,
          numClasses);
      PrimitiveArrays.set(data, i * numClasses + values[i], 1);
    }
    return out;
  }

  private static int[] indices(String op, Tensor index, int size, int dim) {
    checkArgument(
        index.dtype() == DType.INT32 && index.dim() <= 1,
        "%s: expected a 1-D INT32 index, got %s of shape %s",
        op,
        index.dtype(),
        index.shape());
    int[] idx = index.toIntArray();
    for (int i : idx) {
      checkArgument(
          i >= 0 && i < size, "%s: index %s out of range for dim %s of size %s", op, i, dim, size);
    }
    return idx;
  }

  private static void checkIndexShape(String op, Tensor self, int dim, Tensor index) {
    checkArgument(
        index.dtype() == DType.INT32, "%s: expected an INT32 index, got %s", op, index.dtype());
    checkArgument(
        index.dim() == self.dim(),
        "%s: index of shape %s must have the rank of the input %s",
        op,
        index.shape(),
        self.shape());
    for (int k = 0; k < index.dim(); k++) {
      checkArgument(
          k == dim || index.size(k) <= self.size(k),
          "%s: index of shape %s is larger than the input %s in dim %s",
          op,
          index.shape(),
          self.shape(),
          k);
    }
  }

  private static int offsetWith(String op, Tensor t, int[] pos, int dim, int value) {
    int size = t.size(dim);
    checkArgument(
        value >= 0 && value < size,
        "%s: index %s out of range for dim %s of size %s",
        op,
        value,
        dim,
        size);
    int[] strides = t.stridesView();
    int at = t.storageOffset();
    for (int k = 0; k < pos.length; k++) {
      at += (k == dim ? value : pos[k]) * strides[k];
    }
    return at;
  }

  private interface PositionVisitor {
    void visit(int flat, int[] position);
  }

  private static void forEachPosition(Shape shape, PositionVisitor visitor) {
    int[] pos = new int[shape.rank()];
    for (int flat = 0; flat < shape.numel(); flat++) {
      visitor.visit(flat, pos);
      for (int k = pos.length - 1; k >= 0; k--) {
        if (++pos[k] < shape.size(k)) {
          break;
        }
        pos[k] = 0;
      }
    }
  }
}
