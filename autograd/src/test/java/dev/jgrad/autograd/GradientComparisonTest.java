package dev.jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Comparing a hand-derived backward pass against autograd. */
class GradientComparisonTest {
  private static Tensor t(double[] values, int... shape) {
    return Tensor.of(values, shape);
  }

  @Test
  void manualBackpropOfALinearLayerMatchesAutograd() {
    Tensor x = t(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
    Variable w =
        new Variable(t(new double[] {0.1, -0.2, 0.3, 0.4, -0.5, 0.6}, 3, 2)).requiresGrad(true);
    Variable b = new Variable(t(new double[] {0.05, -0.05}, 2)).requiresGrad(true);
    new Variable(x).matmul(w).add(b).pow(2).sum().backward();
    Tensor z = x.matmul(w.data()).add(b.data());
    Tensor dz = z.mul(2);
    Map<String, Tensor> manual = Map.of("w", x.t().matmul(dz), "b", dz.sum(0));
    GradientComparison cmp =
        GradientComparison.compare(manual, Map.of("w", w.grad(), "b", b.grad()));
    cmp.assertClose(1e-12, 1e-12);
    assertTrue(cmp.maxAbsError() < 1e-12);
  }

  @Test
  void reportsTheWorstEntry() {
    Map<String, Tensor> expected =
        Map.of("W1", t(new double[] {1, 2, 3, 4}, 2, 2), "b1", t(new double[] {0.5, 0}, 2));
    Map<String, Tensor> actual =
        Map.of("W1", t(new double[] {1, 2, 3.5, 4}, 2, 2), "b1", t(new double[] {0.5, 1e-3}, 2));
    GradientComparison cmp = GradientComparison.compare(expected, actual);
    assertEquals(0.5, cmp.maxAbsError());
    assertEquals("W1", cmp.worstName());
    assertArrayEquals(new int[] {1, 0}, cmp.worstIndex());
    assertEquals(Double.POSITIVE_INFINITY, cmp.maxRelError());
    assertEquals(
        "2 gradients, 6 entries; largest abs error at W1[1, 0]: expected 3.0, actual 3.5, abs"
            + " error 0.5, rel error 0.16666666666666666; largest rel error at b1[1]: expected"
            + " 0.0, actual 0.001, abs error 0.001, rel error Infinity",
        cmp.toString());
    assertFalse(cmp.isClose(1e-3, 1e-6));
    AssertionError e = assertThrows(AssertionError.class, () -> cmp.assertClose(1e-3, 1e-6));
    assertEquals(
        "gradients differ beyond atol 1.0E-6 + rtol 0.001 * |expected| in 2 of 6 entries; worst"
            + " entry W1[1, 0]: expected 3.0, actual 3.5, abs error 0.5, rel error"
            + " 0.16666666666666666",
        e.getMessage());
    assertTrue(cmp.isClose(0.2, 1e-2));
  }

  @Test
  void nanIsNeverClose() {
    GradientComparison cmp =
        GradientComparison.compare(
            Map.of("g", t(new double[] {1}, 1)), Map.of("g", t(new double[] {Double.NaN}, 1)));
    assertFalse(cmp.isClose(1, 1));
    assertEquals(Double.POSITIVE_INFINITY, cmp.maxAbsError());
  }

  @Test
  void namesAndShapesMustMatch() {
    IllegalArgumentException names =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                GradientComparison.compare(
                    Map.of("a", Tensor.ones(1), "b", Tensor.ones(1)),
                    Map.of("a", Tensor.ones(1), "c", Tensor.ones(1))));
    assertEquals(
        "GradientComparison: names differ: missing from actual [b], unexpected in actual [c]",
        names.getMessage());
    IllegalArgumentException shapes =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                GradientComparison.compare(
                    Map.of("a", Tensor.ones(2, 3)), Map.of("a", Tensor.ones(3, 2))));
    assertEquals(
        "GradientComparison: a has shape [2, 3] in expected but [3, 2] in actual",
        shapes.getMessage());
  }

  @Test
  void aHandDerivedJacobianIsComparedWithAutogradsAndTheWorstEntryNamed() {
    Tensor x = t(new double[] {0.5, -1, 2}, 3);
    double[] manual = new double[9];
    for (int i = 0; i < 3; i++) {
      double th = Math.tanh(x.get(i));
      manual[i * 3 + i] = 1 - th * th;
    }
    GradientComparison ok = GradientComparison.jacobian(v -> v.tanh(), x, t(manual, 3, 3));
    ok.assertClose(1e-15, 0);
    assertEquals("jacobian", ok.worstName());

    double[] wrong = manual.clone();
    wrong[1 * 3 + 2] = 0.25;
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () ->
                GradientComparison.jacobian(v -> v.tanh(), x, t(wrong, 3, 3)).assertClose(1e-9, 0));
    assertEquals(
        "gradients differ beyond atol 0.0 + rtol 1.0E-9 * |expected| in 1 of 9 entries; worst"
            + " entry jacobian[1, 2]: expected 0.25, actual 0.0, abs error 0.25, rel error 1.0",
        e.getMessage());
  }

  @Test
  void aJacobianMayHavePyTorchsShapeButNoOther() {
    Tensor x = t(new double[] {1, 2, 3, 4}, 2, 2);
    Tensor pytorchShape = Tensor.ones(2, 2).to(DType.FLOAT64);
    GradientComparison.jacobian(v -> v.sum(), x, pytorchShape).assertClose(0, 0);
    GradientComparison.jacobian(v -> v.sum(), x, pytorchShape.reshape(1, 4)).assertClose(0, 0);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> GradientComparison.jacobian(v -> v.mul(2), x, Tensor.zeros(4)));
    assertEquals(
        "GradientComparison.jacobian: expected Jacobian of shape [4]; for 4 output and 4 input"
            + " elements expected [4, 4] or [2, 2, 2, 2]",
        e.getMessage());
  }
}
