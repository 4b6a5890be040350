package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Tensor;

/**
 * {@code sigmoid}: {@code result = 1 / (1 + e ^ -self)}.
 *
 * <pre>
 * self: sigmoid_backward(grad, result) = grad * result * (1 - result)
 * </pre>
 */
public final class Sigmoid extends Function {
  /** Creates the op. */
  public Sigmoid() {}

  @Override
  public String name() {
    return "sigmoid";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    Tensor result = in[0].sigmoid();
    saveForBackward(result);
    return result;
  }

  @Override
  protected Variable[] backward(Variable grad) {
    Variable result = savedVariable(0);
    return new Variable[] {grad.mul(result).mul(result.neg().add(1))};
  }
}
