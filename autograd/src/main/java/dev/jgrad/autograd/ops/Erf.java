package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Tensor;

/**
 * {@code erf}: {@code result = erf(self)}, the error function.
 *
 * <pre>
 * self: 2 / sqrt(pi) * exp(-self * self) * grad
 * </pre>
 */
public final class Erf extends Function {
  /** 2/√π. */
  static final double TWO_OVER_SQRT_PI = 1.1283791670955126;

  /** Creates the op. */
  public Erf() {}

  @Override
  public String name() {
    return "erf";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    saveForBackward(in[0]);
    return in[0].erf();
  }

  @Override
  protected Variable[] backward(Variable grad) {
    Variable self = savedVariable(0);
    return new Variable[] {self.mul(self).neg().exp().mul(TWO_OVER_SQRT_PI).mul(grad)};
  }
}
