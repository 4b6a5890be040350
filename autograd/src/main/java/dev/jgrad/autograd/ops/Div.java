package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Tensor;

/**
 * {@code div}: {@code result = self / other} for operands of one shape (callers expand first).
 *
 * <pre>
 * self:  grad / other
 * other: -grad * ((self / other) / other)
 * </pre>
 */
public final class Div extends Function {
  /** Creates the op. */
  public Div() {}

  @Override
  public String name() {
    return "div";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    Operands.requireOneShape(name(), in);
    saveForBackward(in[0], in[1]);
    return in[0].div(in[1]);
  }

  @Override
  protected Variable[] backward(Variable grad) {
    Variable self = savedVariable(0);
    Variable other = savedVariable(1);
    return new Variable[] {
      needsInputGrad(0) ? grad.div(other) : null,
      needsInputGrad(1) ? grad.neg().mul(self.div(other).div(other)) : null
    };
  }
}
