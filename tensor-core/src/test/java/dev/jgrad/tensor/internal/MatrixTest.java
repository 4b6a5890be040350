package dev.jgrad.tensor.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The views of a {@link Matrix} address the same elements as the matrix they come from. */
class MatrixTest {
  /** A 3×4 matrix at offset 2 of a 20-element array, with padded rows: (i, j) holds 10i + j. */
  private static final float[] DATA = new float[20];

  static {
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 4; j++) {
        DATA[2 + i * 5 + j] = 10 * i + j;
      }
    }
  }

  private static final Matrix<float[]> M = new Matrix<>(DATA, 2, 3, 4, 5, 1);

  private static float get(Matrix<float[]> m, int i, int j) {
    return m.data()[m.offset() + i * m.rowStride() + j * m.colStride()];
  }

  @Test
  void transposedExchangesRowsAndColumns() {
    Matrix<float[]> t = M.transposed();
    assertEquals(new Matrix<>(DATA, 2, 4, 3, 1, 5), t);
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 4; j++) {
        assertEquals(get(M, i, j), get(t, j, i));
      }
    }
    assertEquals(M, t.transposed());
  }

  @Test
  void rowsAndColsSelectARangeOfTheSameArray() {
    Matrix<float[]> rows = M.rows(1, 3);
    Matrix<float[]> cols = M.cols(2, 3);
    assertSame(DATA, rows.data());
    assertEquals(new Matrix<>(DATA, 7, 2, 4, 5, 1), rows);
    assertEquals(new Matrix<>(DATA, 4, 3, 1, 5, 1), cols);
    assertEquals(21f, get(rows, 1, 1));
    assertEquals(12f, get(cols, 1, 0));
    assertEquals(M.cols(1, 3).transposed(), M.transposed().rows(1, 3));
    assertEquals(0, M.rows(3, 3).rows());
  }

  @Test
  void rangesOutsideTheMatrixAreRejected() {
    assertThrows(IndexOutOfBoundsException.class, () -> M.rows(2, 4));
    assertThrows(IndexOutOfBoundsException.class, () -> M.cols(-1, 2));
    assertThrows(IndexOutOfBoundsException.class, () -> M.cols(3, 2));
  }
}
