package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Tensor;

/**
 * {@code sqrt}: {@code result = √self}.
 *
 * <pre>
 * self: grad / (2 * result)
 * </pre>
 */
public final class Sqrt extends Function {
  /** Creates the op. */
  public Sqrt() {}

  @Override
  public String name() {
    return "sqrt";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    Tensor result = in[0].sqrt();
    saveForBackward(result);
    return result;
  }

  @Override
  protected Variable[] backward(Variable grad) {
    return new Variable[] {grad.div(savedVariable(0).mul(2))};
  }
}
