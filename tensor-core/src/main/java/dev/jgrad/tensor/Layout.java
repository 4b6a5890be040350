package dev.jgrad.tensor;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Predicates and address arithmetic over a layout (sizes, strides in elements, offset): the
 * contiguity tests that decide which kernel runs, and the address of an element.
 *
 * <p>Element {@code (i0, i1, …)} of a layout lives at {@code offset + Σ ik·stride[k]}. Strides of
 * size-1 dimensions never matter, since their only index is 0.
 */
final class Layout {
  private Layout() {}

  /**
   * Returns whether the elements lie in row-major order without gaps, so they can be read as one
   * flat run.
   */
  static boolean isContiguous(Shape shape, int[] strides) {
    int expected = 1;
    for (int d = strides.length - 1; d >= 0; d--) {
      if (shape.size(d) != 1) {
        if (strides[d] != expected) {
          return false;
        }
        expected *= shape.size(d);
      }
    }
    return true;
  }

  /**
   * Returns the length of the contiguous run that a layout repeats, or -1: its trailing dimensions
   * must be contiguous (stride 1 for the last, and so on) and every leading dimension of size above
   * 1 must have stride 0. A contiguous layout gives its element count, a broadcast scalar 1, and a
   * row broadcast over leading dimensions (a bias) the row's length.
   */
  static int repeatedRun(Shape shape, int[] strides) {
    int expected = 1;
    int d = strides.length - 1;
    for (; d >= 0; d--) {
      int size = shape.size(d);
      if (size == 1) {
        continue;
      }
      if (strides[d] != expected) {
        break;
      }
      expected *= size;
    }
    for (; d >= 0; d--) {
      if (shape.size(d) != 1 && strides[d] != 0) {
        return -1;
      }
    }
    return expected;
  }

  /** Returns the first dimension of size above 1 with stride 0, or -1 when there is none. */
  static int firstExpandedDim(Shape shape, int[] strides) {
    for (int d = 0; d < strides.length; d++) {
      if (strides[d] == 0 && shape.size(d) > 1) {
        return d;
      }
    }
    return -1;
  }

  /**
   * Checks that a view's elements all lie inside a storage of {@code length} elements.
   *
   * @throws IllegalArgumentException if a stride is negative or an element lies outside
   */
  static void checkInside(Shape shape, int[] strides, int offset, int length) {
    checkArgument(strides.length == shape.rank(), "%s strides for shape %s", strides.length, shape);
    if (shape.numel() == 0) {
      return;
    }
    long last = offset;
    for (int d = 0; d < strides.length; d++) {
      checkArgument(strides[d] >= 0, "negative stride %s in dim %s", strides[d], d);
      last += (long) strides[d] * (shape.size(d) - 1);
    }
    checkArgument(
        offset >= 0 && last < length,
        "view of shape %s, strides %s, offset %s reaches past a storage of %s elements",
        shape,
        ArrayText.of(strides),
        offset,
        length);
  }

  /**
   * Returns the storage position of the element at {@code index}, one entry per dimension (negative
   * entries count from the end).
   *
   * @throws IllegalArgumentException naming {@code op} if the index has the wrong length or is out
   *     of range
   */
  static int offsetOf(String op, Shape shape, int[] strides, int offset, int[] index) {
    checkArgument(
        index.length == shape.rank(),
        "%s: index %s has %s entries for shape %s",
        op,
        ArrayText.of(index),
        index.length,
        shape);
    int at = offset;
    for (int d = 0; d < index.length; d++) {
      int size = shape.size(d);
      checkArgument(
          index[d] >= -size && index[d] < size,
          "%s: index %s out of range for dim %s of size %s in %s",
          op,
          index[d],
          d,
          size,
          shape);
      at += (index[d] < 0 ? index[d] + size : index[d]) * strides[d];
    }
    return at;
  }

  /** Returns the storage position of the element at row-major position {@code flat}. */
  static int offsetOfFlat(int[] sizes, int[] strides, int offset, long flat) {
    long rest = flat;
    int at = offset;
    for (int d = sizes.length - 1; d >= 0; d--) {
      at += (int) (rest % sizes[d]) * strides[d];
      rest /= sizes[d];
    }
    return at;
  }
}
