package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Tensor;

/**
 * {@code exp}: {@code result = e ^ self}.
 *
 * <pre>
 * self: grad * result
 * </pre>
 */
public final class Exp extends Function {
  /** Creates the op. */
  public Exp() {}

  @Override
  public String name() {
    return "exp";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    Tensor result = in[0].exp();
    saveForBackward(result);
    return result;
  }

  @Override
  protected Variable[] backward(Variable grad) {
    return new Variable[] {grad.mul(savedVariable(0))};
  }
}
