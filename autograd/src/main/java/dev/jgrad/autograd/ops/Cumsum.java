package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.tensor.Tensor;

/**
 * {@code cumsum}: {@code result = self.cumsum(dim)}; each element's gradient is the sum of the
 * gradients of the running sums that include it.
 *
 * <pre>
 * self: cumsum_backward(grad, dim) = grad.flip(dim).cumsum(dim).flip(dim)
 * </pre>
 */
public final class Cumsum extends Function {
  private final int dim;

  /**
   * Creates the op taking running sums along {@code dim}.
   *
   * @param dim the dimension to scan; negative counts from the end
   */
  public Cumsum(int dim) {
    this.dim = dim;
  }

  @Override
  public String name() {
    return "cumsum";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    return in[0].cumsum(dim);
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    if (grad.dim() == 0 || grad.size(dim) <= 1) {
      return new Tensor[] {grad};
    }
    return new Tensor[] {Operands.flip(Operands.flip(grad, dim).cumsum(dim), dim)};
  }
}
