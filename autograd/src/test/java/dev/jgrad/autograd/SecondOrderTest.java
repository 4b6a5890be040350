package dev.jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Backward passes that create a graph: the public API of second-order gradients. */
class SecondOrderTest {
  /** x³, saving x; subclasses give its backward pass. */
  abstract static class CubeForward extends Function {
    @Override
    protected Tensor forward(Tensor... x) {
      saveForBackward(x[0]);
      return x[0].pow(3);
    }
  }

  /** x³ with a differentiable backward written with variables. */
  static final class Cube extends CubeForward {
    @Override
    protected Variable[] backward(Variable grad) {
      Variable x = savedVariable(0);
      return new Variable[] {grad.mul(x.mul(x)).mul(3)};
    }
  }

  /** x³ whose backward treats 3x² as a constant: right first derivative, wrong second. */
  static final class FrozenCube extends CubeForward {
    @Override
    protected Variable[] backward(Variable grad) {
      Tensor x = savedTensor(0);
      return new Variable[] {grad.mul(new Variable(x.mul(x).mul(3)))};
    }
  }

  private static Variable leaf(double... values) {
    return new Variable(Tensor.of(values, values.length)).requiresGrad(true);
  }

  @Test
  void gradWithCreateGraphReturnsADifferentiableGradient() {
    Variable x = leaf(1, 2, 3);
    Variable dx = Autograd.grad(x.pow(3).sum(), new Variable[] {x}, true)[0];
    assertEquals("mul", dx.opName());
    assertArrayEquals(new double[] {3, 12, 27}, dx.data().toDoubleArray());
    Tensor d2x = Autograd.grad(dx.sum(), x)[0];
    assertArrayEquals(new double[] {6, 12, 18}, d2x.toDoubleArray());
  }

  @Test
  void withoutCreateGraphTheGradientsAreConstants() {
    Variable x = leaf(1, 2);
    Variable[] g =
        Autograd.grad(
            new Variable[] {x.mul(x).sum()}, new Variable[] {x}, null, false, false, false);
    assertTrue(g[0].isLeaf());
    assertTrue(!g[0].requiresGrad());
  }

  @Test
  void thirdOrderThroughTanh() {
    Variable x = leaf(0.3, -0.7);
    Variable d1 = Autograd.grad(x.tanh().sum(), new Variable[] {x}, true)[0];
    Variable d2 = Autograd.grad(d1.sum(), new Variable[] {x}, true)[0];
    Tensor d3 = Autograd.grad(d2.sum(), x)[0];
    double[] values = {0.3, -0.7};
    for (int i = 0; i < 2; i++) {
      double t = Math.tanh(values[i]);
      double s = 1 - t * t;
      assertEquals(s, d1.data().toDoubleArray()[i], 1e-15);
      assertEquals(-2 * t * s, d2.data().toDoubleArray()[i], 1e-15);
      assertEquals(-2 * s * s + 4 * t * t * s, d3.toDoubleArray()[i], 1e-14);
    }
  }

  @Test
  void backwardWithCreateGraphGivesLeavesAGradientWithAGraph() {
    Variable x = leaf(1, 2);
    x.pow(3).sum().backward(Tensor.scalar(1.0, x.dtype()), true, true);
    Variable g = x.gradVariable();
    assertNotNull(g.gradFn());
    assertSame(x.grad(), g.data());
    x.setGrad(null);
    g.sum().backward();
    assertArrayEquals(new double[] {6, 12}, x.grad().toDoubleArray());
  }

  @Test
  void createGraphAccumulatesOntoAnEarlierGradient() {
    Variable x = leaf(1, 2);
    x.mul(x).sum().backward();
    x.pow(3).sum().backward(Tensor.scalar(1.0, x.dtype()), true, true);
    assertArrayEquals(new double[] {5, 16}, x.grad().toDoubleArray());
    Tensor d2 = Autograd.grad(x.gradVariable().sum(), x)[0];
    assertArrayEquals(new double[] {6, 12}, d2.toDoubleArray());
  }

  @Test
  void anOrdinaryPassLeavesAConstantGradVariable() {
    Variable x = leaf(1, 2);
    x.mul(x).sum().backward();
    assertNull(x.gradVariable().gradFn());
    assertArrayEquals(new double[] {2, 4}, x.gradVariable().data().toDoubleArray());
    x.setGrad(null);
    assertNull(x.gradVariable());
  }

  @Test
  void aUsersDifferentiableFunctionGoesTwice() {
    Variable x = leaf(0.5, -1.5);
    GradCheck.gradgradcheck(in -> new Cube().apply(in[0]), x);
  }

  @Test
  void gradgradcheckCatchesAConstantFirstDerivative() {
    Variable x = leaf(0.5, -1.5);
    GradCheck.check(in -> new FrozenCube().apply(in[0]), x);
    GradCheckFailure f =
        assertThrows(
            GradCheckFailure.class,
            () -> GradCheck.gradgradcheck(in -> new FrozenCube().apply(in[0]), x));
    assertEquals(0, f.inputIndex());
  }

  @Test
  void aOnceDifferentiableFunctionRefusesCreateGraphNamingItself() {
    Variable x = leaf(1, 2);
    Variable y = new FunctionTest.Cube().apply(x).sum();
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> Autograd.grad(y, new Variable[] {x}, true));
    assertTrue(e.getMessage().startsWith("cube: its backward is written with Tensors"));
    assertArrayEquals(
        new double[] {3, 12},
        Autograd.grad(new FunctionTest.Cube().apply(x).sum(), x)[0].toDoubleArray());
  }

  @Test
  void hooksSeeTheDataAndAReplacementEntersAsAConstant() {
    Variable x = leaf(1, 2);
    Variable h = x.mul(x);
    List<Tensor> seen = new ArrayList<>();
    h.registerHook(
        g -> {
          seen.add(g);
          return g.mul(2);
        });
    Variable dx = Autograd.grad(h.mul(h).sum(), new Variable[] {x}, true)[0];
    assertEquals(1, seen.size());
    assertArrayEquals(new double[] {2, 8}, seen.get(0).toDoubleArray());
    assertArrayEquals(new double[] {8, 64}, dx.data().toDoubleArray());
    Tensor d2 = Autograd.grad(dx.sum(), x)[0];
    assertArrayEquals(new double[] {8, 32}, d2.toDoubleArray());
  }

  @Test
  void createGraphRecordsEvenInsideNoGradAndRestoresIt() {
    Variable x = leaf(1, 2);
    Variable y = x.pow(3).sum();
    try (NoGrad g = NoGrad.enter()) {
      Variable dx = Autograd.grad(y, new Variable[] {x}, true)[0];
      assertNotNull(dx.gradFn());
      assertTrue(!NoGrad.isGradEnabled());
    }
    assertTrue(NoGrad.isGradEnabled());
  }

  @Test
  void gradOutputsThatRequireGradAreDifferentiated() {
    Variable x = leaf(1, 2);
    Variable v = leaf(3, 5);
    Variable vjp =
        Autograd.grad(
            new Variable[] {x.mul(x)}, new Variable[] {x}, new Variable[] {v}, true, true, false)[
            0];
    assertArrayEquals(new double[] {6, 20}, vjp.data().toDoubleArray());
    Tensor[] g = Autograd.grad(new Variable[] {vjp.sum()}, new Variable[] {x, v}, null, false);
    assertArrayEquals(new double[] {6, 10}, g[0].toDoubleArray());
    assertArrayEquals(new double[] {2, 4}, g[1].toDoubleArray());
  }
}
