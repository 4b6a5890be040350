package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Tensor;

/**
 * {@code neg}: {@code result = -self}.
 *
 * <pre>
 * self: -grad
 * </pre>
 */
public final class Neg extends Function {
  /** Creates the op. */
  public Neg() {}

  @Override
  public String name() {
    return "neg";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    return in[0].neg();
  }

  @Override
  protected Variable[] backward(Variable grad) {
    return new Variable[] {grad.neg()};
  }
}
