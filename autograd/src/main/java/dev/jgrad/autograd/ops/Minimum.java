package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Tensor;

/**
 * {@code minimum}: {@code result = min(self, other)} elementwise for operands of one shape (callers
 * expand first); on ties each operand gets half the gradient, as in PyTorch.
 *
 * <pre>
 * self:  where(self == other, grad / 2, grad).masked_fill_(self &gt; other, 0)
 * other: where(self == other, grad / 2, grad).masked_fill_(self &lt; other, 0)
 * </pre>
 */
public final class Minimum extends Function {
  /** Creates the op. */
  public Minimum() {}

  @Override
  public String name() {
    return "minimum";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    Operands.requireOneShape(name(), in);
    saveForBackward(in[0], in[1]);
    return in[0].minimum(in[1]);
  }

  @Override
  protected Variable[] backward(Variable grad) {
    Tensor self = savedTensor(0);
    Tensor other = savedTensor(1);
    Variable zeros = new Variable(Tensor.zerosLike(grad.data()));
    Variable shared = Variable.where(self.eq(other), grad.mul(0.5), grad);
    return new Variable[] {
      needsInputGrad(0) ? Variable.where(self.gt(other), zeros, shared) : null,
      needsInputGrad(1) ? Variable.where(self.lt(other), zeros, shared) : null
    };
  }
}
