package dev.jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** GradCheck's verdicts and messages. */
class GradCheckTest {
  /** sin with a wrong derivative (it forgets the chain rule's cos). */
  static final class BadSin extends Function {
    @Override
    protected Tensor forward(Tensor... x) {
      double[] v = x[0].toDoubleArray();
      for (int i = 0; i < v.length; i++) {
        v[i] = Math.sin(v[i]);
      }
      return Tensor.of(v, x[0].shape().toArray());
    }

    @Override
    protected Tensor[] backward(Tensor grad) {
      return new Tensor[] {grad};
    }
  }

  /** Identity whose backward adds noise, so two backward passes differ. */
  static final class Noisy extends Function {
    private int calls;

    @Override
    protected Tensor forward(Tensor... x) {
      return x[0].copy();
    }

    @Override
    protected Tensor[] backward(Tensor grad) {
      calls++;
      return new Tensor[] {grad.add(calls * 1e-12)};
    }
  }

  private static Variable leaf(double... values) {
    return new Variable(Tensor.of(values, values.length)).requiresGrad(true);
  }

  @Test
  void defaultsArePyTorchs() {
    assertEquals(1e-6, GradCheck.DEFAULT_EPS);
    assertEquals(1e-5, GradCheck.DEFAULT_ATOL);
    assertEquals(1e-3, GradCheck.DEFAULT_RTOL);
  }

  @Test
  void aWrongDerivativeFailsWithBothJacobians() {
    Variable c = new Variable(Tensor.of(new double[] {1}, 1));
    Variable x = leaf(0.5, 1.0);
    GradCheckFailure f =
        assertThrows(
            GradCheckFailure.class, () -> GradCheck.check(in -> new BadSin().apply(in[1]), c, x));
    String expected =
        String.format(
            "Jacobian mismatch for output 0 with respect to input 1,%nnumerical:%s%nanalytical:%s%n"
                + "worst entry: d output[1] / d input[1] is %s numerically but 1.0 analytically",
            "tensor([[0.8776, 0.0000],\n        [0.0000, 0.5403]], dtype=float64)",
            "tensor([[1., 0.],\n        [0., 1.]], dtype=float64)",
            f.getMessage().split("d input\\[1\\] is ")[1].split(" ")[0]);
    assertTrue(f.getMessage().startsWith(expected), f.getMessage());
    assertTrue(f.getMessage().endsWith("> atol 1.0E-5 + rtol 0.001 * |numerical|)"));
    assertEquals(1, f.inputIndex());
    assertEquals(0, f.outputIndex());
    double numerical =
        Double.parseDouble(f.getMessage().split("d input\\[1\\] is ")[1].split(" ")[0]);
    assertEquals(Math.cos(1.0), numerical, 1e-8);
  }

  @Test
  void aCorrectDerivativePassesAndTheInputsAreRestored() {
    Variable x = leaf(0.3, -0.2);
    Tensor before = x.data().copy();
    Tensor grad = Tensor.of(new double[] {7, 7}, 2);
    x.setGrad(grad);
    GradCheck.check(in -> in[0].tanh().mul(in[0]), x);
    assertTrue(x.data().allClose(before, 0, 0));
    assertSame(grad, x.grad());
  }

  @Test
  void float32InputsAreRefusedWithTheReason() {
    Variable x = new Variable(Tensor.ones(2)).requiresGrad(true);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> GradCheck.check(in -> in[0].exp(), x));
    assertEquals(
        "gradcheck: input 0 is FLOAT32; finite differences with eps 1.0E-6 need FLOAT64, because"
            + " FLOAT32 rounding errors in f(x ± eps) swamp the differences being measured and the"
            + " check would fail spuriously. Convert the input with to(DType.FLOAT64)",
        e.getMessage());
  }

  @Test
  void expandedAndNonLeafInputsAreRefused() {
    Variable expanded =
        new Variable(Tensor.ones(Shape.of(3), DType.FLOAT64).expand(2, 3)).requiresGrad(true);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> GradCheck.check(in -> in[0].exp(), expanded));
    assertTrue(e.getMessage().contains("expanded view (dim 0 has stride 0)"), e.getMessage());
    Variable nonLeaf = leaf(1).mul(2);
    IllegalArgumentException n =
        assertThrows(
            IllegalArgumentException.class, () -> GradCheck.check(in -> in[0].exp(), nonLeaf));
    assertTrue(n.getMessage().contains("was made by mul"), n.getMessage());
  }

  @Test
  void aNondeterministicBackwardFails() {
    GradCheckFailure f =
        assertThrows(
            GradCheckFailure.class, () -> GradCheck.check(in -> new Noisy().apply(in[0]), leaf(1)));
    assertTrue(f.getMessage().startsWith("Backward is not reentrant"), f.getMessage());
  }

  @Test
  void customTolerancesAreUsed() {
    GradCheck loose = GradCheck.withTolerances(1e-6, 0.5, 0);
    loose.verify(in -> new BadSin().apply(in[0]), leaf(0.5));
    assertThrows(IllegalArgumentException.class, () -> GradCheck.withTolerances(0, 1e-5, 1e-3));
  }

  @Test
  void outputsThatDoNotDependOnTheInputsHaveZeroJacobians() {
    Variable x = leaf(0.5);
    GradCheck.check(in -> new Variable(Tensor.of(new double[] {3}, 1)), x);
    assertNull(x.grad());
  }

  @Test
  void insideNoGradIsRefused() {
    try (NoGrad g = NoGrad.enter()) {
      assertThrows(IllegalStateException.class, () -> GradCheck.check(in -> in[0], leaf(1)));
    }
  }
}
