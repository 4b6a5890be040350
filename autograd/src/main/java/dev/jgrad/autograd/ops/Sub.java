package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Tensor;

/**
 * {@code sub}: {@code result = self - other} for operands of one shape (callers expand first).
 *
 * <pre>
 * self:  grad
 * other: -grad
 * </pre>
 */
public final class Sub extends Function {
  /** Creates the op. */
  public Sub() {}

  @Override
  public String name() {
    return "sub";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    Operands.requireOneShape(name(), in);
    return in[0].sub(in[1]);
  }

  @Override
  protected Variable[] backward(Variable grad) {
    return new Variable[] {needsInputGrad(0) ? grad : null, needsInputGrad(1) ? grad.neg() : null};
  }
}
