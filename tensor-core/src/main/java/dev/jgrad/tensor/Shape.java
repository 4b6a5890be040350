package dev.jgrad.tensor;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.errorprone.annotations.Immutable;
import java.util.Arrays;

/**
 * The sizes of a tensor's dimensions: an immutable value, modelled on Guava's {@code
 * ImmutableIntArray}.
 *
 * <p>A shape of rank 0 ({@link #scalar()}) describes a single number. Dimensions may be indexed
 * from the end with negative numbers, as in PyTorch: {@code size(-1)} is the last dimension. Sizes
 * may be zero (a tensor with no elements) but never negative.
 *
 * <pre>{@code
 * Shape s = Shape.of(32, 784);
 * s.rank();     // 2
 * s.size(-1);   // 784
 * s.numel();    // 25088
 * s.toString(); // "[32, 784]"
 * }</pre>
 */
@Immutable
public final class Shape {
  private static final Shape SCALAR = new Shape(new int[0]);

  @SuppressWarnings("Immutable") // never modified after construction, never exposed
  private final int[] sizes;

  private final long numel;

  private Shape(int[] sizes) {
    this.sizes = sizes;
    long n = 1;
    for (int size : sizes) {
      n *= size;
    }
    this.numel = n;
  }

  /**
   * Returns the shape with the given sizes.
   *
   * @param sizes the size of each dimension, outermost first, each 0 or more; no sizes give the
   *     rank-0 shape
   * @return the shape; later changes to {@code sizes} do not affect it
   * @throws IllegalArgumentException if a size is negative or the number of elements exceeds {@link
   *     Integer#MAX_VALUE}
   */
  public static Shape of(int... sizes) {
    return checked("Shape", "", sizes);
  }

  /**
   * Returns the shape with the given sizes, which the operation {@code op} is about to create.
   *
   * @throws IllegalArgumentException naming {@code op} and the sizes if a size is negative or the
   *     number of elements exceeds {@link Integer#MAX_VALUE}
   */
  static Shape of(String op, int... sizes) {
    return checked(op, "shape ", sizes);
  }

  private static Shape checked(String op, String noun, int[] sizes) {
    if (sizes.length == 0) {
      return SCALAR;
    }
    long n = 1;
    for (int i = 0; i < sizes.length; i++) {
      checkArgument(
          sizes[i] >= 0,
          "%s: size of dim %s is %s in %s; sizes must be >= 0",
          op,
          i,
          sizes[i],
          ArrayText.of(sizes));
      n *= sizes[i];
      checkArgument(
          n <= Integer.MAX_VALUE,
          "%s: %s%s has more than %s elements",
          op,
          noun,
          ArrayText.of(sizes),
          Integer.MAX_VALUE);
    }
    return new Shape(sizes.clone());
  }

  /**
   * Returns the rank-0 shape {@code []} of a single number.
   *
   * @return the shape of rank 0, whose {@link #numel()} is 1
   */
  public static Shape scalar() {
    return SCALAR;
  }

  /**
   * Returns the number of dimensions.
   *
   * @return the number of sizes, 0 for a scalar
   */
  public int rank() {
    return sizes.length;
  }

  /**
   * Returns the size of dimension {@code dim}; negative values count from the end.
   *
   * @param dim the dimension, in {@code [-rank, rank)}
   * @return the number of indices along that dimension
   * @throws IllegalArgumentException if {@code dim} is outside {@code [-rank, rank)}
   */
  public int size(int dim) {
    return sizes[normalizeDim(dim)];
  }

  /**
   * Returns the total number of elements, the product of all sizes (1 for a scalar).
   *
   * @return the element count, 0 if any size is 0
   */
  public int numel() {
    return (int) numel;
  }

  /**
   * Returns a copy of the sizes.
   *
   * @return a new array of the sizes, outermost first, owned by the caller
   */
  public int[] toArray() {
    return sizes.clone();
  }

  /**
   * Maps a possibly negative dimension index to {@code [0, rank)}.
   *
   * @param dim a dimension index, in {@code [-rank, rank)}; negative values count from the end
   * @return the same dimension counted from the front, {@code dim + rank} for a negative {@code
   *     dim}
   * @throws IllegalArgumentException if {@code dim} is outside {@code [-rank, rank)}
   */
  public int normalizeDim(int dim) {
    int d = dim < 0 ? dim + sizes.length : dim;
    checkArgument(
        sizes.length > 0, "dimension %s out of range: a rank-0 tensor has no dimensions", dim);
    checkArgument(
        d >= 0 && d < sizes.length,
        "dimension %s out of range for shape %s (expected to be in [%s, %s])",
        dim,
        this,
        -sizes.length,
        sizes.length - 1);
    return d;
  }

  /**
   * Returns this shape with dimension {@code dim} (normalized) set to {@code size}.
   *
   * @param dim the dimension to replace, in {@code [-rank, rank)}
   * @param size its new size, 0 or more
   * @return a new shape; this one is unchanged
   * @throws IllegalArgumentException if {@code dim} is out of range or {@code size} is negative
   */
  public Shape with(int dim, int size) {
    int[] s = sizes.clone();
    s[normalizeDim(dim)] = size;
    return of(s);
  }

  /**
   * Returns the first {@code n} sizes as a shape, like Guava's {@code ImmutableIntArray.subArray(0,
   * n)}: {@code Shape.of(8, 32, 784).prefix(1)} is {@code [8]}.
   *
   * @param n how many leading dimensions to keep, in {@code [0, rank]}
   * @return the shape of the leading {@code n} dimensions
   * @throws IllegalArgumentException if {@code n} is outside {@code [0, rank]}
   */
  public Shape prefix(int n) {
    checkArgument(
        n >= 0 && n <= sizes.length, "prefix: %s is outside [0, %s] for %s", n, sizes.length, this);
    return n == sizes.length ? this : of(Arrays.copyOf(sizes, n));
  }

  /**
   * Returns this shape followed by {@code more} sizes: {@code Shape.of(8).append(32, 10)} is {@code
   * [8, 32, 10]}.
   *
   * @param more the sizes to add after the last dimension
   * @return the longer shape
   * @throws IllegalArgumentException if a size is negative or the result is too large
   */
  public Shape append(int... more) {
    int[] s = Arrays.copyOf(sizes, sizes.length + more.length);
    System.arraycopy(more, 0, s, sizes.length, more.length);
    return of(s);
  }

  /**
   * Returns the shape that {@code a} and {@code b} broadcast to under NumPy's rule: the shapes are
   * aligned at their trailing dimensions, each pair of sizes must be equal or contain a 1, and
   * missing leading dimensions count as 1. Every layer of jgrad (tensors and autograd variables)
   * checks its operands with this one rule, so a mistake gives the same message everywhere.
   *
   * <pre>{@code
   * Shape.broadcast("add", Shape.of(32, 10), Shape.of(10));   // [32, 10]
   * Shape.broadcast("add", Shape.of(3, 4), Shape.of(5));
   * // IllegalArgumentException: add: shapes [3, 4] and [5] cannot be broadcast (dim -1: 4 vs 5)
   * }</pre>
   *
   * @param op the operation's name, for the error message
   * @param a the first operand's shape
   * @param b the second operand's shape
   * @return the broadcast shape
   * @throws IllegalArgumentException naming the op, both shapes and the first dimension (counted
   *     from the end) whose sizes conflict, or naming the op and the broadcast shape if it has more
   *     than {@link Integer#MAX_VALUE} elements
   */
  public static Shape broadcast(String op, Shape a, Shape b) {
    return a.equals(b) ? a : of(op, broadcastSizes(op, a, b));
  }

  /**
   * Returns the sizes that {@code a} and {@code b} broadcast to (see {@link #broadcast}), which may
   * hold more than {@link Integer#MAX_VALUE} elements.
   *
   * @throws IllegalArgumentException naming {@code op}, both shapes and the first dimension
   *     (counted from the end) whose sizes conflict
   */
  static int[] broadcastSizes(String op, Shape a, Shape b) {
    int rank = Math.max(a.rank(), b.rank());
    int[] out = new int[rank];
    for (int i = 1; i <= rank; i++) {
      int sa = i <= a.rank() ? a.size(-i) : 1;
      int sb = i <= b.rank() ? b.size(-i) : 1;
      checkArgument(
          sa == sb || sa == 1 || sb == 1,
          "%s: shapes %s and %s cannot be broadcast (dim -%s: %s vs %s)",
          op,
          a,
          b,
          i,
          sa,
          sb);
      out[rank - i] = sa == 1 ? sb : sa;
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Shape && Arrays.equals(sizes, ((Shape) o).sizes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(sizes);
  }

  /** Returns the sizes in brackets, as {@code [32, 784]}; a scalar is {@code []}. */
  @Override
  public String toString() {
    return Arrays.toString(sizes);
  }
}
