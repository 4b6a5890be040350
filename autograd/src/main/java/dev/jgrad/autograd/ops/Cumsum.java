package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
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
  protected Variable[] backward(Variable grad) {
    if (grad.dim() == 0 || grad.size(dim) <= 1) {
      return new Variable[] {grad};
    }
    return new Variable[] {new Backward(dim).apply(grad)};
  }

  /**
   * cumsum's derivative as an op: the reversed cumulative sum {@code
   * grad.flip(dim).cumsum(dim).flip(dim)}, linear in grad, whose adjoint is cumsum again.
   *
   * <pre>
   * grad: grad.cumsum(dim)
   * </pre>
   */
  static final class Backward extends Function {
    private final int dim;

    Backward(int dim) {
      this.dim = dim;
    }

    @Override
    public String name() {
      return "cumsum_backward";
    }

    @Override
    protected Tensor forward(Tensor... in) {
      return Operands.flip(Operands.flip(in[0], dim).cumsum(dim), dim);
    }

    @Override
    protected Variable[] backward(Variable grad) {
      return new Variable[] {new Cumsum(dim).apply(grad)};
    }
  }
}
