package dev.jgrad.tensor;

import static com.google.common.base.Preconditions.checkArgument;

import dev.jgrad.tensor.internal.BinaryOp;
import dev.jgrad.tensor.internal.PrimitiveArrays;
import dev.jgrad.tensor.internal.StridedLoop;
import dev.jgrad.tensor.internal.TensorFormat;
import dev.jgrad.tensor.internal.fused.FusedOps;
import java.util.Arrays;
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

  /** Returns a FLOAT32 tensor of zeros with the given sizes. */
  public static Tensor zeros(int... shape) {
    return zeros(Shape.of("zeros", shape), DType.FLOAT32);
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
    return ones(Shape.of("ones", shape), DType.FLOAT32);
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
    return WriteOps.full(shape, value, dtype);
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

  /** Returns the n×n FLOAT32 identity matrix. */
  public static Tensor eye(int n) {
    return eye(n, DType.FLOAT32);
  }

  /** Returns the n×n identity matrix. */
  public static Tensor eye(int n, DType dtype) {
    Tensor t = empty(Shape.of("eye", n, n), dtype);
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
    return rand(gen, Shape.of("rand", shape), DType.FLOAT32);
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
    return randn(gen, Shape.of("randn", shape), DType.FLOAT32);
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
    Tensor t = empty(Shape.of("randint", shape), DType.INT32);
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
    return Layout.isContiguous(shape, strides);
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
    return Views.transpose(this, dim0, dim1);
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
    return Views.permute(this, dims);
  }

  /**
   * Returns a view with a new shape and the same elements in row-major order. One size may be -1,
   * inferred from the others.
   *
   * @throws IllegalArgumentException if the element counts differ, or if the strides do not allow a
   *     view (then {@link #reshape} copies)
   */
  public Tensor view(int... sizes) {
    return Views.view(this, sizes);
  }

  /**
   * Returns a tensor with a new shape and the same elements in row-major order: a view when the
   * strides allow it, otherwise a contiguous copy. One size may be -1.
   */
  public Tensor reshape(int... sizes) {
    return Views.reshape(this, sizes);
  }

  /**
   * Returns the view of {@code length} consecutive indices of dimension {@code dim} starting at
   * {@code start}.
   *
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
   * @throws IllegalArgumentException if {@code step <= 0}
   */
  public Tensor slice(int dim, int start, int end, int step) {
    return Views.slice(this, dim, start, end, step);
  }

  /**
   * Returns the view at {@code index} of dimension {@code dim}, which it removes; a negative index
   * counts from the end.
   *
   * @throws IllegalArgumentException if the index is out of range
   */
  public Tensor select(int dim, int index) {
    return Views.select(this, dim, index);
  }

  /**
   * Returns a view broadcast to {@code sizes}: dimensions of size 1 are repeated with stride 0 and
   * new leading dimensions may be added; -1 keeps a size.
   *
   * @throws IllegalArgumentException if a dimension of size other than 1 would change
   */
  public Tensor expand(int... sizes) {
    return Views.expand(this, sizes);
  }

  /** Returns {@link #expand(int...)} to {@code target}. */
  public Tensor expand(Shape target) {
    return Views.expand(this, target);
  }

  /**
   * Returns a view with a dimension of size 1 inserted at {@code dim} (in {@code [-rank-1, rank]}).
   */
  public Tensor unsqueeze(int dim) {
    return Views.unsqueeze(this, dim);
  }

  /** Returns a view without the dimensions of size 1. */
  public Tensor squeeze() {
    return Views.squeeze(this);
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
    return Views.flatten(this, startDim, endDim);
  }

  /** Returns this tensor if it is contiguous, otherwise a contiguous copy. */
  public Tensor contiguous() {
    return WriteOps.contiguous(this);
  }

  /** Returns a contiguous copy that shares nothing with this tensor. */
  public Tensor copy() {
    return WriteOps.copy(this, dtype());
  }

  /**
   * Returns this tensor converted to {@code target}, or this tensor if it already has that dtype.
   */
  public Tensor to(DType target) {
    return WriteOps.to(this, target);
  }

  // ---------------------------------------------------------------- elementwise

  /** Returns {@code this + other}, broadcasting. */
  public Tensor add(Tensor other) {
    return PointwiseOps.binary("add", this, other, BinaryOp.ADD);
  }

  /** Returns {@code this + value}. */
  public Tensor add(double value) {
    return add(scalarFor(value));
  }

  /** Returns {@code this - other}, broadcasting. */
  public Tensor sub(Tensor other) {
    return PointwiseOps.binary("sub", this, other, BinaryOp.SUB);
  }

  /** Returns {@code this - value}. */
  public Tensor sub(double value) {
    return sub(scalarFor(value));
  }

  /** Returns {@code this * other}, broadcasting. */
  public Tensor mul(Tensor other) {
    return PointwiseOps.binary("mul", this, other, BinaryOp.MUL);
  }

  /** Returns {@code this * value}. */
  public Tensor mul(double value) {
    return mul(scalarFor(value));
  }

  /** Returns {@code this / other}, broadcasting; true division, so INT32 operands give FLOAT32. */
  public Tensor div(Tensor other) {
    return PointwiseOps.binary("div", this, other, BinaryOp.DIV);
  }

  /** Returns {@code this / value}. */
  public Tensor div(double value) {
    return div(scalarFor(value));
  }

  /** Returns {@code this ^ other} elementwise ({@link Math#pow}), broadcasting. */
  public Tensor pow(Tensor other) {
    return PointwiseOps.binaryFloating("pow", this, other, Math::pow);
  }

  /** Returns {@code this ^ exponent} elementwise ({@link Math#pow}). */
  public Tensor pow(double exponent) {
    return pow(scalarFor(exponent));
  }

  /** Returns the elementwise maximum, broadcasting; NaN wins, as in PyTorch. */
  public Tensor maximum(Tensor other) {
    return PointwiseOps.binary("maximum", this, other, BinaryOp.MAX);
  }

  /** Returns the elementwise minimum, broadcasting; NaN wins, as in PyTorch. */
  public Tensor minimum(Tensor other) {
    return PointwiseOps.binary("minimum", this, other, BinaryOp.MIN);
  }

  /** Returns a mask, 1 where {@code this == other} and 0 elsewhere, in the promoted dtype. */
  public Tensor eq(Tensor other) {
    return PointwiseOps.binary("eq", this, other, BinaryOp.EQ);
  }

  /** Returns a mask, 1 where {@code this == value}. */
  public Tensor eq(double value) {
    return eq(scalarFor(value));
  }

  /** Returns a mask, 1 where {@code this != other}, in the promoted dtype. */
  public Tensor ne(Tensor other) {
    return PointwiseOps.binary("ne", this, other, BinaryOp.NE);
  }

  /** Returns a mask, 1 where {@code this < other}, in the promoted dtype. */
  public Tensor lt(Tensor other) {
    return PointwiseOps.binary("lt", this, other, BinaryOp.LT);
  }

  /** Returns a mask, 1 where {@code this < value}. */
  public Tensor lt(double value) {
    return lt(scalarFor(value));
  }

  /** Returns a mask, 1 where {@code this <= other}, in the promoted dtype. */
  public Tensor le(Tensor other) {
    return PointwiseOps.binary("le", this, other, BinaryOp.LE);
  }

  /** Returns a mask, 1 where {@code this <= value}. */
  public Tensor le(double value) {
    return le(scalarFor(value));
  }

  /** Returns a mask, 1 where {@code this > other}, in the promoted dtype. */
  public Tensor gt(Tensor other) {
    return PointwiseOps.binary("gt", this, other, BinaryOp.GT);
  }

  /** Returns a mask, 1 where {@code this > value}. */
  public Tensor gt(double value) {
    return gt(scalarFor(value));
  }

  /** Returns a mask, 1 where {@code this >= other}, in the promoted dtype. */
  public Tensor ge(Tensor other) {
    return PointwiseOps.binary("ge", this, other, BinaryOp.GE);
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
    return PointwiseOps.where(condition, a, b);
  }

  /** Returns {@code -this}. */
  public Tensor neg() {
    return PointwiseOps.unary(this, UnaryOp.NEG);
  }

  /** Returns {@code |this|}. */
  public Tensor abs() {
    return PointwiseOps.unary(this, UnaryOp.ABS);
  }

  /** Returns the sign of each element: -1, 0 or 1 (NaN stays NaN). */
  public Tensor sign() {
    return PointwiseOps.unary(this, UnaryOp.SIGN);
  }

  /** Returns {@code e^this}. */
  public Tensor exp() {
    return PointwiseOps.unary(this, UnaryOp.EXP);
  }

  /** Returns the natural logarithm. */
  public Tensor log() {
    return PointwiseOps.unary(this, UnaryOp.LOG);
  }

  /** Returns the square root. */
  public Tensor sqrt() {
    return PointwiseOps.unary(this, UnaryOp.SQRT);
  }

  /** Returns {@code max(this, 0)}; NaN stays NaN. */
  public Tensor relu() {
    return PointwiseOps.unary(this, UnaryOp.RELU);
  }

  /** Returns the logistic sigmoid {@code 1 / (1 + e^-this)}, computed without overflow. */
  public Tensor sigmoid() {
    return PointwiseOps.unary(this, UnaryOp.SIGMOID);
  }

  /** Returns the hyperbolic tangent. */
  public Tensor tanh() {
    return PointwiseOps.unary(this, UnaryOp.TANH);
  }

  /**
   * Returns each element clamped to {@code [min, max]}; pass an infinity for a one-sided clamp.
   *
   * @throws IllegalArgumentException if {@code min > max} or either is NaN
   */
  public Tensor clamp(double min, double max) {
    return PointwiseOps.clamp(this, min, max);
  }

  private Tensor scalarFor(double value) {
    return scalar(value, dtype().toFloating());
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
    return ReductionOps.reduce(this, ReductionKind.SUM, dims, keepdim);
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
    return ReductionOps.reduce(this, ReductionKind.MEAN, dims, keepdim);
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
    return ReductionOps.reduce(this, ReductionKind.MAX, dims, keepdim);
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
    return ReductionOps.reduce(this, ReductionKind.ARGMAX, new int[] {dim}, keepdim);
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
    return ReductionOps.reduce(this, ReductionKind.LOGSUMEXP, dims, keepdim);
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
    return WriteOps.fill(this, value);
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
    return WriteOps.copyFrom(this, src);
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
    return WriteOps.addInPlace(this, other, alpha);
  }

  /** Multiplies this tensor by {@code other} (broadcast to this shape); returns this tensor. */
  public Tensor mulInPlace(Tensor other) {
    return WriteOps.mulInPlace(this, other);
  }

  /** Multiplies this tensor by {@code value}; returns this tensor. */
  public Tensor mulInPlace(double value) {
    return WriteOps.mulInPlace(this, value);
  }

  /**
   * Sets the element at {@code index} to {@code value} (cast to the dtype).
   *
   * @throws IllegalArgumentException if the index has the wrong length or is out of range
   */
  public void set(double value, int... index) {
    WriteOps.set(this, value, index);
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
    return PrimitiveArrays.get(
        storage.data(), Layout.offsetOf("get", shape, strides, offset, index));
  }

  /** Returns the elements in row-major order as floats (converted if needed). */
  public float[] toFloatArray() {
    return (float[]) WriteOps.copy(this, DType.FLOAT32).data();
  }

  /** Returns the elements in row-major order as doubles (converted if needed). */
  public double[] toDoubleArray() {
    return (double[]) WriteOps.copy(this, DType.FLOAT64).data();
  }

  /** Returns the elements in row-major order as ints (floats truncated toward zero). */
  public int[] toIntArray() {
    return (int[]) WriteOps.copy(this, DType.INT32).data();
  }

  /**
   * Returns whether {@code |this - other| <= atol + rtol * |other|} holds for every element after
   * broadcasting, as {@code torch.allclose}; NaN is never close.
   *
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
