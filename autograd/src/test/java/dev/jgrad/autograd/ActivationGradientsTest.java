package dev.jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jgrad.tensor.Tensor;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The activations' gradients where PyTorch's formulas choose a value: at the kinks, at NaN (the
 * scalar formula's choice), and where an infinite upstream gradient meets a zero one (selected, not
 * multiplied by a 0/1 mask).
 */
class ActivationGradientsTest {
  private static double[] grad(UnaryOperator<Variable> f, double... x) {
    Variable v = new Variable(Tensor.of(x)).requiresGrad(true);
    f.apply(v).sum().backward();
    return v.grad().toDoubleArray();
  }

  @Test
  void hardtanhGivesZeroAtTheBoundsAndPassesNaN() {
    assertArrayEquals(
        new double[] {0, 0, 1, 0, 0, 1},
        grad(x -> x.hardtanh(-0.5, 2), -1, -0.5, 0, 2, 3, Double.NaN));
  }

  @Test
  void leakyReluTakesTheSlopeAtZeroAndNaN() {
    assertArrayEquals(
        new double[] {0.2, 0.2, 0.2, 1}, grad(x -> x.leakyRelu(0.2), -1, 0, Double.NaN, 1e-300));
  }

  @Test
  void eluTakesAlphaAtZeroAndPassesNaN() {
    assertArrayEquals(
        new double[] {1.5, 1.5, 1.5 * Math.exp(-1), 1, 1},
        grad(x -> x.elu(1.5), 0, -0.0, -1, Double.NaN, 2));
  }

  @Test
  void softplusIsLinearAboveItsThreshold() {
    double[] g = grad(x -> x.softplus(2, 4), 2.5, 2, Double.POSITIVE_INFINITY);
    assertEquals(1, g[0]);
    assertEquals(Math.exp(4) / (Math.exp(4) + 1), g[1], 1e-16);
    assertEquals(1, g[2]);
  }

  @Test
  void anInfiniteUpstreamGradientIsNotMultipliedByAZeroMask() {
    // log(hardtanh(x)) at the lower bound 0: upstream 1/0 = inf, hardtanh's gradient 0 there
    Variable x = new Variable(Tensor.of(new double[] {0, 0.5})).requiresGrad(true);
    x.hardtanh(0, 1).log().sum().backward();
    assertArrayEquals(new double[] {0, 2}, x.grad().toDoubleArray());
  }

  @Test
  void geluRefusesAnUnknownApproximation() {
    Variable x = new Variable(Tensor.of(new double[] {1}));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.gelu("x"));
    assertEquals("gelu: approximate must be 'none' or 'tanh', got 'x'", e.getMessage());
  }
}
