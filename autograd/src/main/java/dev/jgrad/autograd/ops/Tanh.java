package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Tensor;

/**
 * {@code tanh}: {@code result = tanh(self)}.
 *
 * <pre>
 * self: tanh_backward(grad, result) = grad * (1 - result * result)
 * </pre>
 */
public final class Tanh extends Function {
  /** Creates the op. */
  public Tanh() {}

  @Override
  public String name() {
    return "tanh";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    Tensor result = in[0].tanh();
    saveForBackward(result);
    return result;
  }

  @Override
  protected Variable[] backward(Variable grad) {
    Variable result = savedVariable(0);
    return new Variable[] {grad.mul(result.mul(result).neg().add(1))};
  }
}
