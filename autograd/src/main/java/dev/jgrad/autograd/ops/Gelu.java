package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Tensor;

/**
 * {@code gelu} (approximate {@code 'none'}): {@code result = self * Φ(self)}, Φ the standard normal
 * CDF, taken as {@code erfc(-self / √2) / 2} (PyTorch's {@code (1 + erf(self / √2)) / 2} rounds to
 * 0 below about -5.9).
 *
 * <pre>
 * self: gelu_backward(grad, self, 'none') = grad * (cdf + self * pdf), cdf = erfc(-self /
 * sqrt(2)) / 2, pdf = exp(-self * self / 2) / sqrt(2 * pi)
 * </pre>
 */
public final class Gelu extends Function {
  private static final double SQRT1_2 = 0.7071067811865476;
  private static final double ONE_OVER_SQRT_2PI = 0.3989422804014327;

  /** Creates the op. */
  public Gelu() {}

  @Override
  public String name() {
    return "gelu";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    saveForBackward(in[0]);
    return in[0].gelu("none");
  }

  @Override
  protected Variable[] backward(Variable grad) {
    Variable self = savedVariable(0);
    Variable cdf = self.mul(-SQRT1_2).erfc().mul(0.5);
    Variable pdf = self.mul(self).mul(-0.5).exp().mul(ONE_OVER_SQRT_2PI);
    return new Variable[] {grad.mul(cdf.add(self.mul(pdf)))};
  }
}
