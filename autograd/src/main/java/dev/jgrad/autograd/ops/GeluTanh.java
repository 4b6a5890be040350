package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
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
  protected Tensor[] backward(Tensor grad) {
    Tensor self = savedTensor(0);
    Tensor square = self.mul(self);
    Tensor t = square.mul(self).mul(KAPPA).add(self).mul(BETA).tanh();
    Tensor left = self.mul(0.5);
    Tensor leftDerivative = t.add(1).mul(0.5);
    Tensor tanhDerivative = t.mul(t).neg().add(1);
    Tensor innerDerivative = square.mul(3 * KAPPA).add(1).mul(BETA);
    Tensor rightDerivative = left.mul(tanhDerivative).mul(innerDerivative);
    return new Tensor[] {grad.mul(leftDerivative.add(rightDerivative))};
  }
}
