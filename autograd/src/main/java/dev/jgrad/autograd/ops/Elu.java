package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Tensor;

/**
 * {@code elu}: {@code result = self} above 0, {@code alpha * expm1(self)} at 0 and below; the
 * derivative at 0 is {@code alpha}, and a NaN input receives the gradient unchanged, as in PyTorch.
 *
 * <pre>
 * self: elu_backward(grad, alpha, 1, 1, false, self) = where(self &lt;= 0, grad * alpha *
 * exp(self), grad)
 * </pre>
 */
public final class Elu extends Function {
  private final double alpha;

  /**
   * Creates the op.
   *
   * @param alpha the scale α of the negative side (PyTorch's default 1)
   */
  public Elu(double alpha) {
    this.alpha = alpha;
  }

  @Override
  public String name() {
    return "elu";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    saveForBackward(in[0]);
    return in[0].elu(alpha);
  }

  @Override
  protected Variable[] backward(Variable grad) {
    Variable self = savedVariable(0);
    return new Variable[] {
      Variable.where(self.data().le(0), grad.mul(alpha).mul(self.exp()), grad)
    };
  }
}
