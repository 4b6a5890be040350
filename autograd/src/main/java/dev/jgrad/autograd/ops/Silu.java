package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
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
  protected Variable[] backward(Variable grad) {
    Variable self = savedVariable(0);
    Variable s = self.sigmoid();
    return new Variable[] {grad.mul(s).mul(self.mul(s.neg().add(1)).add(1))};
  }
}
