package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Tensor;

/**
 * {@code erfc}: {@code result = erfc(self) = 1 - erf(self)}, without the cancellation for large
 * self.
 *
 * <pre>
 * self: -2 / sqrt(pi) * exp(-self * self) * grad
 * </pre>
 */
public final class Erfc extends Function {
  /** Creates the op. */
  public Erfc() {}

  @Override
  public String name() {
    return "erfc";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    saveForBackward(in[0]);
    return in[0].erfc();
  }

  @Override
  protected Variable[] backward(Variable grad) {
    Variable self = savedVariable(0);
    return new Variable[] {self.mul(self).neg().exp().mul(-Erf.TWO_OVER_SQRT_PI).mul(grad)};
  }
}
