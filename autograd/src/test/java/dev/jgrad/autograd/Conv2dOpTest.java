package dev.jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jgrad.autograd.ops.Conv2d;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The {@code conv2d} op on small hand-checked values, and the messages of its refusals. */
class Conv2dOpTest {

  private static Variable v(Tensor t) {
    return new Variable(t).requiresGrad(true);
  }

  private static Tensor range(int... shape) {
    return Tensor.arange(0, Shape.of(shape).numel(), 1, DType.FLOAT64).reshape(shape);
  }

  @Test
  void convolvesAndBackPropagatesASmallExample() {
    Variable x = v(range(1, 1, 3, 3));
    Variable w = v(Tensor.of(new double[] {1, 0, 0, -1}, 1, 1, 2, 2));
    Variable b = v(Tensor.of(new double[] {0.5}, 1));
    Variable y = new Conv2d().apply(x, w, b);
    assertArrayEquals(new double[] {-3.5, -3.5, -3.5, -3.5}, y.data().toDoubleArray());
    y.sum().backward();
    assertArrayEquals(new double[] {1, 1, 0, 1, 0, -1, 0, -1, -1}, x.grad().toDoubleArray());
    assertArrayEquals(new double[] {8, 12, 20, 24}, w.grad().toDoubleArray());
    assertArrayEquals(new double[] {4}, b.grad().toDoubleArray());
  }

  @Test
  void paddingIsPerSideAndStrideSkips() {
    Variable x = v(range(1, 1, 2, 3));
    Conv2d op = new Conv2d(new int[] {1, 2}, new int[] {1, 0, 0, 2}, new int[] {1, 1}, 1);
    Variable y = op.apply(x, v(Tensor.ones(Shape.of(1, 1, 1, 1), DType.FLOAT64)));
    assertEquals(Shape.of(1, 1, 3, 3), y.shape());
    assertArrayEquals(new double[] {0, 0, 0, 0, 2, 0, 3, 5, 0}, y.data().toDoubleArray());
  }

  @Test
  void anInputThatNeedsNoGradientGetsNone() {
    Variable x = new Variable(range(2, 1, 4, 4));
    Variable w = v(Tensor.ones(Shape.of(2, 1, 3, 3), DType.FLOAT64));
    new Conv2d().apply(x, w).sum().backward();
    assertNull(x.grad());
    double[] expected = new double[18];
    for (int i = 0; i < 18; i++) {
      int kh = (i % 9) / 3;
      int kw = i % 3;
      expected[i] = 8 * (4 * kh + kw) + 84; // both images, both output rows and columns
    }
    assertArrayEquals(expected, w.grad().toDoubleArray());
  }

  private static void assertMessage(String expected, Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertEquals(expected, e.getMessage());
  }

  @Test
  void refusesBadOptionsAndShapesNamingThem() {
    Variable x = v(Tensor.zeros(Shape.of(2, 3, 8, 8), DType.FLOAT64));
    Variable w = v(Tensor.zeros(Shape.of(6, 3, 5, 5), DType.FLOAT64));
    assertMessage(
        "conv2d: stride must have 2 values {height, width}, got [1]",
        () -> new Conv2d(new int[] {1}, new int[4], new int[] {1, 1}, 1));
    assertMessage(
        "conv2d: padding must have 4 values {top, bottom, left, right}, got [1, 1]",
        () -> new Conv2d(new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}, 1));
    assertMessage(
        "conv2d: padding must be at least 0, got [top 0, bottom -1, left 0, right 0]",
        () -> new Conv2d(new int[] {1, 1}, new int[] {0, -1, 0, 0}, new int[] {1, 1}, 1));
    assertMessage(
        "conv2d: dilation must be at least 1, got [1, 0]",
        () -> new Conv2d(new int[] {1, 1}, new int[4], new int[] {1, 0}, 1));
    assertMessage(
        "conv2d: groups must be at least 1, got 0",
        () -> new Conv2d(new int[] {1, 1}, new int[4], new int[] {1, 1}, 0));
    assertMessage(
        "conv2d: input [2, 3, 8, 8] has 3 channels, weight [6, 4, 5, 5] expects 4 (groups 1)",
        () -> new Conv2d().apply(x, v(Tensor.zeros(Shape.of(6, 4, 5, 5), DType.FLOAT64))));
    assertMessage(
        "conv2d: input is FLOAT64 but weight is FLOAT32; convert one of them with to(...)",
        () -> new Conv2d().apply(x, v(Tensor.zeros(6, 3, 5, 5))));
    assertMessage(
        "conv2d: bias [5] must be 1-D with 6 elements, one per output channel of weight"
            + " [6, 3, 5, 5]",
        () -> new Conv2d().apply(x, w, v(Tensor.zeros(Shape.of(5), DType.FLOAT64))));
    assertMessage(
        "conv2d: expected a 4-D input [N, C, H, W], got [3, 8, 8]",
        () -> new Conv2d().apply(v(Tensor.zeros(Shape.of(3, 8, 8), DType.FLOAT64)), w));
    assertMessage(
        "conv2d: padded input 8x8 of input [2, 3, 8, 8] is smaller than the dilated kernel 9x9"
            + " of weight [6, 3, 5, 5]",
        () -> new Conv2d(new int[] {1, 1}, new int[4], new int[] {2, 2}, 1).apply(x, w));
    assertMessage(
        "conv2d: weight [6, 1, 5, 5] has 6 output channels, not divisible by groups 4",
        () ->
            new Conv2d(new int[] {1, 1}, new int[4], new int[] {1, 1}, 4)
                .apply(x, v(Tensor.zeros(Shape.of(6, 1, 5, 5), DType.FLOAT64))));
  }
}
