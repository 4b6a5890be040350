package dev.jgrad.nn;

import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Tensor;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * Every activation of {@link Functional} (and erf, erfc) and its module against {@code
 * torch.nn.functional} and {@code torch.nn} in float64: values and input gradients to 1e-10
 * relative on random inputs, on ±0, ±inf, tiny and huge values and the kinks (gradients at the
 * bounds and at 0 as PyTorch defines them), and on NaN; module reprs exactly.
 *
 * <p>NaN is compared in a tensor of its own: PyTorch 1.13's CPU kernels give {@code elu} and {@code
 * hardtanh} a NaN input's gradient by their scalar formula (the gradient passes) in a short
 * tensor's tail but NaN resp. 0 inside a vectorized block; jgrad follows the scalar formula
 * everywhere. {@code gelu} is compared down to -5 and then at -40 and below: between, PyTorch's
 * {@code 1 + erf(x/√2)} loses its digits where jgrad's {@code erfc} keeps them ({@code
 * ActivationsTest} checks those against the C library). {@code elu} is compared without ±1e-300:
 * jgrad computes {@code α · expm1(x)}, PyTorch 1.13 {@code α · (e^x - 1)}, which gives 0 for
 * -1e-300 and loses digits below |x| ≈ 1e-6.
 */
class ActivationsParityTest extends TorchParityTest {
  private static final double RTOL = 1e-10;
  private static final double INF = Double.POSITIVE_INFINITY;

  ActivationsParityTest() {
    super("Activations", RTOL, cases());
  }

  private static void add(
      TorchCases c, String name, UnaryOperator<Variable> jgrad, String torch, Tensor... inputs) {
    String[] labels = {"random", "special values", "NaN"};
    for (int i = 0; i < inputs.length; i++) {
      c.add(name + ", " + labels[i], a -> jgrad.apply(a[0]), torch, inputs[i]);
    }
  }

  private static TorchCases cases() {
    SplittableRandom rnd = new SplittableRandom(2024);
    Tensor random = TorchCases.uniform(rnd, -5, 5, 6, 7).t();
    Tensor special =
        Tensor.of(
            new double[] {
              0, -0.0, INF, -INF, 1, -1, 0.5, -0.5, 2, -2, 20, 20.5, 40, -40, 1e3, -1e3, 1e10,
              -1e10, 1e-300, -1e-300
            });
    Tensor nan = Tensor.of(new double[] {Double.NaN});
    Tensor specialForElu = special.narrow(0, 0, 18);
    TorchCases c = new TorchCases("ActivationsParityTest");
    add(c, "gelu", Functional::gelu, "F.gelu(a0)", random, special, nan);
    add(
        c,
        "gelu tanh",
        x -> Functional.gelu(x, "tanh"),
        "F.gelu(a0, approximate='tanh')",
        random,
        special,
        nan);
    add(c, "silu", Functional::silu, "F.silu(a0)", random, special, nan);
    add(c, "softplus", Functional::softplus, "F.softplus(a0)", random, special, nan);
    add(
        c,
        "softplus(2, 1)",
        x -> Functional.softplus(x, 2, 1),
        "F.softplus(a0, 2, 1)",
        random,
        special,
        nan);
    add(
        c,
        "softplus(-0.5, 3)",
        x -> Functional.softplus(x, -0.5, 3),
        "F.softplus(a0, -0.5, 3)",
        random,
        special);
    add(c, "elu", Functional::elu, "F.elu(a0)", random, specialForElu, nan);
    add(c, "elu(0.3)", x -> Functional.elu(x, 0.3), "F.elu(a0, 0.3)", random, specialForElu);
    add(c, "hardtanh", Functional::hardtanh, "F.hardtanh(a0)", random, special, nan);
    add(
        c,
        "hardtanh(-0.5, 2)",
        x -> Functional.hardtanh(x, -0.5, 2),
        "F.hardtanh(a0, -0.5, 2)",
        random,
        special);
    add(c, "leaky_relu", Functional::leakyRelu, "F.leaky_relu(a0)", random, special, nan);
    add(
        c,
        "leaky_relu(0.2)",
        x -> Functional.leakyRelu(x, 0.2),
        "F.leaky_relu(a0, 0.2)",
        random,
        special);
    add(c, "erf", Variable::erf, "torch.erf(a0)", random, special, nan);
    add(c, "erfc", Variable::erfc, "torch.erfc(a0)", random, special, nan);
    add(c, "nn.GELU('tanh')", x -> new GELU("tanh").forward(x), "nn.GELU('tanh')(a0)", random);
    add(c, "nn.SiLU", x -> new SiLU().forward(x), "nn.SiLU()(a0)", random);
    add(
        c,
        "nn.Softplus(3, 2)",
        x -> new Softplus(3, 2).forward(x),
        "nn.Softplus(3, 2)(a0)",
        random);
    add(c, "nn.ELU(2)", x -> new ELU(2).forward(x), "nn.ELU(2.0)(a0)", random);
    add(
        c,
        "nn.Hardtanh(-2, 3)",
        x -> new Hardtanh(-2, 3).forward(x),
        "nn.Hardtanh(-2., 3.)(a0)",
        random);
    add(
        c,
        "nn.LeakyReLU(0.1)",
        x -> new LeakyReLU(0.1).forward(x),
        "nn.LeakyReLU(0.1)(a0)",
        random);
    return c.repr(new GELU(), "nn.GELU()")
        .repr(new GELU("tanh"), "nn.GELU('tanh')")
        .repr(new SiLU(), "nn.SiLU()")
        .repr(new Softplus(), "nn.Softplus()")
        .repr(new Softplus(2, 10.5), "nn.Softplus(2, 10.5)")
        .repr(new ELU(), "nn.ELU()")
        .repr(new ELU(0.5), "nn.ELU(0.5)")
        .repr(new Hardtanh(), "nn.Hardtanh()")
        .repr(new Hardtanh(-2.5, 3.5), "nn.Hardtanh(-2.5, 3.5)")
        .repr(new LeakyReLU(), "nn.LeakyReLU()")
        .repr(new LeakyReLU(0.2), "nn.LeakyReLU(0.2)");
  }
}
