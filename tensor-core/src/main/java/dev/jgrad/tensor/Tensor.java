package dev.jgrad.tensor;

import static com.google.common.base.Preconditions.checkArgument;

import dev.jgrad.tensor.internal.BinaryOp;
import dev.jgrad.tensor.internal.PrimitiveArrays;
import dev.jgrad.tensor.internal.StridedLoop;
import dev.jgrad.tensor.internal.TensorFormat;
import dev.jgrad.tensor.internal.activation.Activations;
import dev.jgrad.tensor.internal.activation.ErrorFunction;
import dev.jgrad.tensor.internal.fused.FusedOps;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleSupplier;

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
 * <p><b>Performance note:</b> FLOAT32 and FLOAT64 operations take vectorized fast paths for the
 * layouts of a training step, and every other layout (transposed, sliced or expanded views, and
 * INT32 data) runs general strided loops that give bit-identical results, only more slowly:
 *
 * <ul>
 *   <li>binary arithmetic and comparisons ({@link #add}, {@link #mul}, {@link #gt}, …) when, after
 *       broadcasting, the left operand is contiguous and the right one is contiguous, a scalar, or
 *       a contiguous row repeated over leading dimensions (a bias); for the commutative ones
 *       ({@code add}, {@code mul}, {@code maximum}, {@code minimum}, {@code eq}, {@code ne}) also
 *       the other way round. Operands of two dtypes are converted first, which costs a copy;
 *   <li>{@link #relu} of a contiguous tensor;
 *   <li>{@link #sum} of a contiguous tensor over its leading dimensions (column sums) or its
 *       trailing dimensions (row sums);
 *   <li>{@link #copy}, {@link #contiguous}, {@link #copyFrom} and {@link #fill} into a contiguous
 *       destination from a source of the same dtype that is contiguous, a repeated row or a scalar;
 *   <li>{@link #addInPlace} of a contiguous operand of the same shape and dtype that does not share
 *       this tensor's storage (split across {@link Parallelism#threads()} when large), and {@link
 *       #mulInPlace(double)} of a contiguous tensor.
 * </ul>
 *
 * <p>Other unary operations, {@link #pow}, {@link #where}, {@link #clamp}, other reductions and
 * indexing always run the strided loops. Matrix products read transposed and sliced operands in
 * place ({@link #matmul}).
 *
 * <p>Tensors are not thread-safe for concurrent in-place writes; reading from several threads is
 * safe.
 */
public final class Tensor {
  static {
    FusedOps.install(new FusedOpsBridge());
  }

  private final Storage storage;
  private final Shape shape;
  private final int[] strides;
  private final int offset;

  private Tensor(Storage storage, Shape shape, int[] strides, int offset) {
    Layout.checkInside(shape, strides, offset, storage.length());
    this.storage = storage;
    this.shape = shape;
    this.strides = strides;
    this.offset = offset;
  }

  private static Tensor contiguousOver(Storage storage, Shape shape) {
    return new Tensor(storage, shape, StridedLoop.contiguousStrides(shape.toArray()), 0);
  }

  /** Returns a fresh zero-filled contiguous tensor, for the kernels of this package. */
  static Tensor empty(Shape shape, DType dtype) {
    return contiguousOver(Storage.allocate(dtype, shape.numel()), shape);
  }

  /** Returns a contiguous tensor over {@code data} (a float[], double[] or int[]), not copied. */
  static Tensor wrapping(Object data, Shape shape) {
    return contiguousOver(Storage.wrap(data), shape);
  }

  /** Returns a view over this tensor's storage, for the view arithmetic of this package. */
  Tensor viewOf(Shape newShape, int[] newStrides, int newOffset) {
    return new Tensor(storage, newShape, newStrides, newOffset);
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

  // ---------------------------------------------------------------- creation

  /**
   * Returns a FLOAT32 tensor of zeros with the given sizes.
   *
   * @param shape the size of each dimension, outermost first; no sizes give a rank-0 tensor
   * @return a new contiguous tensor with its own storage
   */
  public static Tensor zeros(int... shape) {
    return zeros(Shape.of("zeros", shape), DType.FLOAT32);
  }

  /**
   * Returns a tensor of zeros.
   *
   * @param shape the shape of the result
   * @param dtype the element type of the result
   * @return a new contiguous tensor with its own storage
   */
  public static Tensor zeros(Shape shape, DType dtype) {
    return empty(shape, dtype);
  }

  /**
   * Returns a tensor of zeros with the shape and dtype of {@code like}.
   *
   * @param like the tensor whose shape and dtype to copy; its data is not read
   * @return a new contiguous tensor with its own storage
   */
  public static Tensor zerosLike(Tensor like) {
    return empty(like.shape, like.dtype());
  }

  /**
   * Returns a FLOAT32 tensor of ones with the given sizes.
   *
   * @param shape the size of each dimension, outermost first; no sizes give a rank-0 tensor
   * @return a new contiguous tensor with its own storage
   */
  public static Tensor ones(int... shape) {
    return ones(Shape.of("ones", shape), DType.FLOAT32);
  }

  /**
   * Returns a tensor of ones.
   *
   * @param shape the shape of the result
   * @param dtype the element type of the result
   * @return a new contiguous tensor with its own storage
   */
  public static Tensor ones(Shape shape, DType dtype) {
    return full(shape, 1, dtype);
  }

  /**
   * Returns a tensor of ones with the shape and dtype of {@code like}.
   *
   * @param like the tensor whose shape and dtype to copy; its data is not read
   * @return a new contiguous tensor with its own storage
   */
  public static Tensor onesLike(Tensor like) {
    return ones(like.shape, like.dtype());
  }

  /**
   * Returns a tensor with every element equal to {@code value} (cast to {@code dtype}).
   *
   * @param shape the shape of the result
   * @param value the value of every element; INT32 truncates it toward zero
   * @param dtype the element type of the result
   * @return a new contiguous tensor with its own storage
   */
  public static Tensor full(Shape shape, double value, DType dtype) {
    return WriteOps.full(shape, value, dtype);
  }

  /**
   * Returns a rank-0 FLOAT32 tensor holding {@code value}.
   *
   * @param value the value, rounded to float
   * @return a new tensor of shape {@code []}
   */
  public static Tensor scalar(double value) {
    return scalar(value, DType.FLOAT32);
  }

  /**
   * Returns a rank-0 tensor holding {@code value} (cast to {@code dtype}).
   *
   * @param value the value; INT32 truncates it toward zero
   * @param dtype the element type of the result
   * @return a new tensor of shape {@code []}
   */
  public static Tensor scalar(double value, DType dtype) {
    return full(Shape.scalar(), value, dtype);
  }

  /**
   * Returns a FLOAT32 tensor holding a copy of {@code data} in row-major order.
   *
   * @param shape the sizes; when omitted the tensor is 1-D of length {@code data.length}
   * @param data the values in row-major order; copied, so later changes to the array do not show
   * @return a new contiguous tensor with its own storage
   * @throws IllegalArgumentException if the shape's element count differs from {@code data.length}
   */
  public static Tensor of(float[] data, int... shape) {
    return fromArray(data.clone(), data.length, shape);
  }

  /**
   * Returns a FLOAT64 tensor holding a copy of {@code data}; see {@link #of(float[], int...)}.
   *
   * @param data the values in row-major order; copied
   * @param shape the sizes; when omitted the tensor is 1-D of length {@code data.length}
   * @return a new contiguous tensor with its own storage
   * @throws IllegalArgumentException if the shape's element count differs from {@code data.length}
   */
  public static Tensor of(double[] data, int... shape) {
    return fromArray(data.clone(), data.length, shape);
  }

  /**
   * Returns an INT32 tensor holding a copy of {@code data}; see {@link #of(float[], int...)}.
   *
   * @param data the values in row-major order; copied
   * @param shape the sizes; when omitted the tensor is 1-D of length {@code data.length}
   * @return a new contiguous tensor with its own storage
   * @throws IllegalArgumentException if the shape's element count differs from {@code data.length}
   */
  public static Tensor of(int[] data, int... shape) {
    return fromArray(data.clone(), data.length, shape);
  }

  private static Tensor fromArray(Object copy, int length, int[] sizes) {
    Shape s = sizes.length == 0 ? Shape.of(length) : Shape.of("of", sizes);
    checkArgument(
        s.numel() == length,
        "of: %s values cannot fill shape %s (%s elements)",
        length,
        s,
        s.numel());
    return contiguousOver(Storage.wrap(copy), s);
  }

  /**
   * Returns the INT32 tensor {@code [0, 1, …, end - 1]}.
   *
   * @param end the exclusive upper bound, 0 or more
   * @return a new 1-D INT32 tensor of length {@code end}
   * @throws IllegalArgumentException if {@code end < 0}
   */
  public static Tensor arange(int end) {
    return arange(0, end, 1, DType.INT32);
  }

  /**
   * Returns the 1-D tensor {@code start, start + step, …} of the values below {@code end} (above it
   * for a negative step), as {@code torch.arange} does.
   *
   * @param start the first value
   * @param end the exclusive bound the values stop before
   * @param step the distance between neighbouring values, nonzero; negative counts down
   * @param dtype the element type; INT32 truncates each value toward zero
   * @return a new 1-D tensor of {@code ceil((end - start) / step)} elements
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
    double count = Math.ceil((end - start) / step);
    checkArgument(
        count <= Integer.MAX_VALUE,
        "arange: start %s, end %s and step %s give %s elements, more than %s",
        start,
        end,
        step,
        count,
        Integer.MAX_VALUE);
    int n = (int) count;
    Tensor t = empty(Shape.of(n), dtype);
    for (int i = 0; i < n; i++) {
      PrimitiveArrays.set(t.storage.data(), i, start + i * step);
    }
    return t;
  }

  /**
   * Returns the n×n FLOAT32 identity matrix.
   *
   * @param n the number of rows and columns
   * @return a new {@code [n, n]} tensor with ones on the diagonal and zeros elsewhere
   */
  public static Tensor eye(int n) {
    return eye(n, DType.FLOAT32);
  }

  /**
   * Returns the n×n identity matrix.
   *
   * @param n the number of rows and columns
   * @param dtype the element type of the result
   * @return a new {@code [n, n]} tensor with ones on the diagonal and zeros elsewhere
   */
  public static Tensor eye(int n, DType dtype) {
    Tensor t = empty(Shape.of("eye", n, n), dtype);
    for (int i = 0; i < n; i++) {
      PrimitiveArrays.set(t.storage.data(), i * n + i, 1);
    }
    return t;
  }

  /**
   * Returns a FLOAT32 tensor of values uniform in {@code [0, 1)} drawn from the {@link
   * Generator#defaultGenerator() default generator}, as {@code torch.rand}; see {@link
   * #rand(Generator, int...)}.
   *
   * @param shape the size of each dimension, outermost first
   * @return a new contiguous tensor
   */
  public static Tensor rand(int... shape) {
    Generator gen = Generator.defaultGenerator();
    synchronized (gen) {
      return rand(gen, shape);
    }
  }

  /**
   * Returns a tensor of values uniform in {@code [0, 1)} drawn from the {@link
   * Generator#defaultGenerator() default generator}; see {@link #rand(Generator, Shape, DType)}.
   *
   * @param shape the shape of the result
   * @param dtype FLOAT32 or FLOAT64
   * @return a new contiguous tensor
   * @throws IllegalArgumentException if {@code dtype} is not floating
   */
  public static Tensor rand(Shape shape, DType dtype) {
    Generator gen = Generator.defaultGenerator();
    synchronized (gen) {
      return rand(gen, shape, dtype);
    }
  }

  /**
   * Returns a FLOAT32 tensor of values uniform in {@code [0, 1)}, drawn in row-major order with
   * {@link Generator#nextFloat()}.
   *
   * @param gen the generator to draw from; it advances by one draw per element
   * @param shape the size of each dimension, outermost first
   * @return a new contiguous tensor
   */
  public static Tensor rand(Generator gen, int... shape) {
    return rand(gen, Shape.of("rand", shape), DType.FLOAT32);
  }

  /**
   * Returns a tensor of values uniform in {@code [0, 1)}, drawn in row-major order with {@link
   * Generator#nextFloat()} for FLOAT32 and {@link Generator#nextDouble()} for FLOAT64.
   *
   * @param gen the generator to draw from; it advances by one draw per element
   * @param shape the shape of the result
   * @param dtype FLOAT32 or FLOAT64
   * @return a new contiguous tensor
   * @throws IllegalArgumentException if {@code dtype} is not floating
   */
  public static Tensor rand(Generator gen, Shape shape, DType dtype) {
    return sample("rand", shape, dtype, dtype == DType.FLOAT32 ? gen::nextFloat : gen::nextDouble);
  }

  /**
   * Returns a FLOAT32 tensor of standard normal values drawn from the {@link
   * Generator#defaultGenerator() default generator}, as {@code torch.randn}; see {@link
   * #randn(Generator, Shape, DType)}.
   *
   * @param shape the size of each dimension, outermost first
   * @return a new contiguous tensor
   */
  public static Tensor randn(int... shape) {
    Generator gen = Generator.defaultGenerator();
    synchronized (gen) {
      return randn(gen, shape);
    }
  }

  /**
   * Returns a tensor of standard normal values drawn from the {@link Generator#defaultGenerator()
   * default generator}; see {@link #randn(Generator, Shape, DType)}.
   *
   * @param shape the shape of the result
   * @param dtype FLOAT32 or FLOAT64
   * @return a new contiguous tensor
   * @throws IllegalArgumentException if {@code dtype} is not floating
   */
  public static Tensor randn(Shape shape, DType dtype) {
    Generator gen = Generator.defaultGenerator();
    synchronized (gen) {
      return randn(gen, shape, dtype);
    }
  }

  /**
   * Returns a FLOAT32 tensor of standard normal values; see {@link #randn(Generator, Shape,
   * DType)}.
   *
   * @param gen the generator to draw from
   * @param shape the size of each dimension, outermost first
   * @return a new contiguous tensor
   */
  public static Tensor randn(Generator gen, int... shape) {
    return randn(gen, Shape.of("randn", shape), DType.FLOAT32);
  }

  /**
   * Returns a tensor of standard normal values drawn in row-major order with {@link
   * Generator#nextGaussian()} (rounded to float for FLOAT32).
   *
   * @param gen the generator to draw from; it advances by one Gaussian per element
   * @param shape the shape of the result
   * @param dtype FLOAT32 or FLOAT64
   * @return a new contiguous tensor
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
   * Returns an INT32 tensor of integers uniform in {@code [low, high)} drawn from the {@link
   * Generator#defaultGenerator() default generator}, as {@code torch.randint}; see {@link
   * #randint(Generator, int, int, int...)}.
   *
   * @param low the inclusive lower bound
   * @param high the exclusive upper bound
   * @param shape the size of each dimension, outermost first
   * @return a new contiguous INT32 tensor
   * @throws IllegalArgumentException if {@code low >= high}
   */
  public static Tensor randint(int low, int high, int... shape) {
    Generator gen = Generator.defaultGenerator();
    synchronized (gen) {
      return randint(gen, low, high, shape);
    }
  }

  /**
   * Returns an INT32 tensor of integers uniform in {@code [low, high)}, drawn in row-major order
   * with {@link Generator#nextInt(int, int)}.
   *
   * @param gen the generator to draw from; it advances by at least one draw per element
   * @param low the inclusive lower bound
   * @param high the exclusive upper bound
   * @param shape the size of each dimension, outermost first
   * @return a new contiguous INT32 tensor
   * @throws IllegalArgumentException if {@code low >= high}
   */
  public static Tensor randint(Generator gen, int low, int high, int... shape) {
    checkArgument(low < high, "randint: low %s must be < high %s", low, high);
    Tensor t = empty(Shape.of("randint", shape), DType.INT32);
    int[] data = (int[]) t.storage.data();
    for (int i = 0; i < data.length; i++) {
      data[i] = gen.nextInt(low, high);
    }
    return t;
  }

  /**
   * Returns a random permutation of {@code 0..n-1} drawn from the {@link
   * Generator#defaultGenerator() default generator}, as {@code torch.randperm}.
   *
   * @param n the number of elements, 0 or more
   * @return a new 1-D INT32 tensor holding each of {@code 0..n-1} once
   * @throws IllegalArgumentException if {@code n < 0}
   */
  public static Tensor randperm(int n) {
    Generator gen = Generator.defaultGenerator();
    synchronized (gen) {
      return randperm(gen, n);
    }
  }

  /**
   * Returns a random permutation of {@code 0..n-1} as an INT32 tensor ({@link
   * Generator#permutation}).
   *
   * @param gen the generator to shuffle with
   * @param n the number of elements, 0 or more
   * @return a new 1-D INT32 tensor holding each of {@code 0..n-1} once
   * @throws IllegalArgumentException if {@code n < 0}
   */
  public static Tensor randperm(Generator gen, int n) {
    checkArgument(n >= 0, "randperm: n must be >= 0, got %s", n);
    return contiguousOver(Storage.wrap(gen.permutation(n)), Shape.of(n));
  }

  // ---------------------------------------------------------------- metadata

  /**
   * Returns the shape.
   *
   * @return the sizes of this tensor's dimensions
   */
  public Shape shape() {
    return shape;
  }

  /**
   * Returns the element type.
   *
   * @return the element type of the storage
   */
  public DType dtype() {
    return storage.dtype();
  }

  /**
   * Returns the number of dimensions (the rank), as PyTorch's {@code dim()}.
   *
   * @return the number of dimensions, 0 for a scalar
   */
  public int dim() {
    return shape.rank();
  }

  /**
   * Returns the size of dimension {@code dim}; negative values count from the end.
   *
   * @param dim the dimension, in {@code [-rank, rank)}
   * @return the number of indices along that dimension
   * @throws IllegalArgumentException if {@code dim} is out of range
   */
  public int size(int dim) {
    return shape.size(dim);
  }

  /**
   * Returns the number of elements.
   *
   * @return the product of the sizes (1 for a scalar)
   */
  public int numel() {
    return shape.numel();
  }

  /**
   * Returns the stride of dimension {@code dim} in elements; negative values count from the end.
   *
   * @param dim the dimension, in {@code [-rank, rank)}
   * @return how far apart in the storage two neighbouring indices of that dimension are; 0 for an
   *     expanded dimension
   * @throws IllegalArgumentException if {@code dim} is out of range
   */
  public int stride(int dim) {
    return strides[shape.normalizeDim(dim)];
  }

  /**
   * Returns a copy of the strides, in elements.
   *
   * @return a new array with one stride per dimension
   */
  public int[] strides() {
    return strides.clone();
  }

  /**
   * Returns the position of element {@code (0, …, 0)} in the storage.
   *
   * @return the offset in elements, 0 for a tensor that starts its storage
   */
  public int storageOffset() {
    return offset;
  }

  /**
   * Returns whether the elements lie in row-major order without gaps, so the tensor can be read as
   * one flat run (strides of size-1 dimensions do not matter).
   *
   * @return true when the elements form one gap-free row-major run
   */
  public boolean isContiguous() {
    return Layout.isContiguous(shape, strides);
  }

  /**
   * Returns whether this tensor and {@code other} are views of the same storage.
   *
   * @param other another tensor
   * @return true when a write through one can change the other
   */
  public boolean sharesStorageWith(Tensor other) {
    return storage == other.storage;
  }

  /**
   * Returns the number of in-place writes made so far to this tensor's storage, by any view.
   *
   * @return the storage's write counter, which only grows
   */
  public long version() {
    return storage.version();
  }

  // ---------------------------------------------------------------- views

  /**
   * Returns a view with dimensions {@code dim0} and {@code dim1} swapped.
   *
   * @param dim0 one dimension, in {@code [-rank, rank)}
   * @param dim1 the other dimension, in {@code [-rank, rank)}; may equal {@code dim0}
   * @return a view sharing this tensor's storage
   */
  public Tensor transpose(int dim0, int dim1) {
    return Views.transpose(this, dim0, dim1);
  }

  /**
   * Returns the transpose of a matrix as a view; tensors of rank 0 and 1 are returned as they are.
   *
   * @return a view sharing this tensor's storage, or this tensor for rank 0 and 1
   * @throws IllegalArgumentException if the rank exceeds 2
   */
  public Tensor t() {
    checkArgument(dim() <= 2, "t: expected a tensor of rank <= 2, got shape %s", shape);
    return dim() < 2 ? this : transpose(0, 1);
  }

  /**
   * Returns a view whose dimension {@code d} is this tensor's dimension {@code dims[d]}.
   *
   * @param dims the new order of the dimensions, one entry per dimension; negative values count
   *     from the end
   * @return a view sharing this tensor's storage
   * @throws IllegalArgumentException if {@code dims} is not a permutation of the dimensions
   */
  public Tensor permute(int... dims) {
    return Views.permute(this, dims);
  }

  /**
   * Returns a view with a new shape and the same elements in row-major order. One size may be -1,
   * inferred from the others.
   *
   * @param sizes the new sizes, with the same product as the old ones; at most one may be -1
   * @return a view sharing this tensor's storage
   * @throws IllegalArgumentException if the element counts differ, or if the strides do not allow a
   *     view (then {@link #reshape} copies)
   */
  public Tensor view(int... sizes) {
    return Views.view(this, sizes);
  }

  /**
   * Returns a tensor with a new shape and the same elements in row-major order: a view when the
   * strides allow it, otherwise a contiguous copy. One size may be -1.
   *
   * @param sizes the new sizes, with the same product as the old ones; at most one may be -1
   * @return a view when possible, otherwise a new contiguous tensor
   * @throws IllegalArgumentException if the element counts differ or more than one size is -1
   */
  public Tensor reshape(int... sizes) {
    return Views.reshape(this, sizes);
  }

  /**
   * Returns the view of {@code length} consecutive indices of dimension {@code dim} starting at
   * {@code start}.
   *
   * @param dim the dimension to narrow, in {@code [-rank, rank)}
   * @param start the first index kept, from 0
   * @param length the number of indices kept, 0 or more
   * @return a view sharing this tensor's storage
   * @throws IllegalArgumentException if the range leaves the dimension
   */
  public Tensor narrow(int dim, int start, int length) {
    return Views.narrow(this, dim, start, length);
  }

  /**
   * Returns the view of indices {@code start, start + step, …} below {@code end} of dimension
   * {@code dim}, as Python's {@code t[start:end:step]}: negative bounds count from the end and
   * bounds beyond the dimension are clamped.
   *
   * @param dim the dimension to slice, in {@code [-rank, rank)}
   * @param start the first index kept; negative counts from the end
   * @param end the exclusive end; negative counts from the end
   * @param step the distance between kept indices, at least 1
   * @return a view sharing this tensor's storage, possibly with size 0 along {@code dim}
   * @throws IllegalArgumentException if {@code step <= 0}
   */
  public Tensor slice(int dim, int start, int end, int step) {
    return Views.slice(this, dim, start, end, step);
  }

  /**
   * Returns the view at {@code index} of dimension {@code dim}, which it removes; a negative index
   * counts from the end.
   *
   * @param dim the dimension to index, in {@code [-rank, rank)}
   * @param index the index along {@code dim}, in {@code [-size, size)}
   * @return a view of rank one less, sharing this tensor's storage
   * @throws IllegalArgumentException if the index is out of range
   */
  public Tensor select(int dim, int index) {
    return Views.select(this, dim, index);
  }

  /**
   * Returns a view broadcast to {@code sizes}: dimensions of size 1 are repeated with stride 0 and
   * new leading dimensions may be added; -1 keeps a size.
   *
   * @param sizes the target sizes, at least as many as this tensor has dimensions; -1 keeps the
   *     matching size
   * @return a view sharing this tensor's storage; the in-place methods refuse to write into it,
   *     since its repeated elements share one memory location
   * @throws IllegalArgumentException if a dimension of size other than 1 would change
   */
  public Tensor expand(int... sizes) {
    return Views.expand(this, sizes);
  }

  /**
   * Returns {@link #expand(int...)} to {@code target}.
   *
   * @param target the shape to broadcast to
   * @return this tensor if it already has shape {@code target}, otherwise a view sharing its
   *     storage
   * @throws IllegalArgumentException if this tensor cannot be broadcast to {@code target}
   */
  public Tensor expand(Shape target) {
    return Views.expand(this, target);
  }

  /**
   * Returns a view with a dimension of size 1 inserted at {@code dim} (in {@code [-rank-1, rank]}).
   *
   * @param dim where the new dimension goes; negative values count from the end of the result
   * @return a view of rank one more, sharing this tensor's storage
   * @throws IllegalArgumentException if {@code dim} is out of range
   */
  public Tensor unsqueeze(int dim) {
    return Views.unsqueeze(this, dim);
  }

  /**
   * Returns a view without the dimensions of size 1.
   *
   * @return a view sharing this tensor's storage (this tensor's shape when no size is 1)
   */
  public Tensor squeeze() {
    return Views.squeeze(this);
  }

  /**
   * Returns a view without dimension {@code dim} if its size is 1, otherwise this tensor.
   *
   * @param dim the dimension to remove, in {@code [-rank, rank)}
   * @return a view of rank one less, or this tensor
   * @throws IllegalArgumentException if {@code dim} is out of range
   */
  public Tensor squeeze(int dim) {
    int d = shape.normalizeDim(dim);
    return shape.size(d) == 1 ? select(d, 0) : this;
  }

  /**
   * Returns the elements as a 1-D tensor: a view when the strides allow it.
   *
   * @return a 1-D tensor of {@link #numel()} elements: a view or a new contiguous tensor
   */
  public Tensor flatten() {
    return reshape(-1);
  }

  /**
   * Returns this tensor with dimensions {@code startDim..endDim} (inclusive) merged into one: a
   * view when the strides allow it.
   *
   * @param startDim the first dimension merged, in {@code [-rank, rank)}
   * @param endDim the last dimension merged, not before {@code startDim}
   * @return a view or a new contiguous tensor
   * @throws IllegalArgumentException if a dimension is out of range or {@code startDim} comes after
   *     {@code endDim}
   */
  public Tensor flatten(int startDim, int endDim) {
    return Views.flatten(this, startDim, endDim);
  }

  /**
   * Returns this tensor if it is contiguous, otherwise a contiguous copy.
   *
   * @return this tensor, or a new contiguous tensor with the same elements
   */
  public Tensor contiguous() {
    return WriteOps.contiguous(this);
  }

  /**
   * Returns a contiguous copy that shares nothing with this tensor.
   *
   * @return a new contiguous tensor of the same shape, dtype and elements
   */
  public Tensor copy() {
    return WriteOps.copy(this, dtype());
  }

  /**
   * Returns this tensor converted to {@code target}, or this tensor if it already has that dtype.
   *
   * @param target the element type wanted; INT32 truncates floats toward zero
   * @return this tensor, or a new contiguous tensor of dtype {@code target}
   */
  public Tensor to(DType target) {
    return WriteOps.to(this, target);
  }

  // ---------------------------------------------------------------- elementwise

  /**
   * Returns {@code this + other}, broadcasting.
   *
   * @param other the right operand, broadcast against this tensor
   * @return a new tensor of the broadcast shape and the promoted dtype
   * @throws IllegalArgumentException if the shapes cannot be broadcast
   */
  public Tensor add(Tensor other) {
    return PointwiseOps.binary("add", this, other, BinaryOp.ADD);
  }

  /**
   * Returns {@code this + value}.
   *
   * @param value the number to add to every element
   * @return a new tensor of this shape; FLOAT32 for an INT32 tensor (see {@link DType})
   */
  public Tensor add(double value) {
    return add(scalarFor(value));
  }

  /**
   * Returns {@code this - other}, broadcasting.
   *
   * @param other the right operand, broadcast against this tensor
   * @return a new tensor of the broadcast shape and the promoted dtype
   * @throws IllegalArgumentException if the shapes cannot be broadcast
   */
  public Tensor sub(Tensor other) {
    return PointwiseOps.binary("sub", this, other, BinaryOp.SUB);
  }

  /**
   * Returns {@code this - value}.
   *
   * @param value the number to subtract from every element
   * @return a new tensor of this shape; FLOAT32 for an INT32 tensor
   */
  public Tensor sub(double value) {
    return sub(scalarFor(value));
  }

  /**
   * Returns {@code this * other}, broadcasting.
   *
   * @param other the right operand, broadcast against this tensor
   * @return a new tensor of the broadcast shape and the promoted dtype
   * @throws IllegalArgumentException if the shapes cannot be broadcast
   */
  public Tensor mul(Tensor other) {
    return PointwiseOps.binary("mul", this, other, BinaryOp.MUL);
  }

  /**
   * Returns {@code this * value}.
   *
   * @param value the factor for every element
   * @return a new tensor of this shape; FLOAT32 for an INT32 tensor
   */
  public Tensor mul(double value) {
    return mul(scalarFor(value));
  }

  /**
   * Returns {@code this / other}, broadcasting; true division, so INT32 operands give FLOAT32.
   *
   * @param other the divisor, broadcast against this tensor
   * @return a new floating tensor of the broadcast shape
   * @throws IllegalArgumentException if the shapes cannot be broadcast
   */
  public Tensor div(Tensor other) {
    return PointwiseOps.binary("div", this, other, BinaryOp.DIV);
  }

  /**
   * Returns {@code this / value}.
   *
   * @param value the divisor for every element
   * @return a new floating tensor of this shape
   */
  public Tensor div(double value) {
    return div(scalarFor(value));
  }

  /**
   * Returns {@code this ^ other} elementwise, broadcasting, with C99's special cases as in PyTorch:
   * {@code 1^y} is 1 for every {@code y} (NaN included) and {@code (-1)^±inf} is 1, where {@link
   * Math#pow} gives NaN.
   *
   * @param other the exponents, broadcast against this tensor
   * @return a new floating tensor of the broadcast shape
   * @throws IllegalArgumentException if the shapes cannot be broadcast
   */
  public Tensor pow(Tensor other) {
    return PointwiseOps.binaryFloating("pow", this, other, Powers::pow);
  }

  /**
   * Returns {@code this ^ exponent} elementwise, computed as PyTorch computes it: exponents 0.5 and
   * -0.5 through the square root (so {@code (-inf)^0.5} is NaN and {@code (-0.0)^-0.5} is -inf), 2,
   * 3, -1 and -2 by multiplication and division, others with C99's special cases as {@link
   * #pow(Tensor)}.
   *
   * @param exponent the exponent for every element
   * @return a new floating tensor of this shape
   */
  public Tensor pow(double exponent) {
    return PointwiseOps.mapFloating(this, Powers.toThe(exponent));
  }

  /**
   * Returns the elementwise maximum, broadcasting; NaN wins, as in PyTorch.
   *
   * @param other the other operand, broadcast against this tensor
   * @return a new tensor of the broadcast shape and the promoted dtype
   * @throws IllegalArgumentException if the shapes cannot be broadcast
   */
  public Tensor maximum(Tensor other) {
    return PointwiseOps.binary("maximum", this, other, BinaryOp.MAX);
  }

  /**
   * Returns the elementwise minimum, broadcasting; NaN wins, as in PyTorch.
   *
   * @param other the other operand, broadcast against this tensor
   * @return a new tensor of the broadcast shape and the promoted dtype
   * @throws IllegalArgumentException if the shapes cannot be broadcast
   */
  public Tensor minimum(Tensor other) {
    return PointwiseOps.binary("minimum", this, other, BinaryOp.MIN);
  }

  /**
   * Returns a mask, 1 where {@code this == other} and 0 elsewhere, in the promoted dtype.
   *
   * @param other the right operand, broadcast against this tensor
   * @return a new tensor of 0s and 1s of the broadcast shape
   * @throws IllegalArgumentException if the shapes cannot be broadcast
   */
  public Tensor eq(Tensor other) {
    return PointwiseOps.binary("eq", this, other, BinaryOp.EQ);
  }

  /**
   * Returns a mask, 1 where {@code this == value}.
   *
   * @param value the number each element is compared with
   * @return a new tensor of 0s and 1s of this shape
   */
  public Tensor eq(double value) {
    return eq(scalarFor(value));
  }

  /**
   * Returns a mask, 1 where {@code this != other}, in the promoted dtype.
   *
   * @param other the right operand, broadcast against this tensor
   * @return a new tensor of 0s and 1s of the broadcast shape
   * @throws IllegalArgumentException if the shapes cannot be broadcast
   */
  public Tensor ne(Tensor other) {
    return PointwiseOps.binary("ne", this, other, BinaryOp.NE);
  }

  /**
   * Returns a mask, 1 where {@code this < other}, in the promoted dtype.
   *
   * @param other the right operand, broadcast against this tensor
   * @return a new tensor of 0s and 1s of the broadcast shape
   * @throws IllegalArgumentException if the shapes cannot be broadcast
   */
  public Tensor lt(Tensor other) {
    return PointwiseOps.binary("lt", this, other, BinaryOp.LT);
  }

  /**
   * Returns a mask, 1 where {@code this < value}.
   *
   * @param value the number each element is compared with
   * @return a new tensor of 0s and 1s of this shape
   */
  public Tensor lt(double value) {
    return lt(scalarFor(value));
  }

  /**
   * Returns a mask, 1 where {@code this <= other}, in the promoted dtype.
   *
   * @param other the right operand, broadcast against this tensor
   * @return a new tensor of 0s and 1s of the broadcast shape
   * @throws IllegalArgumentException if the shapes cannot be broadcast
   */
  public Tensor le(Tensor other) {
    return PointwiseOps.binary("le", this, other, BinaryOp.LE);
  }

  /**
   * Returns a mask, 1 where {@code this <= value}.
   *
   * @param value the number each element is compared with
   * @return a new tensor of 0s and 1s of this shape
   */
  public Tensor le(double value) {
    return le(scalarFor(value));
  }

  /**
   * Returns a mask, 1 where {@code this > other}, in the promoted dtype.
   *
   * @param other the right operand, broadcast against this tensor
   * @return a new tensor of 0s and 1s of the broadcast shape
   * @throws IllegalArgumentException if the shapes cannot be broadcast
   */
  public Tensor gt(Tensor other) {
    return PointwiseOps.binary("gt", this, other, BinaryOp.GT);
  }

  /**
   * Returns a mask, 1 where {@code this > value}.
   *
   * @param value the number each element is compared with
   * @return a new tensor of 0s and 1s of this shape
   */
  public Tensor gt(double value) {
    return gt(scalarFor(value));
  }

  /**
   * Returns a mask, 1 where {@code this >= other}, in the promoted dtype.
   *
   * @param other the right operand, broadcast against this tensor
   * @return a new tensor of 0s and 1s of the broadcast shape
   * @throws IllegalArgumentException if the shapes cannot be broadcast
   */
  public Tensor ge(Tensor other) {
    return PointwiseOps.binary("ge", this, other, BinaryOp.GE);
  }

  /**
   * Returns a mask, 1 where {@code this >= value}.
   *
   * @param value the number each element is compared with
   * @return a new tensor of 0s and 1s of this shape
   */
  public Tensor ge(double value) {
    return ge(scalarFor(value));
  }

  /**
   * Returns {@code condition != 0 ? a : b} elementwise, broadcasting all three; the result has the
   * promoted dtype of {@code a} and {@code b}.
   *
   * @param condition the mask, any dtype; nonzero elements select {@code a}
   * @param a the values taken where the condition holds
   * @param b the values taken elsewhere
   * @return a new tensor of the shape all three broadcast to
   * @throws IllegalArgumentException if the shapes cannot be broadcast
   */
  public static Tensor where(Tensor condition, Tensor a, Tensor b) {
    return PointwiseOps.where(condition, a, b);
  }

  /**
   * Returns {@code -this}.
   *
   * @return a new tensor of this shape and dtype
   */
  public Tensor neg() {
    return PointwiseOps.unary(this, UnaryOp.NEG);
  }

  /**
   * Returns {@code |this|}.
   *
   * @return a new tensor of this shape and dtype
   */
  public Tensor abs() {
    return PointwiseOps.unary(this, UnaryOp.ABS);
  }

  /**
   * Returns the sign of each element: -1, 0 or 1; as in PyTorch, NaN and -0.0 give 0.
   *
   * @return a new tensor of this shape and dtype
   */
  public Tensor sign() {
    return PointwiseOps.unary(this, UnaryOp.SIGN);
  }

  /**
   * Returns {@code e^this}.
   *
   * @return a new floating tensor of this shape
   */
  public Tensor exp() {
    return PointwiseOps.unary(this, UnaryOp.EXP);
  }

  /**
   * Returns the natural logarithm.
   *
   * @return a new floating tensor of this shape; -inf at 0 and NaN below 0
   */
  public Tensor log() {
    return PointwiseOps.unary(this, UnaryOp.LOG);
  }

  /**
   * Returns the square root.
   *
   * @return a new floating tensor of this shape; NaN below 0
   */
  public Tensor sqrt() {
    return PointwiseOps.unary(this, UnaryOp.SQRT);
  }

  /**
   * Returns {@code max(this, 0)}; NaN and -0.0 stay as they are, as in PyTorch.
   *
   * @return a new tensor of this shape and dtype
   */
  public Tensor relu() {
    return PointwiseOps.unary(this, UnaryOp.RELU);
  }

  /**
   * Returns the logistic sigmoid {@code 1 / (1 + e^-this)}, computed without overflow.
   *
   * @return a new floating tensor of this shape, with values in {@code [0, 1]}
   */
  public Tensor sigmoid() {
    return PointwiseOps.unary(this, UnaryOp.SIGMOID);
  }

  /**
   * Returns the hyperbolic tangent.
   *
   * @return a new floating tensor of this shape, with values in {@code [-1, 1]}
   */
  public Tensor tanh() {
    return PointwiseOps.unary(this, UnaryOp.TANH);
  }

  /**
   * Returns each element clamped to {@code [min, max]}; pass an infinity for a one-sided clamp.
   *
   * @param min the lower bound, or {@link Double#NEGATIVE_INFINITY} for none
   * @param max the upper bound, or {@link Double#POSITIVE_INFINITY} for none
   * @return a new tensor of this shape and dtype
   * @throws IllegalArgumentException if {@code min > max} or either is NaN
   */
  public Tensor clamp(double min, double max) {
    return PointwiseOps.clamp(this, min, max);
  }

  // ---------------------------------------------------------------- activations
  // (torch.nn.functional)

  /**
   * Returns the error function {@code erf(x) = 2/√π ∫₀ˣ e^{-t²} dt} of each element, as {@code
   * torch.erf}, accurate to a few ulps in float64.
   *
   * @return a new floating tensor of this shape, with values in {@code [-1, 1]}
   */
  public Tensor erf() {
    return PointwiseOps.mapFloating(this, ErrorFunction::erf);
  }

  /**
   * Returns the complementary error function {@code erfc(x) = 1 - erf(x)} of each element, as
   * {@code torch.erfc}, without the cancellation of {@code 1 - erf(x)} for large x.
   *
   * @return a new floating tensor of this shape, with values in {@code [0, 2]}
   */
  public Tensor erfc() {
    return PointwiseOps.mapFloating(this, ErrorFunction::erfc);
  }

  /**
   * Returns the exact GELU {@code x · Φ(x)}, Φ the standard normal CDF, as {@code F.gelu(x)}; see
   * {@link #gelu(String)}.
   *
   * @return a new floating tensor of this shape
   */
  public Tensor gelu() {
    return gelu("none");
  }

  /**
   * Returns the GELU of each element, as {@code F.gelu(x, approximate)}: {@code "none"} gives
   * {@code x · Φ(x)} with {@code Φ(x) = erfc(-x/√2) / 2} (accurate also far below 0, where
   * PyTorch's {@code (1 + erf(x/√2)) / 2} rounds to 0), {@code "tanh"} gives {@code 0.5 · x · (1 +
   * tanh(√(2/π) · (x + 0.044715 · x³)))}.
   *
   * @param approximate {@code "none"} or {@code "tanh"}
   * @return a new floating tensor of this shape
   * @throws IllegalArgumentException if approximate is neither
   */
  public Tensor gelu(String approximate) {
    return PointwiseOps.mapFloating(
        this, geluIsTanh(approximate) ? Activations::geluTanh : Activations::gelu);
  }

  /**
   * Returns whether {@code approximate} selects gelu's tanh approximation, as {@code F.gelu} checks
   * its argument.
   *
   * @param approximate {@code "none"} or {@code "tanh"}
   * @return true for {@code "tanh"}, false for {@code "none"}
   * @throws IllegalArgumentException if approximate is neither
   */
  public static boolean geluIsTanh(String approximate) {
    checkArgument(
        "none".equals(approximate) || "tanh".equals(approximate),
        "gelu: approximate must be 'none' or 'tanh', got %s",
        approximate == null ? null : "'" + approximate + "'");
    return "tanh".equals(approximate);
  }

  /**
   * Returns the SiLU (swish) {@code x · sigmoid(x) = x / (1 + e^-x)} of each element, as {@code
   * F.silu}.
   *
   * @return a new floating tensor of this shape
   */
  public Tensor silu() {
    return PointwiseOps.mapFloating(this, Activations::silu);
  }

  /**
   * Returns the softplus of each element, as {@code F.softplus(x, beta, threshold)}: {@code log(1 +
   * e^{β·x}) / β}, and {@code x} itself where {@code β·x > threshold}.
   *
   * @param beta the scale β (PyTorch's default 1)
   * @param threshold above which {@code β·x} the function is linear (PyTorch's default 20)
   * @return a new floating tensor of this shape
   */
  public Tensor softplus(double beta, double threshold) {
    return PointwiseOps.mapFloating(this, v -> Activations.softplus(v, beta, threshold));
  }

  /**
   * Returns the ELU of each element, as {@code F.elu(x, alpha)}: {@code x} above 0, {@code α · (e^x
   * - 1)} (computed as {@code α · expm1(x)}) at 0 and below.
   *
   * @param alpha the scale α of the negative side (PyTorch's default 1)
   * @return a new floating tensor of this shape
   */
  public Tensor elu(double alpha) {
    return PointwiseOps.mapFloating(this, v -> Activations.elu(v, alpha));
  }

  /**
   * Returns each element clamped to {@code [min, max]}, as {@code F.hardtanh(x, min_val, max_val)};
   * NaN stays NaN. The same values as {@link #clamp}, always floating; the two differ in their
   * derivative at the bounds.
   *
   * @param min the lower bound (PyTorch's default -1)
   * @param max the upper bound (PyTorch's default 1)
   * @return a new floating tensor of this shape
   * @throws IllegalArgumentException if {@code min > max} or either is NaN
   */
  public Tensor hardtanh(double min, double max) {
    checkArgument(min <= max, "hardtanh: min_val %s must be <= max_val %s", min, max);
    return PointwiseOps.mapFloating(this, v -> Activations.hardtanh(v, min, max));
  }

  /**
   * Returns the leaky ReLU of each element, as {@code F.leaky_relu(x, negative_slope)}: {@code x}
   * above 0, {@code negative_slope · x} at 0 and below; NaN stays NaN.
   *
   * @param negativeSlope the factor of the negative side (PyTorch's default 0.01)
   * @return a new floating tensor of this shape
   */
  public Tensor leakyRelu(double negativeSlope) {
    return PointwiseOps.mapFloating(this, v -> Activations.leakyRelu(v, negativeSlope));
  }

  private Tensor scalarFor(double value) {
    return scalar(value, dtype().toFloating());
  }

  // ---------------------------------------------------------------- reductions

  /**
   * Returns the sum of all elements as a rank-0 tensor.
   *
   * @return a new rank-0 tensor: INT32 for INT32 input, otherwise this tensor's dtype
   */
  public Tensor sum() {
    return sum(allDims(), false);
  }

  /**
   * Returns the sums over dimension {@code dim}, which is removed.
   *
   * @param dim the dimension to sum over, in {@code [-rank, rank)}
   * @return a new tensor of rank one less
   */
  public Tensor sum(int dim) {
    return sum(new int[] {dim}, false);
  }

  /**
   * Returns the sums over dimension {@code dim}, kept with size 1 when {@code keepdim}.
   *
   * @param dim the dimension to sum over, in {@code [-rank, rank)}
   * @param keepdim whether the result keeps {@code dim} with size 1, which broadcasts back against
   *     this tensor
   * @return a new tensor
   */
  public Tensor sum(int dim, boolean keepdim) {
    return sum(new int[] {dim}, keepdim);
  }

  /**
   * Returns the sums over {@code dims}, kept with size 1 when {@code keepdim}. Float sums
   * accumulate in double precision; the sum over no elements is 0.
   *
   * @param dims the dimensions to sum over, each in {@code [-rank, rank)}, without repeats
   * @param keepdim whether the result keeps them with size 1
   * @return a new tensor
   */
  public Tensor sum(int[] dims, boolean keepdim) {
    return ReductionOps.reduce(this, ReductionKind.SUM, dims, keepdim);
  }

  /**
   * Returns the mean of all elements as a rank-0 tensor (NaN for an empty tensor).
   *
   * @return a new rank-0 floating tensor
   */
  public Tensor mean() {
    return mean(allDims(), false);
  }

  /**
   * Returns the means over dimension {@code dim}, kept with size 1 when {@code keepdim}.
   *
   * @param dim the dimension to average over, in {@code [-rank, rank)}
   * @param keepdim whether the result keeps {@code dim} with size 1
   * @return a new floating tensor
   */
  public Tensor mean(int dim, boolean keepdim) {
    return mean(new int[] {dim}, keepdim);
  }

  /**
   * Returns the means over {@code dims}, kept with size 1 when {@code keepdim}; INT32 gives
   * FLOAT32.
   *
   * @param dims the dimensions to average over, each in {@code [-rank, rank)}, without repeats
   * @param keepdim whether the result keeps them with size 1
   * @return a new floating tensor
   */
  public Tensor mean(int[] dims, boolean keepdim) {
    return ReductionOps.reduce(this, ReductionKind.MEAN, dims, keepdim);
  }

  /**
   * Returns the largest element as a rank-0 tensor; NaN if any element is NaN.
   *
   * @return a new rank-0 tensor of this dtype
   */
  public Tensor max() {
    return max(allDims(), false);
  }

  /**
   * Returns the largest elements along {@code dim}, kept with size 1 when {@code keepdim}.
   *
   * @param dim the dimension to reduce, in {@code [-rank, rank)}
   * @param keepdim whether the result keeps {@code dim} with size 1
   * @return a new tensor of this dtype; NaN where a reduced slice holds a NaN
   */
  public Tensor max(int dim, boolean keepdim) {
    return max(new int[] {dim}, keepdim);
  }

  private Tensor max(int[] dims, boolean keepdim) {
    return ReductionOps.reduce(this, ReductionKind.MAX, dims, keepdim);
  }

  /**
   * Returns the flat (row-major) index of the largest element as a rank-0 INT32 tensor; the first
   * one on ties, and the first NaN if there is one, as in PyTorch.
   *
   * @return a new rank-0 INT32 tensor
   */
  public Tensor argmax() {
    return contiguous().reshape(-1).argmax(0, false);
  }

  /**
   * Returns the indices of the largest elements along {@code dim} as INT32.
   *
   * @param dim the dimension to search, in {@code [-rank, rank)}
   * @param keepdim whether the result keeps {@code dim} with size 1
   * @return a new INT32 tensor of indices into {@code dim}; the first on ties, the first NaN if
   *     there is one
   */
  public Tensor argmax(int dim, boolean keepdim) {
    return ReductionOps.reduce(this, ReductionKind.ARGMAX, new int[] {dim}, keepdim);
  }

  /**
   * Returns {@code log(sum(exp(this)))} over all elements, computed stably.
   *
   * @return a new rank-0 floating tensor
   */
  public Tensor logsumexp() {
    return logsumexp(allDims(), false);
  }

  /**
   * Returns {@code log(sum(exp(this), dim))}, computed stably.
   *
   * @param dim the dimension to reduce, in {@code [-rank, rank)}
   * @param keepdim whether the result keeps {@code dim} with size 1
   * @return a new floating tensor
   */
  public Tensor logsumexp(int dim, boolean keepdim) {
    return logsumexp(new int[] {dim}, keepdim);
  }

  /**
   * Returns {@code log(sum(exp(this), dims))}, computed stably by subtracting the maximum first;
   * {@code -inf} over no elements.
   *
   * @param dims the dimensions to reduce, each in {@code [-rank, rank)}, without repeats
   * @param keepdim whether the result keeps them with size 1
   * @return a new floating tensor
   */
  public Tensor logsumexp(int[] dims, boolean keepdim) {
    return ReductionOps.reduce(this, ReductionKind.LOGSUMEXP, dims, keepdim);
  }

  /**
   * Returns {@code softmax(this)} along {@code dim} as {@code torch.softmax} computes it: {@code
   * exp(x - m) / sum(exp(x - m))} with {@code m} the maximum along {@code dim}; a slice holding
   * +inf or NaN is NaN throughout.
   *
   * @param dim the dimension that sums to one, in {@code [-rank, rank)} ({@code 0} or {@code -1}
   *     for a rank-0 tensor)
   * @return a new floating tensor of this shape
   * @throws IllegalArgumentException if {@code dim} is out of range
   */
  public Tensor softmax(int dim) {
    return Softmaxes.softmax(this, dim);
  }

  /**
   * Returns {@code log_softmax(this)} along {@code dim} as {@code torch.log_softmax} computes it:
   * {@code (x - m) - log(sum(exp(x - m)))} with {@code m} the maximum along {@code dim}, the shift
   * exact; a slice holding +inf or NaN is NaN throughout.
   *
   * @param dim the dimension normalized over, in {@code [-rank, rank)} ({@code 0} or {@code -1} for
   *     a rank-0 tensor)
   * @return a new floating tensor of this shape
   * @throws IllegalArgumentException if {@code dim} is out of range
   */
  public Tensor logSoftmax(int dim) {
    return Softmaxes.logSoftmax(this, dim);
  }

  private int[] allDims() {
    int[] dims = new int[dim()];
    Arrays.setAll(dims, d -> d);
    return dims;
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
   * @param other the right operand, of rank 1 or more and this tensor's dtype (FLOAT32 or FLOAT64;
   *     mixed dtypes are refused, as in PyTorch)
   * @return a new contiguous tensor in the operands' dtype
   * @throws IllegalArgumentException if an operand is rank 0, the dtypes differ or are not
   *     floating, the inner sizes differ, or the batch dimensions cannot be broadcast
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
   * @param weight the weight matrix {@code [out, in]}, in this tensor's dtype
   * @param bias the bias {@code [out]}, or null for none
   * @return a new contiguous {@code [N, out]} tensor
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
   * @param dim the dimension to pick along, in {@code [-rank, rank)}
   * @param index the indices to pick, a 1-D INT32 tensor; entries may repeat
   * @return a new contiguous tensor
   * @throws IllegalArgumentException if the index is not 1-D INT32 or an entry is out of range
   */
  public Tensor indexSelect(int dim, Tensor index) {
    return Indexing.indexSelect(this, dim, index);
  }

  /**
   * Returns a copy of this tensor with slice {@code k} of {@code source} added to slice {@code
   * index[k]} along {@code dim}, for every k (repeated indices accumulate): the adjoint of {@link
   * #indexSelect}.
   *
   * @param dim the dimension to add along, in {@code [-rank, rank)}
   * @param index the target slice of each source slice, a 1-D INT32 tensor
   * @param source the slices to add, of this tensor's shape except {@code index.numel()} along
   *     {@code dim}
   * @return a new tensor; this one is unchanged
   * @throws IllegalArgumentException if the index is not 1-D INT32, an entry is out of range, or
   *     {@code source} has the wrong shape
   */
  public Tensor indexAdd(int dim, Tensor index, Tensor source) {
    return Indexing.indexAdd(this, dim, index, source);
  }

  /**
   * Returns {@code out[i][j] = this[i][index[i][j]]} for {@code dim = 1}, and likewise for other
   * dims, as {@code torch.gather}: the index has this tensor's rank and the output its shape.
   *
   * @param dim the dimension the index points into, in {@code [-rank, rank)}
   * @param index the INT32 indices, of this tensor's rank and no larger than it in any other
   *     dimension
   * @return a new tensor of the index's shape and this tensor's dtype
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
   *
   * @param dim the dimension the index points into, in {@code [-rank, rank)}
   * @param index the INT32 target indices, of this tensor's rank
   * @param src the values to add, at least as large as {@code index} in every dimension
   * @return a new tensor; this one is unchanged
   * @throws IllegalArgumentException if the index is not INT32, a shape does not fit, or an entry
   *     is out of range
   */
  public Tensor scatterAdd(int dim, Tensor index, Tensor src) {
    return Indexing.scatterAdd(this, dim, index, src);
  }

  /**
   * Returns the one-hot encoding of these INT32 labels as an INT32 tensor of shape {@code shape +
   * [numClasses]}, as {@code torch.nn.functional.one_hot}.
   *
   * @param numClasses the number of classes, at least 1
   * @return a new INT32 tensor of zeros with a 1 at each label's position
   * @throws IllegalArgumentException if a label is outside {@code [0, numClasses)}
   */
  public Tensor oneHot(int numClasses) {
    return oneHot(numClasses, DType.INT32);
  }

  /**
   * Returns the one-hot encoding of these INT32 labels in the given dtype.
   *
   * @param numClasses the number of classes, at least 1
   * @param dtype the element type of the result, for example FLOAT32 to use it as a target
   * @return a new tensor of zeros with a 1 at each label's position
   * @throws IllegalArgumentException if these labels are not INT32, {@code numClasses < 1}, or a
   *     label is outside {@code [0, numClasses)}
   */
  public Tensor oneHot(int numClasses, DType dtype) {
    return Indexing.oneHot(this, numClasses, dtype);
  }

  // ---------------------------------------------------------------- everyday ops (issue 15)

  /**
   * Returns the smallest element as a rank-0 tensor; NaN if any element is NaN.
   *
   * @return a new rank-0 tensor of this dtype
   * @throws IllegalArgumentException if this tensor is empty
   */
  public Tensor min() {
    return ReductionOps.reduce(this, ReductionKind.MIN, allDims(), false);
  }

  /**
   * Returns the smallest elements along {@code dim}, kept with size 1 when {@code keepdim}; {@link
   * #argmin(int, boolean)} gives their indices, as the second result of {@code torch.min(dim)}.
   *
   * @param dim the dimension to reduce, in {@code [-rank, rank)}
   * @param keepdim whether the result keeps {@code dim} with size 1
   * @return a new tensor of this dtype; NaN where a reduced slice holds a NaN
   * @throws IllegalArgumentException if {@code dim} is out of range or has size 0
   */
  public Tensor min(int dim, boolean keepdim) {
    return ReductionOps.reduce(this, ReductionKind.MIN, new int[] {dim}, keepdim);
  }

  /**
   * Returns the flat (row-major) index of the smallest element as a rank-0 INT32 tensor; the first
   * one on ties, and the first NaN if there is one, as in PyTorch.
   *
   * @return a new rank-0 INT32 tensor
   * @throws IllegalArgumentException if this tensor is empty
   */
  public Tensor argmin() {
    return contiguous().reshape(-1).argmin(0, false);
  }

  /**
   * Returns the indices of the smallest elements along {@code dim} as INT32.
   *
   * @param dim the dimension to search, in {@code [-rank, rank)}
   * @param keepdim whether the result keeps {@code dim} with size 1
   * @return a new INT32 tensor of indices into {@code dim}; the first on ties, the first NaN if
   *     there is one
   * @throws IllegalArgumentException if {@code dim} is out of range or has size 0
   */
  public Tensor argmin(int dim, boolean keepdim) {
    return ReductionOps.reduce(this, ReductionKind.ARGMIN, new int[] {dim}, keepdim);
  }

  /**
   * Returns the tensors joined along {@code dim}, as {@code torch.cat}: all of one rank and of one
   * size in every other dimension, in the promoted dtype. 1-D tensors of size 0 are skipped, as
   * PyTorch's legacy rule does.
   *
   * <pre>{@code
   * Tensor.cat(List.of(Tensor.ones(2, 3), Tensor.zeros(2, 1)), 1).shape();  // [2, 4]
   * }</pre>
   *
   * @param tensors the tensors to join, at least one
   * @param dim the dimension to join along, in {@code [-rank, rank)}
   * @return a new contiguous tensor
   * @throws IllegalArgumentException if the list is empty, {@code dim} is out of range, or a tensor
   *     differs from the first in rank or in a size other than {@code dim}'s
   */
  public static Tensor cat(List<Tensor> tensors, int dim) {
    return Joining.cat(tensors, dim);
  }

  /**
   * Returns the tensors, all of one shape, joined along a new dimension {@code dim}, as {@code
   * torch.stack}.
   *
   * @param tensors the tensors to stack, at least one, all of one shape
   * @param dim where the new dimension goes, in {@code [-(rank + 1), rank]}
   * @return a new contiguous tensor of rank one more
   * @throws IllegalArgumentException if the list is empty, the shapes differ or {@code dim} is out
   *     of range
   */
  public static Tensor stack(List<Tensor> tensors, int dim) {
    return Joining.stack(tensors, dim);
  }

  /**
   * Returns views of consecutive pieces of {@code splitSize} indices along {@code dim}, the last
   * one smaller if the size does not divide, as {@code torch.split}.
   *
   * @param splitSize the size of each piece, positive (0 only for a dimension of size 0)
   * @param dim the dimension to split, in {@code [-rank, rank)}
   * @return an unmodifiable list of views sharing this tensor's storage, at least one
   * @throws IllegalArgumentException if {@code splitSize} is negative, or 0 for a non-empty
   *     dimension
   */
  public List<Tensor> split(int splitSize, int dim) {
    return Joining.split(this, splitSize, dim);
  }

  /**
   * Returns views of consecutive pieces of the given sizes along {@code dim}, as {@code
   * torch.split} with a list ({@code split_with_sizes}).
   *
   * @param sizes the size of each piece, summing to the size of {@code dim}
   * @param dim the dimension to split, in {@code [-rank, rank)}
   * @return an unmodifiable list of views sharing this tensor's storage, one per size
   * @throws IllegalArgumentException if a size is negative or they do not sum to the dimension's
   */
  public List<Tensor> split(int[] sizes, int dim) {
    return Joining.split(this, sizes, dim);
  }

  /**
   * Returns views of {@code chunks} pieces along {@code dim}, as {@code torch.chunk}: pieces of
   * {@code ceil(size / chunks)} indices, the last one smaller, so there may be fewer than {@code
   * chunks}; a dimension of size 0 gives {@code chunks} empty pieces.
   *
   * @param chunks the number of pieces wanted, positive
   * @param dim the dimension to split, in {@code [-rank, rank)}
   * @return an unmodifiable list of views sharing this tensor's storage
   * @throws IllegalArgumentException if {@code chunks < 1}
   */
  public List<Tensor> chunk(int chunks, int dim) {
    return Joining.chunk(this, chunks, dim);
  }

  /**
   * Returns the product of all elements as a rank-0 tensor, multiplied in row-major order in double
   * precision; 1 for an empty tensor.
   *
   * @return a new rank-0 tensor of this dtype
   */
  public Tensor prod() {
    return ReductionOps.reduce(this, ReductionKind.PROD, allDims(), false);
  }

  /**
   * Returns the products along {@code dim}, kept with size 1 when {@code keepdim}, as {@code
   * torch.prod(dim, keepdim)}.
   *
   * @param dim the dimension to multiply along, in {@code [-rank, rank)}
   * @param keepdim whether the result keeps {@code dim} with size 1
   * @return a new tensor of this dtype; 1 where the dimension is empty
   */
  public Tensor prod(int dim, boolean keepdim) {
    return ReductionOps.reduce(this, ReductionKind.PROD, new int[] {dim}, keepdim);
  }

  /**
   * Returns the running sums along {@code dim}, as {@code torch.cumsum}: element {@code i} is the
   * sum of elements {@code 0..i}, added in index order in double precision.
   *
   * @param dim the dimension to scan, in {@code [-rank, rank)} (a rank-0 tensor takes 0 or -1)
   * @return a new contiguous tensor of this shape and dtype
   * @throws IllegalArgumentException if {@code dim} is out of range
   */
  public Tensor cumsum(int dim) {
    return ScanOps.scan(this, dim, false);
  }

  /**
   * Returns the running products along {@code dim}, as {@code torch.cumprod}: element {@code i} is
   * the product of elements {@code 0..i}, multiplied in index order in double precision. It has no
   * autograd op; {@code prod}'s gradient uses it.
   *
   * @param dim the dimension to scan, in {@code [-rank, rank)} (a rank-0 tensor takes 0 or -1)
   * @return a new contiguous tensor of this shape and dtype
   * @throws IllegalArgumentException if {@code dim} is out of range
   */
  public Tensor cumprod(int dim) {
    return ScanOps.scan(this, dim, true);
  }

  /**
   * Returns the variance of all elements with Bessel's correction, as {@code torch.var()}.
   *
   * @return a new rank-0 tensor; NaN for fewer than two elements
   * @throws IllegalArgumentException if this tensor is not floating
   */
  public Tensor var() {
    return var(new int[0], 1, false);
  }

  /**
   * Returns the variances over {@code dims}, as {@code torch.var(dims, unbiased, keepdim)}.
   *
   * @param dims the dimensions to reduce, each in {@code [-rank, rank)}, without repeats; none
   *     means all, as in PyTorch
   * @param unbiased whether to divide by {@code n − 1} (correction 1) instead of {@code n}
   * @param keepdim whether the result keeps them with size 1
   * @return a new tensor of this dtype
   * @throws IllegalArgumentException if this tensor is not floating or a dim is out of range
   */
  public Tensor var(int[] dims, boolean unbiased, boolean keepdim) {
    return var(dims, unbiased ? 1 : 0, keepdim);
  }

  /**
   * Returns {@code Σ (x − mean)² / max(0, n − correction)} over {@code dims}, as {@code
   * torch.var(dims, correction=c, keepdim)}: a divisor of 0 gives inf, or NaN if the sum is 0.
   *
   * @param dims the dimensions to reduce, each in {@code [-rank, rank)}, without repeats; none
   *     means all, as in PyTorch
   * @param correction the difference between the sample size and the degrees of freedom: 1 for the
   *     unbiased estimate, 0 for the population variance
   * @param keepdim whether the result keeps them with size 1
   * @return a new tensor of this dtype
   * @throws IllegalArgumentException if this tensor is not floating or a dim is out of range
   */
  public Tensor var(int[] dims, int correction, boolean keepdim) {
    return Statistics.variance(this, dims, correction, keepdim, false);
  }

  /**
   * Returns the standard deviation of all elements with Bessel's correction, as {@code
   * torch.std()}.
   *
   * @return a new rank-0 tensor; NaN for fewer than two elements
   * @throws IllegalArgumentException if this tensor is not floating
   */
  public Tensor std() {
    return std(new int[0], 1, false);
  }

  /**
   * Returns the standard deviations over {@code dims}, as {@code torch.std(dims, unbiased,
   * keepdim)}.
   *
   * @param dims the dimensions to reduce; none means all
   * @param unbiased whether to use correction 1 instead of 0
   * @param keepdim whether the result keeps them with size 1
   * @return a new tensor of this dtype
   * @throws IllegalArgumentException if this tensor is not floating or a dim is out of range
   */
  public Tensor std(int[] dims, boolean unbiased, boolean keepdim) {
    return std(dims, unbiased ? 1 : 0, keepdim);
  }

  /**
   * Returns the square root of {@link #var(int[], int, boolean)}, as {@code torch.std(dims,
   * correction=c, keepdim)}.
   *
   * @param dims the dimensions to reduce; none means all
   * @param correction the difference between the sample size and the degrees of freedom
   * @param keepdim whether the result keeps them with size 1
   * @return a new tensor of this dtype
   * @throws IllegalArgumentException if this tensor is not floating or a dim is out of range
   */
  public Tensor std(int[] dims, int correction, boolean keepdim) {
    return Statistics.variance(this, dims, correction, keepdim, true);
  }

  /**
   * Returns the Euclidean norm of all elements, as {@code torch.linalg.vector_norm(x)}.
   *
   * @return a new rank-0 tensor of this dtype
   * @throws IllegalArgumentException if this tensor is not floating
   */
  public Tensor norm() {
    return norm(2, new int[0], false);
  }

  /**
   * Returns the vector norm of order {@code p} of all elements, as {@code
   * torch.linalg.vector_norm(x, p)}.
   *
   * @param p the order: 2 (Euclidean), 1, {@code ±Infinity}, 0 (count of nonzeros) or any other
   *     number
   * @return a new rank-0 tensor of this dtype
   * @throws IllegalArgumentException as {@link #norm(double, int[], boolean)}
   */
  public Tensor norm(double p) {
    return norm(p, new int[0], false);
  }

  /**
   * Returns the vector norms of order {@code p} over {@code dims}, as {@code
   * torch.linalg.vector_norm(x, p, dims, keepdim)} and {@code torch.norm} with a number: {@code max
   * |x|} for +inf and {@code min |x|} for -inf (NaN if an element is NaN), the count of nonzero
   * elements for 0, {@code Σ |x|} for 1, {@code √(Σ x²)} for 2, and {@code (Σ |x|^p)^(1/p)}
   * otherwise, each in double precision without rescaling (as PyTorch, large values overflow).
   *
   * @param p the order of the norm
   * @param dims the dimensions to reduce, each in {@code [-rank, rank)}, without repeats; none
   *     means all
   * @param keepdim whether the result keeps them with size 1
   * @return a new tensor of this dtype; 0 over no elements
   * @throws IllegalArgumentException if this tensor is not floating, p is NaN, a dim is out of
   *     range, or p is infinite and a reduced dimension is empty
   */
  public Tensor norm(double p, int[] dims, boolean keepdim) {
    return Statistics.norm(this, p, dims, keepdim);
  }

  /**
   * Returns the Frobenius norm over {@code dims} for {@code p = "fro"}, as {@code torch.norm(x,
   * 'fro', dims, keepdim)}: the vector 2-norm.
   *
   * @param p the name of the order; only {@code "fro"}
   * @param dims the dimensions to reduce; none means all
   * @param keepdim whether the result keeps them with size 1
   * @return a new tensor of this dtype
   * @throws IllegalArgumentException if {@code p} is not {@code "fro"} or as {@link #norm(double,
   *     int[], boolean)}
   */
  public Tensor norm(String p, int[] dims, boolean keepdim) {
    return Statistics.norm(this, p, dims, keepdim);
  }

  /**
   * Returns a copy of this tensor with {@code value} where {@code mask} is nonzero, as {@code
   * torch.masked_fill}.
   *
   * @param mask the positions to fill (nonzero), any dtype, broadcastable to this shape
   * @param value the value written, cast to this dtype
   * @return a new tensor of this shape and dtype
   * @throws IllegalArgumentException if {@code mask} cannot be broadcast to this shape
   */
  public Tensor maskedFill(Tensor mask, double value) {
    checkArgument(
        Shape.broadcast("maskedFill", mask.shape(), shape).equals(shape),
        "maskedFill: mask of shape %s cannot be broadcast to the input's shape %s",
        mask.shape(),
        shape);
    return where(mask, scalar(value, dtype()), this);
  }

  /**
   * Returns a copy of this tensor with {@code src[i][j]} written at {@code [i][index[i][j]]} for
   * {@code dim = 1}, and likewise for other dims, as {@code torch.scatter}. Where the index repeats
   * a target the last write (in row-major order of the index) stays; PyTorch leaves that order
   * unspecified.
   *
   * @param dim the dimension the index points into, in {@code [-rank, rank)}
   * @param index the INT32 target indices, of this tensor's rank
   * @param src the values to write, at least as large as {@code index} in every dimension
   * @return a new tensor; this one is unchanged
   * @throws IllegalArgumentException if the index is not INT32, a shape does not fit, or an entry
   *     is out of range
   */
  public Tensor scatter(int dim, Tensor index, Tensor src) {
    return Indexing.scatter(this, dim, index, src);
  }

  /**
   * Returns a copy of this tensor with {@code value} written at every position the index points to,
   * as {@code torch.scatter(dim, index, value)}.
   *
   * @param dim the dimension the index points into, in {@code [-rank, rank)}
   * @param index the INT32 target indices, of this tensor's rank
   * @param value the value written, cast to this dtype
   * @return a new tensor; this one is unchanged
   * @throws IllegalArgumentException if the index is not INT32, its shape does not fit, or an entry
   *     is out of range
   */
  public Tensor scatter(int dim, Tensor index, double value) {
    return scatter(dim, index, full(index.shape(), value, dtype()));
  }

  // ---------------------------------------------------------------- in place

  /**
   * Sets every element to {@code value} (cast to the dtype); returns this tensor.
   *
   * @param value the value for every element
   * @return this tensor, for chaining
   */
  public Tensor fill(double value) {
    return WriteOps.fill(this, value);
  }

  /**
   * Sets every element to zero; returns this tensor.
   *
   * @return this tensor, for chaining
   */
  public Tensor zero() {
    return fill(0);
  }

  /**
   * Copies {@code src}, broadcast to this shape and cast to this dtype, into this tensor; returns
   * this tensor.
   *
   * @param src the values to copy, broadcastable to this shape; any dtype
   * @return this tensor, for chaining
   * @throws IllegalArgumentException if {@code src} cannot be broadcast to this shape
   */
  public Tensor copyFrom(Tensor src) {
    return WriteOps.copyFrom(this, src);
  }

  /**
   * Adds {@code other} (broadcast to this shape) to this tensor; returns this tensor.
   *
   * @param other the values to add, broadcastable to this shape
   * @return this tensor, for chaining
   * @throws IllegalArgumentException if {@code other} cannot be broadcast to this shape
   */
  public Tensor addInPlace(Tensor other) {
    return addInPlace(other, 1);
  }

  /**
   * Adds {@code alpha * other} (broadcast to this shape) to this tensor; returns this tensor. A
   * FLOAT32 tensor computes {@code fma((float) alpha, other, this)} in single precision with one
   * rounding, as PyTorch's vectorized CPU kernel does; other dtypes compute {@code this + alpha *
   * other} in double precision.
   *
   * @param other the values to add, broadcastable to this shape
   * @param alpha the factor applied to {@code other}, for example {@code -lr} in a gradient step
   * @return this tensor, for chaining
   * @throws IllegalArgumentException if {@code other} cannot be broadcast to this shape
   */
  public Tensor addInPlace(Tensor other, double alpha) {
    return WriteOps.addInPlace(this, other, alpha);
  }

  /**
   * Multiplies this tensor by {@code other} (broadcast to this shape); returns this tensor.
   *
   * @param other the factors, broadcastable to this shape
   * @return this tensor, for chaining
   * @throws IllegalArgumentException if {@code other} cannot be broadcast to this shape
   */
  public Tensor mulInPlace(Tensor other) {
    return WriteOps.mulInPlace(this, other);
  }

  /**
   * Multiplies this tensor by {@code value}; returns this tensor.
   *
   * @param value the factor for every element
   * @return this tensor, for chaining
   */
  public Tensor mulInPlace(double value) {
    return WriteOps.mulInPlace(this, value);
  }

  /**
   * Sets the element at {@code index} to {@code value} (cast to the dtype).
   *
   * @param value the new value; INT32 truncates it toward zero
   * @param index one index per dimension; negative values count from the end
   * @throws IllegalArgumentException if the index has the wrong length or is out of range
   */
  public void set(double value, int... index) {
    WriteOps.set(this, value, index);
  }

  // ---------------------------------------------------------------- export

  /**
   * Returns the single element of a one-element tensor as a double.
   *
   * @return the element, widened to double
   * @throws IllegalArgumentException if the tensor has other than one element
   */
  public double item() {
    checkArgument(numel() == 1, "item: expected a tensor with one element, got shape %s", shape);
    return PrimitiveArrays.get(storage.data(), offset);
  }

  /**
   * Returns the element at {@code index} (one index per dimension; negative counts from the end).
   *
   * @param index one index per dimension, each in {@code [-size, size)}
   * @return the element, widened to double
   * @throws IllegalArgumentException if the index has the wrong length or is out of range
   */
  public double get(int... index) {
    return PrimitiveArrays.get(
        storage.data(), Layout.offsetOf("get", shape, strides, offset, index));
  }

  /**
   * Returns the elements in row-major order as floats (converted if needed).
   *
   * @return a new array of {@link #numel()} floats, owned by the caller
   */
  public float[] toFloatArray() {
    return (float[]) WriteOps.copy(this, DType.FLOAT32).data();
  }

  /**
   * Returns the elements in row-major order as doubles (converted if needed).
   *
   * @return a new array of {@link #numel()} doubles, owned by the caller
   */
  public double[] toDoubleArray() {
    return (double[]) WriteOps.copy(this, DType.FLOAT64).data();
  }

  /**
   * Returns the elements in row-major order as ints (floats truncated toward zero).
   *
   * @return a new array of {@link #numel()} ints, owned by the caller
   */
  public int[] toIntArray() {
    return (int[]) WriteOps.copy(this, DType.INT32).data();
  }

  /**
   * Returns whether {@code |this - other| <= atol + rtol * |other|} holds for every element after
   * broadcasting, as {@code torch.allclose}; NaN is never close.
   *
   * @param other the reference values, broadcast against this tensor
   * @param rtol the relative tolerance, a fraction of {@code |other|}
   * @param atol the absolute tolerance
   * @return true when every element is close
   * @throws IllegalArgumentException if the shapes cannot be broadcast
   */
  public boolean allClose(Tensor other, double rtol, double atol) {
    return PointwiseOps.allClose(this, other, rtol, atol);
  }

  /**
   * Returns the elements in PyTorch's style, e.g. {@code tensor([[1.0000, 2.5000], …])}, summarized
   * with {@code ...} when there are more than 1000.
   */
  @Override
  public String toString() {
    int[] sizes = shape.toArray();
    Object data = storage.data();
    return TensorFormat.format(
        shape,
        dtype(),
        flat -> PrimitiveArrays.get(data, Layout.offsetOfFlat(sizes, strides, offset, flat)));
  }
}
