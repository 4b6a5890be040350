package dev.jgrad.tensor.internal.fused;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Pooling's door on small inputs whose results were worked out by hand (and agree with PyTorch).
 */
class PoolingTest {
  private static final int[] ONE = {1, 1};
  private static final int[] ZERO = {0, 0};

  private static int[] pair(int h, int w) {
    return new int[] {h, w};
  }

  private static Tensor plane(int h, int w, double... values) {
    return Tensor.of(values, 1, 1, h, w);
  }

  private static Pooling.MaxPoolResult max(Tensor x, int k, int s, int p, int d, boolean ceil) {
    return Pooling.maxPool2d(x, pair(k, k), pair(s, s), pair(p, p), pair(d, d), ceil);
  }

  @Test
  void maxPoolTakesEachWindowsMaximumAndItsFlatIndex() {
    Tensor x = Tensor.arange(0, 16, 1, DType.FLOAT64).reshape(1, 1, 4, 4);
    Pooling.MaxPoolResult r = max(x, 2, 2, 0, 1, false);
    assertEquals(Shape.of(1, 1, 2, 2), r.output().shape());
    assertArrayEquals(new double[] {5, 7, 13, 15}, r.output().toDoubleArray());
    assertEquals(DType.INT32, r.indices().dtype());
    assertArrayEquals(new int[] {5, 7, 13, 15}, r.indices().toIntArray());
    Pooling.MaxPoolResult dilated = max(x, 2, 1, 0, 2, false);
    assertArrayEquals(new double[] {10, 11, 14, 15}, dilated.output().toDoubleArray());
  }

  @Test
  void tiesGoToTheFirstMaximumAndNanToTheLastNan() {
    Tensor ties = plane(2, 4, 3, 3, 1, 4, 3, 3, 4, 2);
    assertArrayEquals(new int[] {0, 3}, max(ties, 2, 2, 0, 1, false).indices().toIntArray());
    double nan = Double.NaN;
    Tensor nans = plane(2, 4, nan, 1, 2, nan, 3, nan, 1, 1);
    Pooling.MaxPoolResult r = Pooling.maxPool2d(nans, pair(2, 4), pair(2, 4), ZERO, ONE, false);
    assertTrue(Double.isNaN(r.output().toDoubleArray()[0]));
    assertArrayEquals(new int[] {5}, r.indices().toIntArray());
    double inf = Double.POSITIVE_INFINITY;
    Tensor infinite = plane(2, 2, -inf, -inf, -inf, -inf);
    r = max(infinite, 2, 2, 0, 1, false);
    assertArrayEquals(new double[] {-inf}, r.output().toDoubleArray());
    assertArrayEquals(new int[] {0}, r.indices().toIntArray());
  }

  @Test
  void maxPoolPadsWithMinusInfinityAndItsBackwardPassAccumulates() {
    Tensor x = plane(2, 2, 1, 2, 3, 4);
    Pooling.MaxPoolResult r = max(x, 2, 1, 1, 1, false);
    assertArrayEquals(new double[] {1, 2, 2, 3, 4, 4, 3, 4, 4}, r.output().toDoubleArray());
    assertArrayEquals(new int[] {0, 1, 1, 2, 3, 3, 2, 3, 3}, r.indices().toIntArray());
    Tensor grad = Pooling.maxPool2dBackward(Tensor.onesLike(r.output()), r.indices(), x.shape());
    assertArrayEquals(new double[] {1, 2, 2, 4}, grad.toDoubleArray());
  }

  @Test
  void aWindowWhollyInThePaddingGivesMinusInfinityAndNoGradient() {
    Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 2, 2);
    Pooling.MaxPoolResult r = max(x, 2, 1, 1, 3, false);
    assertArrayEquals(new float[] {Float.NEGATIVE_INFINITY}, r.output().toFloatArray());
    assertArrayEquals(new int[] {-1}, r.indices().toIntArray());
    Tensor grad = Pooling.maxPool2dBackward(Tensor.onesLike(r.output()), r.indices(), x.shape());
    assertArrayEquals(new float[4], grad.toFloatArray());
  }

  @Test
  void ceilModeKeepsALastPartialWindowThatStartsInsideTheInput() {
    Tensor x = Tensor.arange(0, 25, 1, DType.FLOAT32).reshape(1, 1, 5, 5);
    assertEquals(Shape.of(1, 1, 2, 2), max(x, 2, 2, 0, 1, false).output().shape());
    Pooling.MaxPoolResult r = max(x, 2, 2, 0, 1, true);
    assertArrayEquals(new float[] {6, 8, 9, 16, 18, 19, 21, 23, 24}, r.output().toFloatArray());
    // (in 6, kernel 2, stride 2, padding 1): a third window would start in the right padding
    assertEquals(
        Shape.of(1, 1, 4, 4), max(Tensor.zeros(1, 1, 6, 6), 2, 2, 1, 1, true).output().shape());
  }

  @Test
  void avgPoolCountsPaddingAsAskedAndHonoursTheDivisor() {
    Tensor x = plane(2, 2, 1, 2, 3, 4);
    int[] two = pair(2, 2);
    assertArrayEquals(
        new double[] {0.25, 0.5, 0.75, 1},
        Pooling.avgPool2d(x, two, two, ONE, false, true, 0).toDoubleArray());
    assertArrayEquals(
        new double[] {1, 2, 3, 4},
        Pooling.avgPool2d(x, two, two, ONE, false, false, 0).toDoubleArray());
    Tensor row = plane(1, 4, 1, 2, 3, 4);
    int[] k = pair(1, 3);
    int[] s = pair(1, 2);
    int[] p = pair(0, 1);
    // the ceil-mode window [3, 6) counts up to the right padding's end, 5: two elements
    assertArrayEquals(
        new double[] {1, 3, 2}, Pooling.avgPool2d(row, k, s, p, true, true, 0).toDoubleArray());
    assertArrayEquals(
        new double[] {1.5, 3, 4}, Pooling.avgPool2d(row, k, s, p, true, false, 0).toDoubleArray());
    assertArrayEquals(
        new double[] {1.5, 4.5, 2}, Pooling.avgPool2d(row, k, s, p, true, true, 2).toDoubleArray());
    Tensor grad =
        Pooling.avgPool2dBackward(
            Tensor.ones(Shape.of(1, 1, 1, 3), DType.FLOAT64), row.shape(), k, s, p, true, true, 2);
    assertArrayEquals(new double[] {0.5, 1, 0.5, 1}, grad.toDoubleArray());
  }

  @Test
  void adaptiveWindowsRunFromFloorToCeil() {
    Tensor row = Tensor.of(new float[] {1, 2, 3, 4, 5}, 1, 1, 5);
    Tensor out = Pooling.adaptiveAvgPool2d(row, 1, 3);
    assertEquals(Shape.of(1, 1, 3), out.shape());
    assertArrayEquals(new float[] {1.5f, 3, 4.5f}, out.toFloatArray());
    Tensor grad = Pooling.adaptiveAvgPool2dBackward(Tensor.onesLike(out), row.shape());
    assertArrayEquals(
        new float[] {0.5f, 0.5f + 1 / 3f, 1 / 3f, 1 / 3f + 0.5f, 0.5f}, grad.toFloatArray());
  }

  @Test
  void viewsAreReadAsTheirValuesAndUnbatchedInputsKeepTheirRank() {
    Tensor x = Tensor.arange(0, 32, 1, DType.FLOAT64).reshape(2, 4, 4);
    Tensor transposed = x.transpose(1, 2);
    Tensor expected = max(transposed.copy(), 2, 2, 0, 1, false).output();
    Tensor got = max(transposed, 2, 2, 0, 1, false).output();
    assertEquals(Shape.of(2, 2, 2), got.shape());
    assertArrayEquals(expected.toDoubleArray(), got.toDoubleArray());
  }

  @Test
  void anEmptyBatchGivesAnEmptyOutput() {
    Tensor x = Tensor.zeros(0, 3, 4, 4);
    Pooling.MaxPoolResult r = max(x, 2, 2, 0, 1, false);
    assertEquals(Shape.of(0, 3, 2, 2), r.output().shape());
    assertEquals(x.shape(), Pooling.maxPool2dBackward(r.output(), r.indices(), x.shape()).shape());
    assertEquals(Shape.of(0, 3, 1, 1), Pooling.adaptiveAvgPool2d(x, 1, 1).shape());
  }

  private static void assertMessage(String expected, Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void mistakesNameTheOpAndTheValues() {
    Tensor x = Tensor.zeros(1, 2, 5, 5);
    assertMessage(
        "max_pool2d: kernel_size must be greater than zero, got [0, 2]",
        () -> Pooling.maxPool2d(x, pair(0, 2), pair(1, 1), ZERO, ONE, false));
    assertMessage(
        "max_pool2d: stride must be greater than zero, got [2, -1]",
        () -> Pooling.maxPool2d(x, pair(2, 2), pair(2, -1), ZERO, ONE, false));
    assertMessage(
        "max_pool2d: dilation must be greater than zero, got [0, 0]",
        () -> Pooling.maxPool2d(x, pair(2, 2), pair(2, 2), ZERO, ZERO, false));
    assertMessage(
        "max_pool2d: padding must be non-negative, got [-1, 0]",
        () -> Pooling.maxPool2d(x, pair(2, 2), pair(2, 2), pair(-1, 0), ONE, false));
    assertMessage(
        "max_pool2d: padding [2, 2] should be at most half of kernel_size [2, 2]",
        () -> Pooling.maxPool2d(x, pair(2, 2), pair(2, 2), pair(2, 2), ONE, false));
    assertMessage(
        "avg_pool2d: input [1, 2, 5, 5] is too small for kernel_size [6, 6]",
        () -> Pooling.avgPool2d(x, pair(6, 6), pair(6, 6), ZERO, false, true, 0));
    assertMessage(
        "max_pool2d: expected a 3-D [C, H, W] or 4-D [N, C, H, W] input with non-zero C, H and W,"
            + " got [2, 0, 5, 5]",
        () -> max(Tensor.zeros(2, 0, 5, 5), 2, 2, 0, 1, false));
    assertMessage(
        "got [5, 5]",
        () -> Pooling.avgPool2d(Tensor.zeros(5, 5), pair(2, 2), pair(2, 2), ZERO, false, true, 0));
    assertMessage(
        "max_pool2d: kernel_size must have two values (height, width), got [2]",
        () -> Pooling.maxPool2d(x, new int[] {2}, pair(2, 2), ZERO, ONE, false));
    assertMessage(
        "max_pool2d: expected a FLOAT32 or FLOAT64 input, got INT32",
        () -> max(Tensor.of(new int[] {1, 2, 3, 4}, 1, 1, 2, 2), 2, 2, 0, 1, false));
    assertMessage(
        "adaptive_avg_pool2d: output_size must be at least 0, got [-1, 2]",
        () -> Pooling.adaptiveAvgPool2d(x, -1, 2));
    assertMessage(
        "adaptive_avg_pool2d: expected an input with non-zero H and W, got [2, 2, 0, 5]",
        () -> Pooling.adaptiveAvgPool2d(Tensor.zeros(2, 2, 0, 5), 2, 2));
    assertMessage(
        "avg_pool2d: a gradient [1, 2, 3, 3] does not fit an input [1, 2, 5, 5], whose output is"
            + " [1, 2, 2, 2]",
        () ->
            Pooling.avgPool2dBackward(
                Tensor.zeros(1, 2, 3, 3), x.shape(), pair(2, 2), pair(2, 2), ZERO, false, true, 0));
    assertMessage(
        "max_pool2d: a gradient [1, 3, 2, 2] does not fit an input [1, 2, 5, 5]",
        () ->
            Pooling.maxPool2dBackward(
                Tensor.zeros(1, 3, 2, 2),
                Tensor.zeros(Shape.of(1, 3, 2, 2), DType.INT32),
                x.shape()));
  }
}
