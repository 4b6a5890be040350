package dev.jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import dev.jgrad.tensor.testing.Comparisons;
import dev.jgrad.tensor.testing.Python;
import dev.jgrad.tensor.testing.TorchPython;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Second-order derivatives against PyTorch in float64, all cases in one Python process: {@code
 * torch.autograd.grad(..., create_graph=True)} differentiated again (a gradient penalty and third
 * derivatives), and {@code torch.autograd.functional}'s {@code jvp}, {@code hvp}, {@code vhp} and
 * {@code hessian}, to a relative 1e-10. Reports the number of values compared; fails in CI and is
 * skipped elsewhere when no Python interpreter can import torch.
 */
class SecondOrderParityTest {
  private static final double RTOL = 1e-10;

  private final Comparisons comparisons = new Comparisons(getClass().getSimpleName());
  private final SplittableRandom rnd = new SplittableRandom(15);
  private final StringBuilder script =
      new StringBuilder(
          "import torch\n"
              + "from torch.autograd import grad\n"
              + "from torch.autograd.functional import jvp, hvp, vhp, hessian\n"
              + "def show(name, t):\n"
              + "    print(name, ' '.join(repr(v) for v in t.detach().reshape(-1).tolist()))\n");
  private final Map<String, double[]> ours = new LinkedHashMap<>();

  /** Returns random float64 values of {@code shape} in [low, high), declared in the script. */
  private Tensor input(String name, double low, double high, int... shape) {
    double[] v = new double[Shape.of(shape).numel()];
    for (int i = 0; i < v.length; i++) {
      v[i] = rnd.nextDouble(low, high);
    }
    script
        .append(name)
        .append(" = torch.tensor(")
        .append(Arrays.toString(v))
        .append(", dtype=torch.float64).reshape(")
        .append(Arrays.toString(shape))
        .append(")\n");
    return Tensor.of(v, shape);
  }

  /** Records jgrad's value of {@code name}; the script prints PyTorch's with {@code expr}. */
  private void expect(String name, Tensor value, String expr) {
    ours.put(name, value.toDoubleArray());
    script.append("show('").append(name).append("', ").append(expr).append(")\n");
  }

  private static Variable leaf(Tensor t) {
    return new Variable(t).requiresGrad(true);
  }

  /** f(x) = sum(tanh(x) * sigmoid(x)) + mean(x³) + logsumexp(x, 1).sum(), x of shape [2, 3]. */
  private static Variable f(Variable x) {
    return x.tanh().mul(x.sigmoid()).sum().add(x.pow(3).mean()).add(x.logsumexp(1, false).sum());
  }

  private static final String F =
      "def f(x):\n"
          + "    return (torch.tanh(x) * torch.sigmoid(x)).sum() + (x ** 3).mean()"
          + " + torch.logsumexp(x, 1).sum()\n";

  /** g(a, b) = sum(tanh(a @ b)²) + sum(sqrt(sum(a², 1))) + sum(exp(b) / (1 + a.T[:, :2]²)). */
  private static Variable g(Variable a, Variable b) {
    Variable first = a.matmul(b).tanh().pow(2).sum();
    Variable second = a.mul(a).sum(1, false).sqrt().sum();
    Variable third = b.exp().div(a.t().narrow(1, 0, 2).pow(2).add(1)).sum();
    return first.add(second).add(third);
  }

  private static final String G =
      "def g(a, b):\n"
          + "    return (torch.tanh(a @ b) ** 2).sum() + torch.sqrt((a * a).sum(1)).sum()"
          + " + (torch.exp(b) / (1 + a.t()[:, :2] ** 2)).sum()\n";

  @Test
  void secondOrderDerivativesMatchPyTorch() throws IOException {
    String python = TorchPython.require();
    script.append(F).append(G);
    gradientPenalty();
    thirdDerivative();
    functional();
    List<String> lines =
        new ArrayList<>(Arrays.asList(Python.runCode(python, script.toString()).split("\n")));
    lines.removeIf(String::isBlank);
    assertEquals(ours.size(), lines.size(), "one line per compared value");
    int k = 0;
    for (Map.Entry<String, double[]> e : ours.entrySet()) {
      String[] parts = lines.get(k++).trim().split(" ");
      assertEquals(e.getKey(), parts[0]);
      double[] torch = new double[parts.length - 1];
      for (int i = 0; i < torch.length; i++) {
        torch[i] = Double.parseDouble(parts[i + 1]);
      }
      comparisons.assertClose(e.getKey(), e.getValue(), torch, RTOL);
    }
    comparisons.report("torch " + TorchPython.version());
  }

  /** WGAN-GP: mean((‖∇ₓ D(x)‖ − 1)²) for a small critic, and its gradients in the weights. */
  private void gradientPenalty() {
    Tensor x = input("gx", -1, 1, 4, 3);
    Tensor w1 = input("gw1", -1, 1, 5, 3);
    Tensor b1 = input("gb1", -0.5, 0.5, 5);
    Tensor w2 = input("gw2", -1, 1, 1, 5);
    Variable vx = leaf(x);
    Variable vw1 = leaf(w1);
    Variable vb1 = leaf(b1);
    Variable vw2 = leaf(w2);
    Variable critic = vx.linear(vw1, vb1).tanh().linear(vw2, null).sum();
    Variable dx = Autograd.grad(critic, new Variable[] {vx}, true)[0];
    Variable penalty = dx.mul(dx).sum(1, false).sqrt().sub(1).pow(2).mean();
    Tensor[] grads =
        Autograd.grad(new Variable[] {penalty}, new Variable[] {vw1, vb1, vw2, vx}, null, false);
    script.append(
        "for t in (gx, gw1, gb1, gw2):\n"
            + "    t.requires_grad_()\n"
            + "critic = torch.nn.functional.linear(torch.tanh(torch.nn.functional.linear(gx, gw1,"
            + " gb1)), gw2).sum()\n"
            + "dx, = grad(critic, gx, create_graph=True)\n"
            + "penalty = ((dx * dx).sum(1).sqrt() - 1).pow(2).mean()\n"
            + "pg = grad(penalty, (gw1, gb1, gw2, gx))\n");
    expect("gp.dx", dx.data(), "dx");
    expect("gp.penalty", penalty.data(), "penalty");
    expect("gp.w1", grads[0], "pg[0]");
    expect("gp.b1", grads[1], "pg[1]");
    expect("gp.w2", grads[2], "pg[2]");
    expect("gp.x", grads[3], "pg[3]");
  }

  /** Third derivatives of f, through backward passes that create graphs twice. */
  private void thirdDerivative() {
    Tensor x = input("tx", -1, 1, 2, 3);
    Variable vx = leaf(x);
    Variable d1 = Autograd.grad(f(vx), new Variable[] {vx}, true)[0];
    Variable d2 = Autograd.grad(d1.mul(d1).sum(), new Variable[] {vx}, true)[0];
    Tensor d3 = Autograd.grad(d2.sum(), vx)[0];
    script.append(
        "tx.requires_grad_()\n"
            + "d1, = grad(f(tx), tx, create_graph=True)\n"
            + "d2, = grad((d1 * d1).sum(), tx, create_graph=True)\n"
            + "d3, = grad(d2.sum(), tx)\n");
    expect("third.d2", d2.data(), "d2");
    expect("third.d3", d3, "d3");
  }

  /** jvp, hvp, vhp and hessian of f and g. */
  private void functional() {
    Tensor x = input("fx", -1, 1, 2, 3);
    Tensor v = input("fv", -1, 1, 2, 3);
    Tensor a = input("fa", -1, 1, 2, 3);
    Tensor b = input("fb", -1, 1, 3, 2);
    Tensor va = input("fva", -1, 1, 2, 3);
    Tensor vb = input("fvb", -1, 1, 3, 2);
    Tensor[] ab = {a, b};
    Tensor[] vab = {va, vb};

    expect("hessian.f", AutogradFunctional.hessian(SecondOrderParityTest::f, x), "hessian(f, fx)");
    Tensor[][] h = AutogradFunctional.hessian(in -> g(in[0], in[1]), ab, false);
    script.append("hg = hessian(g, (fa, fb))\n");
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        expect("hessian.g" + i + j, h[i][j], "hg[" + i + "][" + j + "]");
      }
    }
    expect(
        "hvp.f",
        AutogradFunctional.hvp(SecondOrderParityTest::f, x, v).product().get(0),
        "hvp(f, fx, fv)[1]");
    expect(
        "vhp.f",
        AutogradFunctional.vhp(SecondOrderParityTest::f, x, v).product().get(0),
        "vhp(f, fx, fv)[1]");
    AutogradFunctional.HessianProduct hv =
        AutogradFunctional.hvp(in -> g(in[0], in[1]), ab, vab, true);
    AutogradFunctional.HessianProduct vh =
        AutogradFunctional.vhp(in -> g(in[0], in[1]), ab, vab, true);
    script.append("hvg = hvp(g, (fa, fb), (fva, fvb), strict=True)\n");
    script.append("vhg = vhp(g, (fa, fb), (fva, fvb), strict=True)\n");
    expect("hvp.g.out", hv.output(), "hvg[0]");
    expect("hvp.g0", hv.product().get(0), "hvg[1][0]");
    expect("hvp.g1", hv.product().get(1), "hvg[1][1]");
    expect("vhp.g0", vh.product().get(0), "vhg[1][0]");
    expect("vhp.g1", vh.product().get(1), "vhg[1][1]");

    AutogradFunctional.Jvp jx = AutogradFunctional.jvp(y -> y.exp().mul(y).logSoftmax(1), x, v);
    expect(
        "jvp.softmax",
        jx.jvp(),
        "jvp(lambda y: torch.log_softmax(torch.exp(y) * y, 1), fx, fv)[1]");
    AutogradFunctional.Jvp jab =
        AutogradFunctional.jvp(in -> in[0].matmul(in[1]).tanh(), ab, vab, true);
    script.append("jg = jvp(lambda p, q: torch.tanh(p @ q), (fa, fb), (fva, fvb), strict=True)\n");
    expect("jvp.out", jab.output(), "jg[0]");
    expect("jvp.tanh", jab.jvp(), "jg[1]");
  }
}
