package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Tensor;

/**
 * {@code _to_copy}: {@code result = self.to(dtype)}, a floating-point conversion.
 *
 * <pre>
 * self: _to_copy_backward(grad, self.options()) = grad.to(self.dtype())
 * </pre>
 */
public final class ToDType extends Function {
  private final DType target;
  private DType source;

  /**
   * Creates the op converting to {@code target}.
   *
   * @param target the floating dtype to convert to; the gradient is converted back
   */
  public ToDType(DType target) {
    this.target = target;
  }

  @Override
  public String name() {
    return "to";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    source = in[0].dtype();
    return in[0].to(target);
  }

  @Override
  protected Variable[] backward(Variable grad) {
    return new Variable[] {grad.to(source)};
  }
}
