package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Tensor;

/**
 * {@code mul}: {@code result = self * other} for operands of one shape (callers expand first).
 *
 * <pre>
 * self:  grad * other
 * other: grad * self
 * </pre>
 */
public final class Mul extends Function {
  /** Creates the op. */
  public Mul() {}

  @Override
  public String name() {
    return "mul";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    Operands.requireOneShape(name(), in);
    saveForBackward(in[0], in[1]);
    return in[0].mul(in[1]);
  }

  @Override
  protected Variable[] backward(Variable grad) {
    return new Variable[] {
      needsInputGrad(0) ? grad.mul(savedVariable(1)) : null,
      needsInputGrad(1) ? grad.mul(savedVariable(0)) : null
    };
  }
}
