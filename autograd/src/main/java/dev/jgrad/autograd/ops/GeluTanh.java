package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Tensor;

/**
 * {@code gelu} (approximate {@code 'tanh'}): {@code result = 0.5 * self * (1 + tanh(inner))} with
 * {@code inner = √(2/π) * (self + 0.044715 * self³)}.
 *
 * <pre>
 * self: gelu_backward(grad, self, 'tanh') = grad * (0.5 * (1 + t) + 0.5 * self * (1 - t * t) *
 * sqrt(2 / pi) * (1 + 3 * 0.044715 * self * self)), t = tanh(inner)
 * </pre>
 */
public final class GeluTanh extends Function {
  private static final double BETA = 0.7978845608028654;
  private static final double KAPPA = 0.044715;

  /** Creates the op. */
  public GeluTanh() {}

  @Override
  public String name() {
    return "gelu";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    saveForBackward(in[0]);
    return in[0].gelu("tanh");
  }

  @Override
  protected Variable[] backward(Variable grad) {
    Variable self = savedVariable(0);
    Variable square = self.mul(self);
    Variable t = square.mul(self).mul(KAPPA).add(self).mul(BETA).tanh();
    Variable left = self.mul(0.5);
    Variable leftDerivative = t.add(1).mul(0.5);
    Variable tanhDerivative = t.mul(t).neg().add(1);
    Variable innerDerivative = square.mul(3 * KAPPA).add(1).mul(BETA);
    Variable rightDerivative = left.mul(tanhDerivative).mul(innerDerivative);
    return new Variable[] {grad.mul(leftDerivative.add(rightDerivative))};
  }
}
