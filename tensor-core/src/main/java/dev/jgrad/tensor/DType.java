package dev.jgrad.tensor;

/**
 * The element type of a tensor.
 *
 * <p><b>Mixing dtypes.</b> Binary operations promote as PyTorch does, along the order {@code INT32
 * < FLOAT32 < FLOAT64}: the result has the higher of the two operands' dtypes ({@link
 * #promote(DType, DType)}), and both operands are read as that dtype. A Java {@code double} scalar
 * operand is "weak", as a Python float is in PyTorch: it takes the dtype of a floating tensor it is
 * combined with, and turns an {@code INT32} tensor into {@code FLOAT32}. Operations that only make
 * sense for real numbers ({@code div}, {@code exp}, {@code log}, {@code sqrt}, {@code sigmoid},
 * {@code tanh}, {@code pow}, {@code mean}, {@code logsumexp}) give {@code FLOAT32} for {@code
 * INT32} input. {@code matmul} requires floating operands. Nothing is ever narrowed implicitly;
 * narrowing happens only through an explicit {@code to(DType)}.
 */
public enum DType {
  /** 32-bit integers: class labels and indices. */
  INT32(4, false),
  /** 32-bit IEEE 754 floats: the default for training. */
  FLOAT32(4, true),
  /** 64-bit IEEE 754 floats: for gradient checks and reference computations. */
  FLOAT64(8, true);

  private final int byteSize;
  private final boolean floatingPoint;

  DType(int byteSize, boolean floatingPoint) {
    this.byteSize = byteSize;
    this.floatingPoint = floatingPoint;
  }

  /**
   * Returns the size of one element in bytes.
   *
   * @return 4 for INT32 and FLOAT32, 8 for FLOAT64
   */
  public int byteSize() {
    return byteSize;
  }

  /**
   * Returns whether this is a floating-point type.
   *
   * @return true for FLOAT32 and FLOAT64, false for INT32
   */
  public boolean isFloatingPoint() {
    return floatingPoint;
  }

  /**
   * Returns the dtype two operands of dtypes {@code a} and {@code b} are promoted to.
   *
   * @param a the dtype of one operand
   * @param b the dtype of the other operand; the order of {@code a} and {@code b} does not matter
   * @return the higher of the two along {@code INT32 < FLOAT32 < FLOAT64}
   */
  public static DType promote(DType a, DType b) {
    return a.ordinal() >= b.ordinal() ? a : b;
  }

  /**
   * Returns the dtype of an operation that needs real numbers: this dtype if it is floating, {@code
   * FLOAT32} otherwise.
   *
   * @return this dtype for FLOAT32 and FLOAT64, FLOAT32 for INT32
   */
  public DType toFloating() {
    return floatingPoint ? this : FLOAT32;
  }
}
