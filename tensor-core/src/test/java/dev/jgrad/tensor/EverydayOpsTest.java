package dev.jgrad.tensor;

import static dev.jgrad.tensor.ViewTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The everyday ops of issue 15 on small hand-worked tensors, in FLOAT32 and FLOAT64, and their
 * error messages; {@code EverydayOpsParityTest} in autograd compares them with PyTorch.
 */
class EverydayOpsTest {
  private static final double NAN = Double.NaN;

  @Test
  void minAndArgminPickTheFirstSmallestOrTheFirstNaN() {
    Tensor t = Tensor.of(new double[] {3, 1, 1, 2, NAN, 0, NAN, 5}, 2, 4);
    assertArrayEquals(new double[] {1, NAN}, t.min(1, false).toDoubleArray());
    assertArrayEquals(new int[] {1, 0}, t.argmin(1, false).toIntArray());
    assertArrayEquals(new int[] {1, 1, 1, 0}, t.argmin(0, false).toIntArray());
    assertEquals(Shape.of(2, 1), t.min(-1, true).shape());
    assertEquals(4, t.argmin().item());
    assertEquals(Double.NaN, t.min().item());
    Tensor f = Tensor.of(new float[] {2, -1, 4}, 3);
    assertEquals(DType.FLOAT32, f.min().dtype());
    assertEquals(-1, f.min().item());
    assertEquals(1, f.t().argmin().item());
  }

  @Test
  void minOfNothingIsRefused() {
    assertMessage(
        "min: cannot reduce over dim 0 of size 0 in [0, 3]", () -> Tensor.zeros(0, 3).min());
    assertMessage(
        "argmin: cannot reduce over dim 1 of size 0 in [3, 0]",
        () -> Tensor.zeros(3, 0).argmin(1, false));
  }
}
