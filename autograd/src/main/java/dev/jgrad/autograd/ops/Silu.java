package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.tensor.Tensor;

/**
 * {@code silu}: {@code result = self / (1 + exp(-self)) = self * sigmoid(self)}.
 *
 * <pre>
 * self: grad * sigmoid(self) * (1 + self * (1 - sigmoid(self)))
 * </pre>
 */
public final class Silu extends Function {
  /** Creates the op. */
  public Silu() {}

  @Override
  public String name() {
    return "silu";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    saveForBackward(in[0]);
    return in[0].silu();
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    Tensor self = savedTensor(0);
    Tensor s = self.sigmoid();
    return new Tensor[] {grad.mul(s).mul(self.mul(s.neg().add(1)).add(1))};
  }
}
