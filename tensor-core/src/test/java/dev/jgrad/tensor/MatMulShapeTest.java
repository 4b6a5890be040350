package dev.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MatMulShapeTest {
  @Test
  void broadcastAlignsTrailingDimensions() {
    assertEquals(Shape.of(32, 10), Shape.broadcast("add", Shape.of(32, 10), Shape.of(10)));
    assertEquals(Shape.of(2, 3, 4), Shape.broadcast("add", Shape.of(3, 1), Shape.of(2, 1, 4)));
    assertEquals(Shape.of(5), Shape.broadcast("add", Shape.scalar(), Shape.of(5)));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Shape.broadcast("add", Shape.of(3, 4), Shape.of(5)));
    assertEquals("add: shapes [3, 4] and [5] cannot be broadcast (dim -1: 4 vs 5)", e.getMessage());
  }

  @Test
  void prefixAndAppend() {
    assertEquals(Shape.of(8), Shape.of(8, 32, 784).prefix(1));
    assertEquals(Shape.scalar(), Shape.of(8, 32).prefix(0));
    assertEquals(Shape.of(8, 32, 10), Shape.of(8).append(32, 10));
    assertThrows(IllegalArgumentException.class, () -> Shape.of(2).prefix(3));
  }

  @Test
  void batchedPlanBroadcastsBatchDimensions() {
    MatMulShape p = MatMulShape.of(Shape.of(8, 1, 32, 784), Shape.of(5, 784, 10));
    assertEquals(Shape.of(8, 5), p.batch());
    assertEquals(Shape.of(8, 5, 32, 784), p.left());
    assertEquals(Shape.of(8, 5, 784, 10), p.right());
    assertEquals(Shape.of(8, 5, 32, 10), p.result());
    assertEquals(32, p.m());
    assertEquals(784, p.k());
    assertEquals(10, p.n());
    assertFalse(p.leftVector() || p.rightVector());
  }

  @Test
  void vectorsAreSqueezedBack() {
    assertEquals(Shape.scalar(), MatMulShape.of(Shape.of(3), Shape.of(3)).result());
    MatMulShape rowTimesBatch = MatMulShape.of(Shape.of(3), Shape.of(4, 3, 2));
    assertTrue(rowTimesBatch.leftVector());
    assertEquals(Shape.of(4, 1, 3), rowTimesBatch.left());
    assertEquals(Shape.of(4, 2), rowTimesBatch.result());
    assertEquals(Shape.of(4, 5), MatMulShape.of(Shape.of(4, 5, 3), Shape.of(3)).result());
  }

  @Test
  void mistakesNameBothShapes() {
    assertEquals(
        "matmul: cannot multiply [32, 784] by [100, 10]: inner sizes 784 != 100",
        assertThrows(
                IllegalArgumentException.class,
                () -> MatMulShape.of(Shape.of(32, 784), Shape.of(100, 10)))
            .getMessage());
    assertEquals(
        "matmul: batch dimensions of [2, 3, 4] and [3, 4, 5] cannot be broadcast ([2] and [3])",
        assertThrows(
                IllegalArgumentException.class,
                () -> MatMulShape.of(Shape.of(2, 3, 4), Shape.of(3, 4, 5)))
            .getMessage());
    assertEquals(
        "linear: bias [3] does not match weight [10, 784]: expected [10]",
        assertThrows(
                IllegalArgumentException.class,
                () -> MatMulShape.linear(Shape.of(32, 784), Shape.of(10, 784), Shape.of(3)))
            .getMessage());
  }
}
