package dev.jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** What second-order gradients are for: a gradient penalty, Hessian-vector products, Newton. */
class SecondOrderUseTest {
  private static Tensor random(SplittableRandom rnd, double low, double high, int... shape) {
    double[] v = new double[Shape.of(shape).numel()];
    for (int i = 0; i < v.length; i++) {
      v[i] = rnd.nextDouble(low, high);
    }
    return Tensor.of(v, shape);
  }

  /** WGAN-GP's penalty of a tanh critic: mean over samples of (‖∇ₓ D(x)‖ − 1)². */
  private static Variable penalty(Variable x, Variable w1, Variable b1, Variable w2) {
    Variable critic = x.linear(w1, b1).tanh().linear(w2, null).sum();
    Variable dx = Autograd.grad(critic, new Variable[] {x}, true)[0];
    return dx.mul(dx).sum(1, false).sqrt().sub(1).pow(2).mean();
  }

  @Test
  void aGradientPenaltyTrainsAndItsGradientsMatchFiniteDifferences() {
    SplittableRandom rnd = new SplittableRandom(7);
    Variable x = new Variable(random(rnd, -1, 1, 6, 3)).requiresGrad(true);
    Variable w1 = new Variable(random(rnd, -1, 1, 8, 3)).requiresGrad(true);
    Variable b1 = new Variable(random(rnd, -0.5, 0.5, 8)).requiresGrad(true);
    Variable w2 = new Variable(random(rnd, -1, 1, 1, 8)).requiresGrad(true);
    GradCheck.check(in -> penalty(x, in[0], in[1], in[2]), w1, b1, w2);

    double first = Double.NaN;
    double last = Double.NaN;
    for (int step = 0; step < 20; step++) {
      Variable loss = penalty(x, w1, b1, w2);
      for (Variable p : new Variable[] {w1, b1, w2}) {
        p.setGrad(null);
      }
      loss.backward();
      double value = loss.item();
      if (step == 0) {
        first = value;
      } else {
        assertTrue(value < last, "step " + step + ": " + value + " after " + last);
      }
      last = value;
      try (NoGrad g = NoGrad.enter()) {
        for (Variable p : new Variable[] {w1, b1, w2}) {
          p.addInPlace(p.grad(), -0.05);
        }
      }
    }
    assertTrue(last < 0.5 * first, "penalty " + first + " -> " + last);
  }

  /** A smooth function of four variables whose Hessian is full. */
  private static Variable smooth(Variable x) {
    Variable pairs = x.narrow(0, 0, 3).mul(x.narrow(0, 1, 3));
    return x.exp().sum().add(pairs.tanh().sum()).add(x.pow(4).mean());
  }

  @Test
  void hessianVectorProductsAreTheExplicitHessianTimesTheVector() {
    Tensor x = Tensor.of(new double[] {0.3, -0.2, 0.7, -0.5}, 4);
    Tensor v = Tensor.of(new double[] {1.5, -2, 0.25, 1}, 4);
    Tensor h = AutogradFunctional.hessian(SecondOrderUseTest::smooth, x);
    assertEquals(Shape.of(4, 4), h.shape());
    double[] hh = h.toDoubleArray();
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        assertEquals(hh[i * 4 + j], hh[j * 4 + i], 1e-15, "symmetric at " + i + ", " + j);
      }
    }
    double[] explicit = h.matmul(v).toDoubleArray();
    double[] hvp =
        AutogradFunctional.hvp(SecondOrderUseTest::smooth, x, v).product().get(0).toDoubleArray();
    double[] vhp =
        AutogradFunctional.vhp(SecondOrderUseTest::smooth, x, v).product().get(0).toDoubleArray();
    assertArrayEquals(explicit, hvp, 1e-14);
    assertArrayEquals(explicit, vhp, 1e-14);
    double eps = 1e-6;
    for (int j = 0; j < 4; j++) {
      Tensor plus = x.copy();
      Tensor minus = x.copy();
      plus.set(plus.get(j) + eps, j);
      minus.set(minus.get(j) - eps, j);
      double[] up =
          AutogradFunctional.vjp(SecondOrderUseTest::smooth, plus, null)
              .vjp()
              .get(0)
              .toDoubleArray();
      double[] down =
          AutogradFunctional.vjp(SecondOrderUseTest::smooth, minus, null)
              .vjp()
              .get(0)
              .toDoubleArray();
      for (int i = 0; i < 4; i++) {
        assertEquals((up[i] - down[i]) / (2 * eps), hh[i * 4 + j], 1e-8, "H[" + i + ", " + j + "]");
      }
    }
  }

  @Test
  void newtonsMethodSolvesARegularizedLogisticRegressionInAFewSteps() {
    SplittableRandom rnd = new SplittableRandom(3);
    Tensor features = random(rnd, -2, 2, 40, 3);
    double[] labels = new double[40];
    for (int i = 0; i < labels.length; i++) {
      double[] row = features.select(0, i).toDoubleArray();
      labels[i] = row[0] - 2 * row[1] + 0.5 * row[2] + rnd.nextDouble(-1, 1) > 0 ? 1 : 0;
    }
    Variable data = new Variable(features);
    Variable y = new Variable(Tensor.of(labels, 40));
    AutogradFunctional.Fn loss =
        in -> {
          Variable p = data.matmul(in[0]).sigmoid();
          Variable nll = y.mul(p.log()).add(y.neg().add(1).mul(p.neg().add(1).log())).mean().neg();
          return nll.add(in[0].mul(in[0]).sum().mul(0.05));
        };
    Tensor w = Tensor.zeros(Shape.of(3), dev.jgrad.tensor.DType.FLOAT64);
    double gradNorm = Double.NaN;
    int steps = 0;
    while (steps < 10) {
      Tensor gradient = AutogradFunctional.vjp(loss, new Tensor[] {w}, null).vjp().get(0);
      gradNorm = Math.sqrt(gradient.mul(gradient).sum().item());
      if (gradNorm < 1e-12) {
        break;
      }
      Tensor hessian = AutogradFunctional.hessian(loss, new Tensor[] {w}, true)[0][0];
      w = w.sub(Tensor.of(solve(hessian.toDoubleArray(), gradient.toDoubleArray()), 3));
      steps++;
    }
    assertTrue(gradNorm < 1e-12, "gradient norm " + gradNorm + " after " + steps + " steps");
    assertTrue(steps <= 6, steps + " Newton steps");
  }

  /** Solves {@code a x = b} for a small symmetric positive definite {@code a} by elimination. */
  private static double[] solve(double[] a, double[] b) {
    int n = b.length;
    double[][] m = new double[n][n + 1];
    for (int i = 0; i < n; i++) {
      System.arraycopy(a, i * n, m[i], 0, n);
      m[i][n] = b[i];
    }
    for (int c = 0; c < n; c++) {
      for (int r = c + 1; r < n; r++) {
        double f = m[r][c] / m[c][c];
        for (int k = c; k <= n; k++) {
          m[r][k] -= f * m[c][k];
        }
      }
    }
    double[] x = new double[n];
    for (int r = n - 1; r >= 0; r--) {
      double s = m[r][n];
      for (int k = r + 1; k < n; k++) {
        s -= m[r][k] * x[k];
      }
      x[r] = s / m[r][r];
    }
    return x;
  }
}
