package dev.jgrad.tensor;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@link Tensor}'s {@code cat}, {@code stack}, {@code split} and {@code chunk}, with PyTorch's
 * rules: {@code cat} promotes dtypes and skips 1-D tensors of size 0 (PyTorch's legacy rule), and
 * the pieces of {@code split} and {@code chunk} are views.
 */
final class Joining {
  private Joining() {}

  static Tensor cat(List<Tensor> tensors, int dim) {
    checkArgument(!tensors.isEmpty(), "cat: expected a non-empty list of tensors");
    DType dt = tensors.get(0).dtype();
    Tensor first = null;
    int firstIndex = -1;
    for (int i = 0; i < tensors.size(); i++) {
      Tensor t = tensors.get(i);
      dt = DType.promote(dt, t.dtype());
      if (first == null && !isSkipped(t)) {
        first = t;
        firstIndex = i;
      }
    }
    if (first == null) {
      return Tensor.empty(Shape.of(0), dt);
    }
    int d = normalize("cat", dim, first.dim());
    int total = 0;
    for (int i = 0; i < tensors.size(); i++) {
      Tensor t = tensors.get(i);
      if (isSkipped(t)) {
        continue;
      }
      checkArgument(
          t.dim() == first.dim() && sameExcept(t.shape(), first.shape(), d),
          "cat: tensor %s has shape %s, expected %s with %s dims (the shape of tensor %s except in"
              + " dim %s)",
          i,
          t.shape(),
          pattern(first.shape(), d),
          first.dim(),
          firstIndex,
          dim);
      total += t.size(d);
    }
    Tensor out = Tensor.empty(first.shape().with(d, total), dt);
    int offset = 0;
    for (Tensor t : tensors) {
      if (!isSkipped(t)) {
        out.narrow(d, offset, t.size(d)).copyFrom(t);
        offset += t.size(d);
      }
    }
    return out;
  }

  /** Returns whether {@code cat} skips {@code t}: a 1-D tensor of size 0, as PyTorch does. */
  static boolean isSkipped(Tensor t) {
    return t.dim() == 1 && t.size(0) == 0;
  }

  static Tensor stack(List<Tensor> tensors, int dim) {
    checkArgument(!tensors.isEmpty(), "stack: expected a non-empty list of tensors");
    Shape shape = tensors.get(0).shape();
    int d = normalize("stack", dim, shape.rank() + 1);
    List<Tensor> unsqueezed = new ArrayList<>();
    for (int i = 0; i < tensors.size(); i++) {
      Tensor t = tensors.get(i);
      checkArgument(
          t.shape().equals(shape),
          "stack: tensor %s has shape %s, expected %s as tensor 0",
          i,
          t.shape(),
          shape);
      unsqueezed.add(t.unsqueeze(d));
    }
    return cat(unsqueezed, d);
  }

  static List<Tensor> split(Tensor t, int splitSize, int dim) {
    int d = t.shape().normalizeDim(dim);
    int size = t.size(d);
    checkArgument(splitSize >= 0, "split: splitSize must be non-negative, got %s", splitSize);
    checkArgument(
        splitSize > 0 || size == 0,
        "split: splitSize can be 0 only if dim %s has size 0, but it has size %s",
        dim,
        size);
    int pieces = splitSize == 0 ? 1 : Math.max(1, (size + splitSize - 1) / splitSize);
    int[] sizes = new int[pieces];
    for (int i = 0; i < pieces; i++) {
      sizes[i] = Math.min(splitSize, size - i * splitSize);
    }
    return pieces(t, sizes, d);
  }

  static List<Tensor> split(Tensor t, int[] sizes, int dim) {
    int d = t.shape().normalizeDim(dim);
    long sum = 0;
    for (int s : sizes) {
      checkArgument(s >= 0, "split: sizes must be non-negative, got %s", ArrayText.of(sizes));
      sum += s;
    }
    checkArgument(
        sum == t.size(d),
        "split: sizes %s must sum to %s, the size of dim %s in %s, but sum to %s",
        ArrayText.of(sizes),
        t.size(d),
        dim,
        t.shape(),
        sum);
    return pieces(t, sizes, d);
  }

  static List<Tensor> chunk(Tensor t, int chunks, int dim) {
    checkArgument(chunks > 0, "chunk: chunks must be positive, got %s", chunks);
    int d = t.shape().normalizeDim(dim);
    int size = t.size(d);
    if (size == 0) {
      int[] sizes = new int[chunks];
      return pieces(t, sizes, d);
    }
    return split(t, (size + chunks - 1) / chunks, d);
  }

  private static List<Tensor> pieces(Tensor t, int[] sizes, int d) {
    List<Tensor> out = new ArrayList<>(sizes.length);
    int start = 0;
    for (int s : sizes) {
      out.add(t.narrow(d, start, s));
      start += s;
    }
    return List.copyOf(out);
  }

  private static int normalize(String op, int dim, int rank) {
    checkArgument(
        dim >= -rank && dim < rank,
        "%s: dim %s out of range for a result of rank %s (expected to be in [%s, %s])",
        op,
        dim,
        rank,
        -rank,
        rank - 1);
    return dim < 0 ? dim + rank : dim;
  }

  private static boolean sameExcept(Shape a, Shape b, int dim) {
    for (int k = 0; k < a.rank(); k++) {
      if (k != dim && a.size(k) != b.size(k)) {
        return false;
      }
    }
    return true;
  }

  private static String pattern(Shape shape, int dim) {
    String[] parts = new String[shape.rank()];
    for (int k = 0; k < parts.length; k++) {
      parts[k] = k == dim ? "*" : Integer.toString(shape.size(k));
    }
    return Arrays.toString(parts);
  }
}
