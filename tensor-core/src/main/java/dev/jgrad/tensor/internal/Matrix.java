package dev.jgrad.tensor.internal;

import static com.google.common.base.Preconditions.checkPositionIndexes;

/**
 * A strided view of a rows×cols matrix held in a primitive array: element {@code (i, j)} is {@code
 * data[offset + i*rowStride + j*colStride]}. An operand of {@link Gemm}: a transposed operand (the
 * NT, TN and TT forms of backprop) or a broadcast one (stride 0) is a view of the same array, never
 * a copy. Like NumPy's strides, the strides here count elements, not bytes.
 *
 * <p>A plain value: the constructor checks nothing, {@link Gemm#multiply} checks its operands
 * against their arrays. The views below share the array and allocate only the small record.
 *
 * @param <A> the array type: {@code float[]} or {@code double[]}
 * @param data the array holding the elements
 * @param offset the index of element (0, 0) in {@code data}
 * @param rows the number of rows
 * @param cols the number of columns
 * @param rowStride the distance in {@code data} between element (i, j) and element (i + 1, j)
 * @param colStride the distance in {@code data} between element (i, j) and element (i, j + 1)
 */
public record Matrix<A>(A data, int offset, int rows, int cols, int rowStride, int colStride) {

  /**
   * Returns the transposed view: the cols×rows matrix whose element (j, i) is this one's (i, j).
   *
   * @return the view with rows and columns, and their strides, exchanged
   */
  public Matrix<A> transposed() {
    return new Matrix<>(data, offset, cols, rows, colStride, rowStride);
  }

  /**
   * Returns the view of rows {@code from} (inclusive) to {@code to} (exclusive).
   *
   * @param from the first row of the view
   * @param to one past the last row of the view
   * @return the (to - from)×cols view starting at row {@code from}
   * @throws IndexOutOfBoundsException unless {@code 0 <= from <= to <= rows}
   */
  public Matrix<A> rows(int from, int to) {
    checkPositionIndexes(from, to, rows);
    return new Matrix<>(data, offset + from * rowStride, to - from, cols, rowStride, colStride);
  }

  /**
   * Returns the view of columns {@code from} (inclusive) to {@code to} (exclusive).
   *
   * @param from the first column of the view
   * @param to one past the last column of the view
   * @return the rows×(to - from) view starting at column {@code from}
   * @throws IndexOutOfBoundsException unless {@code 0 <= from <= to <= cols}
   */
  public Matrix<A> cols(int from, int to) {
    checkPositionIndexes(from, to, cols);
    return new Matrix<>(data, offset + from * colStride, rows, to - from, rowStride, colStride);
  }
}
