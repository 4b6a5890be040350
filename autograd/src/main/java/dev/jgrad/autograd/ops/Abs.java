package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Tensor;

/**
 * {@code abs}: {@code result = |self|}; the derivative at 0 is taken as 0, as in PyTorch.
 *
 * <pre>
 * self: grad * self.sgn()
 * </pre>
 */
public final class Abs extends Function {
  /** Creates the op. */
  public Abs() {}

  @Override
  public String name() {
    return "abs";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    saveForBackward(in[0]);
    return in[0].abs();
  }

  @Override
  protected Variable[] backward(Variable grad) {
    return new Variable[] {grad.mul(new Variable(savedTensor(0).sign()))};
  }
}
