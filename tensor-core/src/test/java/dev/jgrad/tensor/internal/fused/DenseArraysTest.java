package dev.jgrad.tensor.internal.fused;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

class DenseArraysTest {
  @Test
  void denseTensorIsReturnedAsItIs() {
    Tensor t = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
    assertSame(t, DenseArrays.dense(t));
    assertArrayEquals(new float[] {1, 2, 3, 4}, DenseArrays.floats(t));
  }

  @Test
  void viewsAreCopiedInRowMajorOrder() {
    Tensor t = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
    Tensor transposed = DenseArrays.dense(t.t());
    assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, DenseArrays.doubles(transposed));
    Tensor offset = DenseArrays.dense(t.select(0, 1));
    assertArrayEquals(new double[] {4, 5, 6}, DenseArrays.doubles(offset));
  }

  @Test
  void wrapSharesTheArray() {
    float[] data = {1, 2, 3, 4, 5, 6};
    Tensor t = DenseArrays.wrap(data, 3, 2);
    assertSame(data, DenseArrays.floats(t));
    assertTrue(t.allClose(Tensor.of(data.clone(), 3, 2), 0, 0));
  }

  @Test
  void mistakesNameTheClassAndTheValues() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> DenseArrays.wrap(new double[5], 2, 3));
    assertTrue(e.getMessage().contains("5 elements cannot fill shape [2, 3]"), e.getMessage());
    Tensor f32 = Tensor.zeros(2);
    e = assertThrows(IllegalArgumentException.class, () -> DenseArrays.doubles(f32));
    assertTrue(e.getMessage().contains("dense FLOAT64"), e.getMessage());
    Tensor strided = Tensor.zeros(4).slice(0, 0, 4, 2);
    assertThrows(IllegalArgumentException.class, () -> DenseArrays.floats(strided));
  }
}
