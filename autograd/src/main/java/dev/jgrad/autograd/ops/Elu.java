package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
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
  protected Tensor[] backward(Tensor grad) {
    Tensor self = savedTensor(0);
    return new Tensor[] {Tensor.where(self.le(0), grad.mul(alpha).mul(self.exp()), grad)};
  }
}
