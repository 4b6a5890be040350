package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Tensor;

/**
 * {@code where}: {@code result = condition ? self : other} for a constant condition and operands
 * all of one shape (callers expand first).
 *
 * <pre>
 * self:  where(condition, grad, 0)
 * other: where(condition, 0, grad)
 * </pre>
 */
public final class Where extends Function {
  private final Tensor condition;

  /**
   * Creates the op selecting by {@code condition} (nonzero picks the first operand).
   *
   * @param condition the mask, any dtype, of the operands' shape
   */
  public Where(Tensor condition) {
    this.condition = condition;
  }

  @Override
  public String name() {
    return "where";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    Operands.requireOneShape(name(), condition, in[0], in[1]);
    saveForBackward(condition);
    return Tensor.where(condition, in[0], in[1]);
  }

  @Override
  protected Variable[] backward(Variable grad) {
    Tensor mask = savedTensor(0);
    Variable zeros = new Variable(Tensor.zerosLike(grad.data()));
    return new Variable[] {
      needsInputGrad(0) ? Variable.where(mask, grad, zeros) : null,
      needsInputGrad(1) ? Variable.where(mask, zeros, grad) : null
    };
  }
}
