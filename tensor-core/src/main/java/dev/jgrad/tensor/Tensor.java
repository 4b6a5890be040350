package dev.jgrad.tensor;

import static com.google.common.base.Preconditions.checkArgument;

import dev.jgrad.tensor.internal.BinaryOp;
import dev.jgrad.tensor.internal.Elementwise;
import dev.jgrad.tensor.internal.Kernels;
import dev.jgrad.tensor.internal.PrimitiveArrays;
import dev.jgrad.tensor.internal.Reductions;
import dev.jgrad.tensor.internal.StridedLoop;
import dev.jgrad.tensor.internal.TensorFormat;
import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleSupplier;
import java.util.function.DoubleUnaryOperator;

/**
 * An n-dimensional array of numbers: a flat storage read through a shape, strides and an offset.
 *
 * <p>Element {@code (i0, i1, …)} lives at {@code offset + Σ ik·stride[k]} of the storage, with
 * strides counted in elements, as in NumPy and PyTorch. A tensor's metadata never changes. Views
 * ({@link #transpose}, {@link #view}, {@link #narrow}, {@link #select}, {@link #expand}, …) share
 * the storage and copy nothing, so a write through a view shows in every tensor over that storage.
 * Data changes only through the explicit in-place methods ({@link #fill}, {@link #copyFrom}, {@link
 * #addInPlace}, {@link #mulInPlace}, {@link #set}); each increments the storage's {@link
 * #version()}. Every other method returns a new tensor and leaves its inputs alone.
 *
 * <p>Binary operations broadcast their operands as NumPy does and promote dtypes as described in
 * {@link DType}. Caller mistakes throw {@link IllegalArgumentException} naming the operation, the
 * shapes or values, and what was expected:
 *
 * <pre>{@code
 * Tensor a = Tensor.ones(3, 4);
 * a.add(Tensor.zeros(5));
 * // IllegalArgumentException: add: shapes [3, 4] and [5] cannot be broadcast (dim -1: 4 vs 5)
 * }</pre>
 *
 * <p>Tensors are not thread-safe for concurrent in-place writes; reading from several threads is
 * safe.
 */
public final class Tensor {
  private final Storage storage;
  private final Shape shape;
  private final int[] strides;
  private final int offset;

  Tensor(Storage storage, Shape shape, int[] strides, int offset) {
    checkArgument(strides.length == shape.rank(), "%s strides for shape %s", strides.length, shape);
    if (shape.numel() > 0) {
      long last = offset;
      for (int d = 0; d < strides.length; d++) {
        checkArgument(strides[d] >= 0, "negative stride %s in dim %s", strides[d], d);
        last += (long) strides[d] * (shape.size(d) - 1);
      }
      checkArgument(
          offset >= 0 && last < storage.length(),
          "view of shape %s, strides %s, offset %s reaches past a storage of %s elements",
          shape,
          ArrayText.of(strides),
          offset,
          storage.length());
    }
    this.storage = storage;
    this.shape = shape;
    this.strides = strides;
    this.offset = offset;
  }

  private static Tensor contiguousOver(Storage storage, Shape shape) {
    return new Tensor(storage, shape, StridedLoop.contiguousStrides(shape.toArray()), 0);
  }

  static Tensor empty(Shape shape, DType dtype) {
    return contiguousOver(Storage.allocate(dtype, shape.numel()), shape);
  }

  /** Returns the backing array (a float[], double[] or int[]) for kernels in this package. */
  Object data() {
    return storage.data();
  }

  /** Returns the strides without copying, for kernels in this package. */
  int[] stridesView() {
    return strides;
  }

  /** Marks an in-place write made by a kernel in this package. */
  void bumpVersion() {
    storage.bumpVersion();
  }

  private Tensor viewOf(Shape newShape, int[] newStrides, int newOffset) {
    return new Tensor(storage, newShape, newStrides, newOffset);
  }

  // ---------------------------------------------------------------- creation

  /** Returns a FLOAT32 tensor of zeros with the given sizes. */
  public static Tensor zeros(int... shape) {
    return zeros(Shape.of(shape), DType.FLOAT32);
  }

  /** Returns a tensor of zeros. */
  public static Tensor zeros(Shape shape, DType dtype) {
    return empty(shape, dtype);
  }

  /** Returns a tensor of zeros with the shape and dtype of {@code like}. */
  public static Tensor zerosLike(Tensor like) {
    return empty(like.shape, like.dtype());
  }

  /** Returns a FLOAT32 tensor of ones with the given sizes. */
  public static Tensor ones(int... shape) {
    return ones(Shape.of(shape), DType.FLOAT32);
  }

  /** Returns a tensor of ones. */
  public static Tensor ones(Shape shape, DType dtype) {
    return full(shape, 1, dtype);
  }

  /** Returns a tensor of ones with the shape and dtype of {@code like}. */
  public static Tensor onesLike(Tensor like) {
    return ones(like.shape, like.dtype());
  }

  /** Returns a tensor with every element equal to {@code value} (cast to {@code dtype}). */
  public static Tensor full(Shape shape, double value, DType dtype) {
    Tensor t = empty(shape, dtype);
    t.writeFrom(constant(value, dtype).expand(shape));
    return t;
  }

  /** Returns a rank-0 FLOAT32 tensor holding {@code value}. */
  public static Tensor scalar(double value) {
    return scalar(value, DType.FLOAT32);
  }

  /** Returns a rank-0 tensor holding {@code value} (cast to {@code dtype}). */
  public static Tensor scalar(double value, DType dtype) {
    return full(Shape.scalar(), value, dtype);
  }

  /**
   * Returns a FLOAT32 tensor holding a copy of {@code data} in row-major order.
   *
   * @param shape the sizes; when omitted the tensor is 1-D of length {@code data.length}
   * @throws IllegalArgumentException if the shape's element count differs from {@code data.length}
   */
  public static Tensor of(float[] data, int... shape) {
    return fromArray(data.clone(), data.length, shape);
  }

  /** Returns a FLOAT64 tensor holding a copy of {@code data}; see {@link #of(float[], int...)}. */
  public static Tensor of(double[] data, int... shape) {
    return fromArray(data.clone(), data.length, shape);
  }

  /** Returns an INT32 tensor holding a copy of {@code data}; see {@link #of(float[], int...)}. */
  public static Tensor of(int[] data, int... shape) {
    return fromArray(data.clone(), data.length, shape);
  }

  /**
   * Returns a FLOAT32 tensor of {@code (data[i] & 0xff) / divisor}: the bytes read as unsigned
   * values 0 to 255 and divided in single precision by {@code (float) divisor}, one correctly
   * rounded division each. With a divisor of 255 this is torchvision's {@code ToTensor} scaling of
   * 8-bit pixels to [0, 1]; the bytes are converted straight into the tensor's storage.
   *
   * @param shape the sizes; when omitted the tensor is 1-D of length {@code data.length}
   * @throws IllegalArgumentException if the shape's element count differs from {@code data.length}
   */
  public static Tensor ofUnsignedBytes(byte[] data, double divisor, int... shape) {
    Shape s = shape.length == 0 ? Shape.of(data.length) : Shape.of(shape);
    checkArgument(
        s.numel() == data.length,
        "ofUnsignedBytes: %s bytes cannot fill shape %s (%s elements)",
        data.length,
        s,
        s.numel());
    Tensor t = empty(s, DType.FLOAT32);
    Kernels.get()
        .unsignedBytesToFloat(data, 0, (float) divisor, (float[]) t.data(), 0, data.length);
    return t;
  }

  private static Tensor fromArray(Object copy, int length, int[] sizes) {
    Shape s = sizes.length == 0 ? Shape.of(length) : Shape.of(sizes);
    checkArgument(
        s.numel() == length,
        "of: %s values cannot fill shape %s (%s elements)",
        length,
        s,
        s.numel());
    return contiguousOver(Storage.wrap(copy), s);
  }

  /** Returns the INT32 tensor {@code [0, 1, …, end - 1]}. */
  public static Tensor arange(int end) {
    return arange(0, end, 1, DType.INT32);
  }

  /**
   * Returns the 1-D tensor {@code start, start + step, …} of the values below {@code end} (above it
   * for a negative step), as {@code torch.arange} does.
   *
   * @throws IllegalArgumentException if {@code step} is zero or not finite, or points away from
   *     {@code end}
   */
  public static Tensor arange(double start, double end, double step, DType dtype) {
    checkArgument(
        step != 0 && Double.isFinite(step) && Double.isFinite(start) && Double.isFinite(end),
        "arange: start %s, end %s and step %s must be finite and step nonzero",
        start,
        end,
        step);
    checkArgument(
        (end - start) / step >= 0,
        "arange: step %s points away from end %s (start %s)",
        step,
        end,
        start);
    int n = (int) Math.ceil((end - start) / step);
    Tensor t = empty(Shape.of(n), dtype);
    for (int i = 0; i < n; i++) {
      PrimitiveArrays.set(t.storage.data(), i, start + i * step);
    }
    return t;
  }

  /** Returns the n×n FLOAT32 identity matrix. */
  public static Tensor eye(int n) {
    return eye(n, DType.FLOAT32);
  }

  /** Returns the n×n identity matrix. */
  public static Tensor eye(int n, DType dtype) {
    Tensor t = empty(Shape.of(n, n), dtype);
    for (int i = 0; i < n; i++) {
      PrimitiveArrays.set(t.storage.data(), i * n + i, 1);
    }
    return t;
  }

  /**
   * Returns a FLOAT32 tensor of values uniform in {@code [0, 1)}, drawn in row-major order with
   * {@link Generator#nextFloat()}.
   */
  public static Tensor rand(Generator gen, int... shape) {
    return rand(gen, Shape.of(shape), DType.FLOAT32);
  }

  /**
   * Returns a tensor of values uniform in {@code [0, 1)}, drawn in row-major order with {@link
   * Generator#nextFloat()} for FLOAT32 and {@link Generator#nextDouble()} for FLOAT64.
   *
   * @throws IllegalArgumentException if {@code dtype} is not floating
   */
  public static Tensor rand(Generator gen, Shape shape, DType dtype) {
    return sample("rand", shape, dtype, dtype == DType.FLOAT32 ? gen::nextFloat : gen::nextDouble);
  }

  /**
   * Returns a FLOAT32 tensor of standard normal values; see {@link #randn(Generator, Shape,
   * DType)}.
   */
  public static Tensor randn(Generator gen, int... shape) {
    return randn(gen, Shape.of(shape), DType.FLOAT32);
  }

  /**
   * Returns a tensor of standard normal values drawn in row-major order with {@link
   * Generator#nextGaussian()} (rounded to float for FLOAT32).
   *
   * @throws IllegalArgumentException if {@code dtype} is not floating
   */
  public static Tensor randn(Generator gen, Shape shape, DType dtype) {
    return sample("randn", shape, dtype, gen::nextGaussian);
  }

  private static Tensor sample(String op, Shape shape, DType dtype, DoubleSupplier next) {
    checkArgument(dtype.isFloatingPoint(), "%s: expected a floating dtype, got %s", op, dtype);
    Tensor t = empty(shape, dtype);
    Object data = t.storage.data();
    for (int i = 0; i < shape.numel(); i++) {
      PrimitiveArrays.set(data, i, next.getAsDouble());
    }
    return t;
  }

  /**
   * Returns an INT32 tensor of integers uniform in {@code [low, high)}, drawn in row-major order
   * with {@link Generator#nextInt(int, int)}.
   *
   * @throws IllegalArgumentException if {@code low >= high}
   */
  public static Tensor randint(Generator gen, int low, int high, int... shape) {
    checkArgument(low < high, "randint: low %s must be < high %s", low, high);
    Tensor t = empty(Shape.of(shape), DType.INT32);
    int[] data = (int[]) t.storage.data();
    for (int i = 0; i < data.length; i++) {
      data[i] = gen.nextInt(low, high);
    }
    return t;
  }

  /**
   * Returns a random permutation of {@code 0..n-1} as an INT32 tensor ({@link
   * Generator#permutation}).
   */
  public static Tensor randperm(Generator gen, int n) {
    checkArgument(n >= 0, "randperm: n must be >= 0, got %s", n);
    return contiguousOver(Storage.wrap(gen.permutation(n)), Shape.of(n));
  }

  // ---------------------------------------------------------------- metadata

  /** Returns the shape. */
  public Shape shape() {
    return shape;
  }

  /** Returns the element type. */
  public DType dtype() {
    return storage.dtype();
  }

  /** Returns the number of dimensions (the rank), as PyTorch's {@code dim()}. */
  public int dim() {
    return shape.rank();
  }

  /** Returns the size of dimension {@code dim}; negative values count from the end. */
  public int size(int dim) {
    return shape.size(dim);
  }

  /** Returns the number of elements. */
  public int numel() {
    return shape.numel();
  }

  /**
   * Returns the stride of dimension {@code dim} in elements; negative values count from the end.
   */
  public int stride(int dim) {
    return strides[shape.normalizeDim(dim)];
  }

  /** Returns a copy of the strides, in elements. */
  public int[] strides() {
    return strides.clone();
  }

  /** Returns the position of element {@code (0, …, 0)} in the storage. */
  public int storageOffset() {
    return offset;
  }

  /**
   * Returns whether the elements lie in row-major order without gaps, so the tensor can be read as
   * one flat run (strides of size-1 dimensions do not matter).
   */
  public boolean isContiguous() {
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

  /** Returns whether this tensor and {@code other} are views of the same storage. */
  public boolean sharesStorageWith(Tensor other) {
    return storage == other.storage;
  }

  /** Returns the number of in-place writes made so far to this tensor's storage, by any view. */
  public long version() {
    return storage.version();
  }

  // ---------------------------------------------------------------- views

  /** Returns a view with dimensions {@code dim0} and {@code dim1} swapped. */
  public Tensor transpose(int dim0, int dim1) {
    int a = shape.normalizeDim(dim0);
    int b = shape.normalizeDim(dim1);
    int[] order = new int[dim()];
    for (int d = 0; d < order.length; d++) {
      order[d] = d == a ? b : d == b ? a : d;
    }
    return permute(order);
  }

  /**
   * Returns the transpose of a matrix as a view; tensors of rank 0 and 1 are returned as they are.
   *
   * @throws IllegalArgumentException if the rank exceeds 2
   */
  public Tensor t() {
    checkArgument(dim() <= 2, "t: expected a tensor of rank <= 2, got shape %s", shape);
    return dim() < 2 ? this : transpose(0, 1);
  }

  /**
   * Returns a view whose dimension {@code d} is this tensor's dimension {@code dims[d]}.
   *
   * @throws IllegalArgumentException if {@code dims} is not a permutation of the dimensions
   */
  public Tensor permute(int... dims) {
    checkArgument(
        dims.length == dim(), "permute: %s dims given for shape %s", ArrayText.of(dims), shape);
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
    return viewOf(Shape.of(sizes), newStrides, offset);
  }

  /**
   * Returns a view with a new shape and the same elements in row-major order. One size may be -1,
   * inferred from the others.
   *
   * @throws IllegalArgumentException if the element counts differ, or if the strides do not allow a
   *     view (then {@link #reshape} copies)
   */
  public Tensor view(int... sizes) {
    Shape target = inferShape("view", sizes);
    int[] newStrides = viewStrides(target);
    checkArgument(
        newStrides != null,
        "view: shape %s is not compatible with the strides %s of a %s tensor; use reshape(...)",
        target,
        ArrayText.of(strides),
        shape);
    return viewOf(target, newStrides, offset);
  }

  /**
   * Returns a tensor with a new shape and the same elements in row-major order: a view when the
   * strides allow it, otherwise a contiguous copy. One size may be -1.
   */
  public Tensor reshape(int... sizes) {
    Shape target = inferShape("reshape", sizes);
    int[] newStrides = viewStrides(target);
    return newStrides != null ? viewOf(target, newStrides, offset) : contiguous().view(sizes);
  }

  private Shape inferShape(String op, int[] sizes) {
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
      }
    }
    if (infer >= 0) {
      checkArgument(
          known != 0 && numel() % known == 0,
          "%s: shape %s is invalid for input of size %s",
          op,
          ArrayText.of(sizes),
          numel());
      out[infer] = (int) (numel() / known);
    }
    Shape target = Shape.of(out);
    checkArgument(
        target.numel() == numel(),
        "%s: shape %s is invalid for input of shape %s (%s elements)",
        op,
        target,
        shape,
        numel());
    return target;
  }

  /**
   * Returns strides that read this tensor's elements in row-major order under {@code target}, or
   * null when none exist (the rule of PyTorch's {@code computeStride}: each run of dimensions that
   * is contiguous in memory may be split or merged freely).
   */
  private int[] viewStrides(Shape target) {
    int[] result = new int[target.rank()];
    if (numel() == 0) {
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

  /**
   * Returns the view of {@code length} consecutive indices of dimension {@code dim} starting at
   * {@code start}.
   *
   * @throws IllegalArgumentException if the range leaves the dimension
   */
  public Tensor narrow(int dim, int start, int length) {
    int d = shape.normalizeDim(dim);
    checkArgument(
        start >= 0 && length >= 0 && start + length <= shape.size(d),
        "narrow: start %s and length %s out of range for dim %s of size %s in %s",
        start,
        length,
        dim,
        shape.size(d),
        shape);
    return viewOf(shape.with(d, length), strides, offset + start * strides[d]);
  }

  /**
   * Returns the view of indices {@code start, start + step, …} below {@code end} of dimension
   * {@code dim}, as Python's {@code t[start:end:step]}: negative bounds count from the end and
   * bounds beyond the dimension are clamped.
   *
   * @throws IllegalArgumentException if {@code step <= 0}
   */
  public Tensor slice(int dim, int start, int end, int step) {
    int d = shape.normalizeDim(dim);
    checkArgument(step > 0, "slice: step must be positive, got %s", step);
    int size = shape.size(d);
    int from = clampIndex(start, size);
    int to = Math.max(from, clampIndex(end, size));
    int length = (to - from + step - 1) / step;
    int[] newStrides = strides.clone();
    newStrides[d] = strides[d] * step;
    return viewOf(
        shape.with(d, length), newStrides, offset + (length == 0 ? 0 : from * strides[d]));
  }

  private static int clampIndex(int index, int size) {
    int i = index < 0 ? index + size : index;
    return Math.min(Math.max(i, 0), size);
  }

  /**
   * Returns the view at {@code index} of dimension {@code dim}, which it removes; a negative index
   * counts from the end.
   *
   * @throws IllegalArgumentException if the index is out of range
   */
  public Tensor select(int dim, int index) {
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
    int[] sizes = new int[dim() - 1];
    int[] newStrides = new int[dim() - 1];
    for (int k = 0, j = 0; k < dim(); k++) {
      if (k != d) {
        sizes[j] = shape.size(k);
        newStrides[j++] = strides[k];
      }
    }
    return viewOf(Shape.of(sizes), newStrides, offset + i * strides[d]);
  }

  /**
   * Returns a view broadcast to {@code sizes}: dimensions of size 1 are repeated with stride 0 and
   * new leading dimensions may be added; -1 keeps a size.
   *
   * @throws IllegalArgumentException if a dimension of size other than 1 would change
   */
  public Tensor expand(int... sizes) {
    checkArgument(
        sizes.length >= dim(),
        "expand: cannot expand %s to %s: fewer dimensions",
        shape,
        ArrayText.of(sizes));
    int lead = sizes.length - dim();
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
    return viewOf(Shape.of(out), newStrides, offset);
  }

  /** Returns {@link #expand(int...)} to {@code target}. */
  public Tensor expand(Shape target) {
    return target.equals(shape) ? this : expand(target.toArray());
  }

  /**
   * Returns a view with a dimension of size 1 inserted at {@code dim} (in {@code [-rank-1, rank]}).
   */
  public Tensor unsqueeze(int dim) {
    int d = dim < 0 ? dim + dim() + 1 : dim;
    checkArgument(
        d >= 0 && d <= dim(),
        "unsqueeze: dim %s out of range for shape %s (expected to be in [%s, %s])",
        dim,
        shape,
        -dim() - 1,
        dim());
    int[] sizes = new int[dim() + 1];
    int[] newStrides = new int[dim() + 1];
    for (int k = 0, j = 0; k <= dim(); k++) {
      if (k == d) {
        sizes[k] = 1;
        newStrides[k] = d < dim() ? strides[d] * shape.size(d) : 1;
      } else {
        sizes[k] = shape.size(j);
        newStrides[k] = strides[j++];
      }
    }
    return viewOf(Shape.of(sizes), newStrides, offset);
  }

  /** Returns a view without the dimensions of size 1. */
  public Tensor squeeze() {
    int kept = 0;
    for (int d = 0; d < dim(); d++) {
      kept += shape.size(d) == 1 ? 0 : 1;
    }
    int[] sizes = new int[kept];
    int[] newStrides = new int[kept];
    for (int d = 0, j = 0; d < dim(); d++) {
      if (shape.size(d) != 1) {
        sizes[j] = shape.size(d);
        newStrides[j++] = strides[d];
      }
    }
    return viewOf(Shape.of(sizes), newStrides, offset);
  }

  /** Returns a view without dimension {@code dim} if its size is 1, otherwise this tensor. */
  public Tensor squeeze(int dim) {
    int d = shape.normalizeDim(dim);
    return shape.size(d) == 1 ? select(d, 0) : this;
  }

  /** Returns the elements as a 1-D tensor: a view when the strides allow it. */
  public Tensor flatten() {
    return reshape(-1);
  }

  /**
   * Returns this tensor with dimensions {@code startDim..endDim} (inclusive) merged into one: a
   * view when the strides allow it.
   */
  public Tensor flatten(int startDim, int endDim) {
    if (dim() == 0) {
      return reshape(1);
    }
    int s = shape.normalizeDim(startDim);
    int e = shape.normalizeDim(endDim);
    checkArgument(s <= e, "flatten: startDim %s comes after endDim %s", startDim, endDim);
    int[] sizes = new int[dim() - (e - s)];
    int j = 0;
    for (int d = 0; d < dim(); d++) {
      if (d <= s || d > e) {
        sizes[j++] = d == s ? -1 : shape.size(d);
      }
    }
    return reshape(sizes);
  }

  /** Returns this tensor if it is contiguous, otherwise a contiguous copy. */
  public Tensor contiguous() {
    return isContiguous() ? this : copyTo(dtype());
  }

  /** Returns a contiguous copy that shares nothing with this tensor. */
  public Tensor copy() {
    return copyTo(dtype());
  }

  /**
   * Returns this tensor converted to {@code target}, or this tensor if it already has that dtype.
   */
  public Tensor to(DType target) {
    return target == dtype() ? this : copyTo(target);
  }

  private Tensor copyTo(DType target) {
    Tensor out = empty(shape, target);
    if (FastPaths.copy(this, out)) {
      return out;
    }
    Elementwise.copy(
        storage.data(), offset, strides, out.storage.data(), 0, out.strides, shape.toArray());
    return out;
  }

  // ---------------------------------------------------------------- elementwise

  /** Returns {@code this + other}, broadcasting. */
  public Tensor add(Tensor other) {
    return zip("add", other, false, BinaryOp.ADD);
  }

  /** Returns {@code this + value}. */
  public Tensor add(double value) {
    return add(scalarFor(value));
  }

  /** Returns {@code this - other}, broadcasting. */
  public Tensor sub(Tensor other) {
    return zip("sub", other, false, BinaryOp.SUB);
  }

  /** Returns {@code this - value}. */
  public Tensor sub(double value) {
    return sub(scalarFor(value));
  }

  /** Returns {@code this * other}, broadcasting. */
  public Tensor mul(Tensor other) {
    return zip("mul", other, false, BinaryOp.MUL);
  }

  /** Returns {@code this * value}. */
  public Tensor mul(double value) {
    return mul(scalarFor(value));
  }

  /** Returns {@code this / other}, broadcasting; true division, so INT32 operands give FLOAT32. */
  public Tensor div(Tensor other) {
    return zip("div", other, true, BinaryOp.DIV);
  }

  /** Returns {@code this / value}. */
  public Tensor div(double value) {
    return div(scalarFor(value));
  }

  /** Returns {@code this ^ other} elementwise ({@link Math#pow}), broadcasting. */
  public Tensor pow(Tensor other) {
    return zip("pow", other, true, Math::pow);
  }

  /** Returns {@code this ^ exponent} elementwise ({@link Math#pow}). */
  public Tensor pow(double exponent) {
    return pow(scalarFor(exponent));
  }

  /** Returns the elementwise maximum, broadcasting; NaN wins, as in PyTorch. */
  public Tensor maximum(Tensor other) {
    return zip("maximum", other, false, BinaryOp.MAX);
  }

  /** Returns the elementwise minimum, broadcasting; NaN wins, as in PyTorch. */
  public Tensor minimum(Tensor other) {
    return zip("minimum", other, false, BinaryOp.MIN);
  }

  /** Returns a mask, 1 where {@code this == other} and 0 elsewhere, in the promoted dtype. */
  public Tensor eq(Tensor other) {
    return zip("eq", other, false, BinaryOp.EQ);
  }

  /** Returns a mask, 1 where {@code this == value}. */
  public Tensor eq(double value) {
    return eq(scalarFor(value));
  }

  /** Returns a mask, 1 where {@code this != other}, in the promoted dtype. */
  public Tensor ne(Tensor other) {
    return zip("ne", other, false, BinaryOp.NE);
  }

  /** Returns a mask, 1 where {@code this < other}, in the promoted dtype. */
  public Tensor lt(Tensor other) {
    return zip("lt", other, false, BinaryOp.LT);
  }

  /** Returns a mask, 1 where {@code this < value}. */
  public Tensor lt(double value) {
    return lt(scalarFor(value));
  }

  /** Returns a mask, 1 where {@code this <= other}, in the promoted dtype. */
  public Tensor le(Tensor other) {
    return zip("le", other, false, BinaryOp.LE);
  }

  /** Returns a mask, 1 where {@code this <= value}. */
  public Tensor le(double value) {
    return le(scalarFor(value));
  }

  /** Returns a mask, 1 where {@code this > other}, in the promoted dtype. */
  public Tensor gt(Tensor other) {
    return zip("gt", other, false, BinaryOp.GT);
  }

  /** Returns a mask, 1 where {@code this > value}. */
  public Tensor gt(double value) {
    return gt(scalarFor(value));
  }

  /** Returns a mask, 1 where {@code this >= other}, in the promoted dtype. */
  public Tensor ge(Tensor other) {
    return zip("ge", other, false, BinaryOp.GE);
  }

  /** Returns a mask, 1 where {@code this >= value}. */
  public Tensor ge(double value) {
    return ge(scalarFor(value));
  }

  /**
   * Returns {@code condition != 0 ? a : b} elementwise, broadcasting all three; the result has the
   * promoted dtype of {@code a} and {@code b}.
   */
  public static Tensor where(Tensor condition, Tensor a, Tensor b) {
    Shape out =
        Shape.broadcast("where", Shape.broadcast("where", condition.shape, a.shape), b.shape);
    DType dt = DType.promote(a.dtype(), b.dtype());
    Tensor c = condition.expand(out);
    Tensor x = a.to(dt).expand(out);
    Tensor y = b.to(dt).expand(out);
    Tensor r = empty(out, dt);
    Elementwise.where(
        c.storage.data(),
        c.offset,
        c.strides,
        x.storage.data(),
        x.offset,
        x.strides,
        y.storage.data(),
        y.offset,
        y.strides,
        r.storage.data(),
        0,
        r.strides,
        out.toArray());
    return r;
  }

  /** Returns {@code -this}. */
  public Tensor neg() {
    return map(false, x -> -x);
  }

  /** Returns {@code |this|}. */
  public Tensor abs() {
    return map(false, Math::abs);
  }

  /** Returns the sign of each element: -1, 0 or 1 (NaN stays NaN). */
  public Tensor sign() {
    return map(false, Math::signum);
  }

  /** Returns {@code e^this}. */
  public Tensor exp() {
    return map(true, Math::exp);
  }

  /** Returns the natural logarithm. */
  public Tensor log() {
    return map(true, Math::log);
  }

  /** Returns the square root. */
  public Tensor sqrt() {
    return map(true, Math::sqrt);
  }

  /** Returns {@code max(this, 0)}. */
  public Tensor relu() {
    Tensor r = empty(shape, dtype());
    return FastPaths.relu(this, r) ? r : map(false, x -> x > 0 ? x : x == x ? 0 : x);
  }

  /**
   * Returns the gradient of relu given this tensor, the gradient with respect to relu's result, and
   * that {@code result}: {@code this * (result > 0)}, with the same values (including NaN and -0
   * where the mask is 0) but without building the mask when both are contiguous and of one floating
   * dtype.
   *
   * @throws IllegalArgumentException if the shapes differ
   */
  public Tensor reluBackward(Tensor result) {
    checkArgument(
        result.shape.equals(shape),
        "reluBackward: result of shape %s does not match gradient of shape %s",
        result.shape,
        shape);
    if (result.dtype() == dtype() && dtype().isFloatingPoint()) {
      Tensor r = empty(shape, dtype());
      if (FastPaths.reluBackward(this, result, r)) {
        return r;
      }
    }
    return mul(result.gt(0));
  }

  /** Returns the logistic sigmoid {@code 1 / (1 + e^-this)}, computed without overflow. */
  public Tensor sigmoid() {
    return map(
        true,
        x -> {
          if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
          }
          double e = Math.exp(x);
          return e / (1 + e);
        });
  }

  /** Returns the hyperbolic tangent. */
  public Tensor tanh() {
    return map(true, Math::tanh);
  }

  /**
   * Returns each element clamped to {@code [min, max]}; pass an infinity for a one-sided clamp.
   *
   * @throws IllegalArgumentException if {@code min > max} or either is NaN
   */
  public Tensor clamp(double min, double max) {
    checkArgument(min <= max, "clamp: min %s must be <= max %s", min, max);
    boolean integral = min == Math.rint(min) || Double.isInfinite(min);
    integral &= max == Math.rint(max) || Double.isInfinite(max);
    DType dt = dtype().isFloatingPoint() || integral ? dtype() : DType.FLOAT32;
    return to(dt).map(false, x -> x < min ? min : x > max ? max : x);
  }

  private Tensor scalarFor(double value) {
    return scalar(value, dtype().toFloating());
  }

  private Tensor zip(String op, Tensor other, boolean needsFloat, BinaryOp kind) {
    return zip(op, other, needsFloat, kind, kind.fn());
  }

  private Tensor zip(String op, Tensor other, boolean needsFloat, DoubleBinaryOperator fn) {
    return zip(op, other, needsFloat, null, fn);
  }

  private Tensor zip(
      String op, Tensor other, boolean needsFloat, BinaryOp kind, DoubleBinaryOperator fn) {
    Shape out = Shape.broadcast(op, shape, other.shape);
    DType dt = DType.promote(dtype(), other.dtype());
    if (needsFloat) {
      dt = dt.toFloating();
    }
    Tensor a = to(dt).expand(out);
    Tensor b = other.to(dt).expand(out);
    Tensor r = empty(out, dt);
    if (kind != null && FastPaths.binary(kind, a, b, r)) {
      return r;
    }
    Elementwise.zip(
        fn,
        a.storage.data(),
        a.offset,
        a.strides,
        b.storage.data(),
        b.offset,
        b.strides,
        r.storage.data(),
        0,
        r.strides,
        out.toArray());
    return r;
  }

  private Tensor map(boolean needsFloat, DoubleUnaryOperator fn) {
    Tensor in = needsFloat ? to(dtype().toFloating()) : this;
    Tensor r = empty(shape, in.dtype());
    Elementwise.map(
        fn,
        in.storage.data(),
        in.offset,
        in.strides,
        r.storage.data(),
        0,
        r.strides,
        shape.toArray());
    return r;
  }

  // ---------------------------------------------------------------- reductions

  /** Returns the sum of all elements as a rank-0 tensor. */
  public Tensor sum() {
    return sum(allDims(), false);
  }

  /** Returns the sums over dimension {@code dim}, which is removed. */
  public Tensor sum(int dim) {
    return sum(new int[] {dim}, false);
  }

  /** Returns the sums over dimension {@code dim}, kept with size 1 when {@code keepdim}. */
  public Tensor sum(int dim, boolean keepdim) {
    return sum(new int[] {dim}, keepdim);
  }

  /**
   * Returns the sums over {@code dims}, kept with size 1 when {@code keepdim}. Float sums
   * accumulate in double precision; the sum over no elements is 0.
   */
  public Tensor sum(int[] dims, boolean keepdim) {
    return reduce("sum", dims, keepdim, dtype(), Tensor::sumOf);
  }

  private Tensor sumFast(boolean[] reduced, Shape outShape) {
    Tensor out = empty(outShape, dtype());
    return FastPaths.sum(this, reduced, out) ? out : null;
  }

  /** Returns the mean of all elements as a rank-0 tensor (NaN for an empty tensor). */
  public Tensor mean() {
    return mean(allDims(), false);
  }

  /** Returns the means over dimension {@code dim}, kept with size 1 when {@code keepdim}. */
  public Tensor mean(int dim, boolean keepdim) {
    return mean(new int[] {dim}, keepdim);
  }

  /**
   * Returns the means over {@code dims}, kept with size 1 when {@code keepdim}; INT32 gives
   * FLOAT32.
   */
  public Tensor mean(int[] dims, boolean keepdim) {
    return reduce("mean", dims, keepdim, dtype().toFloating(), (v, n) -> sumOf(v, n) / n);
  }

  /** Returns the largest element as a rank-0 tensor; NaN if any element is NaN. */
  public Tensor max() {
    return max(allDims(), false);
  }

  /** Returns the largest elements along {@code dim}, kept with size 1 when {@code keepdim}. */
  public Tensor max(int dim, boolean keepdim) {
    return max(new int[] {dim}, keepdim);
  }

  private Tensor max(int[] dims, boolean keepdim) {
    requireNonEmptyReduction("max", dims);
    return reduce("max", dims, keepdim, dtype(), (v, n) -> v[argmaxOf(v, n)]);
  }

  /**
   * Returns the flat (row-major) index of the largest element as a rank-0 INT32 tensor; the first
   * one on ties, and the first NaN if there is one, as in PyTorch.
   */
  public Tensor argmax() {
    return contiguous().reshape(-1).argmax(0, false);
  }

  /** Returns the indices of the largest elements along {@code dim} as INT32. */
  public Tensor argmax(int dim, boolean keepdim) {
    int[] dims = {dim};
    requireNonEmptyReduction("argmax", dims);
    return reduce("argmax", dims, keepdim, DType.INT32, Tensor::argmaxOf);
  }

  /** Returns {@code log(sum(exp(this)))} over all elements, computed stably. */
  public Tensor logsumexp() {
    return logsumexp(allDims(), false);
  }

  /** Returns {@code log(sum(exp(this), dim))}, computed stably. */
  public Tensor logsumexp(int dim, boolean keepdim) {
    return logsumexp(new int[] {dim}, keepdim);
  }

  /**
   * Returns {@code log(sum(exp(this), dims))}, computed stably by subtracting the maximum first;
   * {@code -inf} over no elements.
   */
  public Tensor logsumexp(int[] dims, boolean keepdim) {
    return reduce("logsumexp", dims, keepdim, dtype().toFloating(), Tensor::logSumExpOf);
  }

  private int[] allDims() {
    int[] dims = new int[dim()];
    Arrays.setAll(dims, d -> d);
    return dims;
  }

  private void requireNonEmptyReduction(String op, int[] dims) {
    for (int d : dims) {
      checkArgument(
          shape.size(d) > 0, "%s: cannot reduce over dim %s of size 0 in %s", op, d, shape);
    }
  }

  private Tensor reduce(
      String op, int[] dims, boolean keepdim, DType outType, Reductions.Reducer reducer) {
    boolean[] reduced = new boolean[dim()];
    for (int dim : dims) {
      int d = shape.normalizeDim(dim);
      checkArgument(!reduced[d], "%s: dim %s repeated in %s", op, dim, ArrayText.of(dims));
      reduced[d] = true;
    }
    int nReduced = 0;
    for (boolean r : reduced) {
      nReduced += r ? 1 : 0;
    }
    int[] keptShape = new int[dim() - nReduced];
    int[] keptStrides = new int[keptShape.length];
    int[] redShape = new int[nReduced];
    int[] redStrides = new int[nReduced];
    int[] outSizes = new int[keepdim ? dim() : keptShape.length];
    for (int d = 0, k = 0, r = 0, o = 0; d < dim(); d++) {
      if (reduced[d]) {
        redShape[r] = shape.size(d);
        redStrides[r++] = strides[d];
        if (keepdim) {
          outSizes[o++] = 1;
        }
      } else {
        keptShape[k] = shape.size(d);
        keptStrides[k++] = strides[d];
        outSizes[o++] = shape.size(d);
      }
    }
    if (op.equals("sum")) {
      Tensor fast = sumFast(reduced, Shape.of(outSizes));
      if (fast != null) {
        return fast;
      }
    }
    Tensor out = empty(Shape.of(outSizes), outType);
    Reductions.reduce(
        reducer,
        storage.data(),
        offset,
        keptShape,
        keptStrides,
        redShape,
        redStrides,
        out.storage.data());
    return out;
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

  // ---------------------------------------------------------------- matmul

  /**
   * Returns the matrix product, following {@code torch.matmul}: 1-D·1-D is a dot product (rank 0);
   * 2-D·2-D is the matrix product; a 1-D left operand is a row and a 1-D right operand a column,
   * whose dimension is removed from the result; operands of rank above 2 are stacks of matrices
   * whose leading batch dimensions broadcast. Transposed and sliced operands are read in place.
   *
   * <pre>{@code
   * Tensor.ones(32, 784).matmul(Tensor.ones(784, 128)).shape();  // [32, 128]
   * x.matmul(w.t());                                             // x·wᵀ, w read in place
   * }</pre>
   *
   * @throws IllegalArgumentException if an operand is rank 0, the dtypes are not floating, the
   *     inner sizes differ, or the batch dimensions cannot be broadcast
   */
  public Tensor matmul(Tensor other) {
    return MatMul.matmul(this, other);
  }

  /**
   * Returns {@code this · weightᵀ + bias} for a 2-D input {@code [N, in]}, weight {@code [out, in]}
   * and bias {@code [out]} (or null), as {@code torch.nn.functional.linear}. The product reads the
   * weight transposed in place, and each output element's chain of fused multiply-adds starts from
   * its bias instead of adding the bias in a second pass: {@code t = bias_j; t = fma(x_ip, w_jp,
   * t)} for p in increasing order.
   *
   * @throws IllegalArgumentException if the shapes do not fit or the dtypes are not one floating
   *     dtype
   */
  public Tensor linear(Tensor weight, Tensor bias) {
    return MatMul.linear(this, weight, bias);
  }

  // ---------------------------------------------------------------- indexing

  /**
   * Returns the slices at {@code index} (1-D INT32) along {@code dim}, in index order, as a new
   * tensor whose dimension {@code dim} has the index's length.
   *
   * @throws IllegalArgumentException if the index is not 1-D INT32 or an entry is out of range
   */
  public Tensor indexSelect(int dim, Tensor index) {
    return Indexing.indexSelect(this, dim, index);
  }

  /**
   * Returns a copy of this tensor with slice {@code k} of {@code source} added to slice {@code
   * index[k]} along {@code dim}, for every k (repeated indices accumulate): the adjoint of {@link
   * #indexSelect}.
   */
  public Tensor indexAdd(int dim, Tensor index, Tensor source) {
    return Indexing.indexAdd(this, dim, index, source);
  }

  /**
   * Returns {@code out[i][j] = this[i][index[i][j]]} for {@code dim = 1}, and likewise for other
   * dims, as {@code torch.gather}: the index has this tensor's rank and the output its shape.
   *
   * @throws IllegalArgumentException if the index is not INT32, its shape does not fit, or an entry
   *     is out of range
   */
  public Tensor gather(int dim, Tensor index) {
    return Indexing.gather(this, dim, index);
  }

  /**
   * Returns a copy of this tensor with {@code src[i][j]} added at {@code [i][index[i][j]]} for
   * {@code dim = 1}, and likewise for other dims (repeated indices accumulate): the adjoint of
   * {@link #gather}.
   */
  public Tensor scatterAdd(int dim, Tensor index, Tensor src) {
    return Indexing.scatterAdd(this, dim, index, src);
  }

  /**
   * Returns the one-hot encoding of these INT32 labels as an INT32 tensor of shape {@code shape +
   * [numClasses]}, as {@code torch.nn.functional.one_hot}.
   *
   * @throws IllegalArgumentException if a label is outside {@code [0, numClasses)}
   */
  public Tensor oneHot(int numClasses) {
    return oneHot(numClasses, DType.INT32);
  }

  /** Returns the one-hot encoding of these INT32 labels in the given dtype. */
  public Tensor oneHot(int numClasses, DType dtype) {
    return Indexing.oneHot(this, numClasses, dtype);
  }

  // ---------------------------------------------------------------- in place

  /** Sets every element to {@code value} (cast to the dtype); returns this tensor. */
  public Tensor fill(double value) {
    requireWritable("fill");
    writeFrom(constant(value, dtype()).expand(shape));
    storage.bumpVersion();
    return this;
  }

  /** Sets every element to zero; returns this tensor. */
  public Tensor zero() {
    return fill(0);
  }

  /**
   * Copies {@code src}, broadcast to this shape and cast to this dtype, into this tensor; returns
   * this tensor.
   */
  public Tensor copyFrom(Tensor src) {
    requireWritable("copyFrom");
    checkArgument(
        Shape.broadcast("copyFrom", shape, src.shape).equals(shape),
        "copyFrom: source of shape %s cannot be broadcast to %s",
        src.shape,
        shape);
    writeFrom(src.sharesStorageWith(this) ? src.copy() : src.expand(shape));
    storage.bumpVersion();
    return this;
  }

  /** Adds {@code other} (broadcast to this shape) to this tensor; returns this tensor. */
  public Tensor addInPlace(Tensor other) {
    return addInPlace(other, 1);
  }

  /**
   * Adds {@code alpha * other} (broadcast to this shape) to this tensor; returns this tensor. A
   * FLOAT32 tensor computes {@code fma((float) alpha, other, this)} in single precision with one
   * rounding, as PyTorch's vectorized CPU kernel does; other dtypes compute {@code this + alpha *
   * other} in double precision.
   */
  public Tensor addInPlace(Tensor other, double alpha) {
    if (other.shape.equals(shape)
        && dtype() == other.dtype()
        && FastPaths.axpy(this, alpha, other)) {
      storage.bumpVersion();
      return this;
    }
    if (dtype() == DType.FLOAT32) {
      float af = (float) alpha;
      return updateInPlace("addInPlace", other, (a, b) -> Math.fma(af, (float) b, (float) a));
    }
    return updateInPlace("addInPlace", other, (a, b) -> a + alpha * b);
  }

  /**
   * Adds {@code alpha * (other + decay * this)} (other broadcast to this shape) to this tensor, an
   * SGD step with L2 weight decay; returns this tensor. Gives exactly {@code
   * addInPlace(other.add(mul(decay)), alpha)}, rounding each operation to this dtype as that does,
   * but without the two temporaries when both tensors are contiguous and of one floating dtype.
   */
  public Tensor addInPlaceWithDecay(Tensor other, double alpha, double decay) {
    if (other.shape.equals(shape)
        && dtype() == other.dtype()
        && FastPaths.axpyDecay(this, alpha, decay, other)) {
      storage.bumpVersion();
      return this;
    }
    return addInPlace(other.add(mul(decay)), alpha);
  }

  /** Multiplies this tensor by {@code other} (broadcast to this shape); returns this tensor. */
  public Tensor mulInPlace(Tensor other) {
    return updateInPlace("mulInPlace", other, (a, b) -> a * b);
  }

  /** Multiplies this tensor by {@code value}; returns this tensor. */
  public Tensor mulInPlace(double value) {
    if (dtype().isFloatingPoint() && FastPaths.scale(this, value)) {
      storage.bumpVersion();
      return this;
    }
    return mulInPlace(scalar(value, dtype()));
  }

  /**
   * Sets the element at {@code index} to {@code value} (cast to the dtype).
   *
   * @throws IllegalArgumentException if the index has the wrong length or is out of range
   */
  public void set(double value, int... index) {
    requireWritable("set");
    int at = offsetOf("set", index);
    PrimitiveArrays.set(storage.data(), at, value);
    storage.bumpVersion();
  }

  private Tensor updateInPlace(String op, Tensor other, DoubleBinaryOperator fn) {
    requireWritable(op);
    checkArgument(
        Shape.broadcast(op, shape, other.shape).equals(shape),
        "%s: operand of shape %s cannot be broadcast to %s",
        op,
        other.shape,
        shape);
    checkArgument(
        DType.promote(dtype(), other.dtype()) == dtype(),
        "%s: cannot write a %s result into a %s tensor",
        op,
        other.dtype(),
        dtype());
    Tensor b = (other.sharesStorageWith(this) ? other.copy() : other).to(dtype()).expand(shape);
    Elementwise.zip(
        fn,
        storage.data(),
        offset,
        strides,
        b.storage.data(),
        b.offset,
        b.strides,
        storage.data(),
        offset,
        strides,
        shape.toArray());
    storage.bumpVersion();
    return this;
  }

  private void writeFrom(Tensor src) {
    if (FastPaths.copy(src, this)) {
      return;
    }
    Elementwise.copy(
        src.storage.data(),
        src.offset,
        src.strides,
        storage.data(),
        offset,
        strides,
        shape.toArray());
  }

  private static Tensor constant(double value, DType dtype) {
    Storage one = Storage.allocate(dtype, 1);
    PrimitiveArrays.set(one.data(), 0, value);
    return contiguousOver(one, Shape.scalar());
  }

  private void requireWritable(String op) {
    for (int d = 0; d < dim(); d++) {
      checkArgument(
          strides[d] != 0 || shape.size(d) <= 1,
          "%s: cannot write into an expanded tensor of shape %s (dim %s has stride 0, so several"
              + " elements share one memory location); copy() it first",
          op,
          shape,
          d);
    }
  }

  // ---------------------------------------------------------------- export

  /**
   * Returns the single element of a one-element tensor as a double.
   *
   * @throws IllegalArgumentException if the tensor has other than one element
   */
  public double item() {
    checkArgument(numel() == 1, "item: expected a tensor with one element, got shape %s", shape);
    return PrimitiveArrays.get(storage.data(), offset);
  }

  /**
   * Returns the element at {@code index} (one index per dimension; negative counts from the end).
   *
   * @throws IllegalArgumentException if the index has the wrong length or is out of range
   */
  public double get(int... index) {
    return PrimitiveArrays.get(storage.data(), offsetOf("get", index));
  }

  private int offsetOf(String op, int[] index) {
    checkArgument(
        index.length == dim(),
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

  /** Returns the elements in row-major order as floats (converted if needed). */
  public float[] toFloatArray() {
    return (float[]) exported(DType.FLOAT32);
  }

  /** Returns the elements in row-major order as doubles (converted if needed). */
  public double[] toDoubleArray() {
    return (double[]) exported(DType.FLOAT64);
  }

  /** Returns the elements in row-major order as ints (floats truncated toward zero). */
  public int[] toIntArray() {
    return (int[]) exported(DType.INT32);
  }

  private Object exported(DType target) {
    return copyTo(target).storage.data();
  }

  /**
   * Returns whether {@code |this - other| <= atol + rtol * |other|} holds for every element after
   * broadcasting, as {@code torch.allclose}; NaN is never close.
   *
   * @throws IllegalArgumentException if the shapes cannot be broadcast
   */
  public boolean allClose(Tensor other, double rtol, double atol) {
    Tensor close =
        to(DType.FLOAT64)
            .zip(
                "allClose",
                other.to(DType.FLOAT64),
                false,
                (a, b) -> Math.abs(a - b) <= atol + rtol * Math.abs(b) || a == b ? 1 : 0);
    for (double c : close.toDoubleArray()) {
      if (c == 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns the elements in PyTorch's style, e.g. {@code tensor([[1.0000, 2.5000], …])}, summarized
   * with {@code ...} when there are more than 1000.
   */
  @Override
  public String toString() {
    int[] sizes = shape.toArray();
    return TensorFormat.format(
        shape,
        dtype(),
        flat -> {
          long rest = flat;
          int at = offset;
          for (int d = sizes.length - 1; d >= 0; d--) {
            at += (int) (rest % sizes[d]) * strides[d];
            rest /= sizes[d];
          }
          return PrimitiveArrays.get(storage.data(), at);
        });
  }
}
