package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;

/**
 * {@code select.int}: {@code result = self.select(dim, index)}, a view without dimension {@code
 * dim}.
 *
 * <pre>
 * self: select_backward(grad, self.sizes(), dim, index)
 *       = zeros(self.sizes()) with grad written at index
 * </pre>
 */
public final class Select extends Function {
  private final int dim;
  private final int index;
  private Shape inputShape;

  /**
   * Creates the op picking {@code index} of dimension {@code dim}.
   *
   * @param dim the dimension to index, which the result drops; negative counts from the end
   * @param index the index along {@code dim}; negative counts from the end
   */
  public Select(int dim, int index) {
    this.dim = dim;
    this.index = index;
  }

  @Override
  public String name() {
    return "select";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    inputShape = in[0].shape();
    return in[0].select(dim, index);
  }

  @Override
  protected Variable[] backward(Variable grad) {
    int d = inputShape.normalizeDim(dim);
    int i = index < 0 ? index + inputShape.size(d) : index;
    return new Variable[] {Pad.around(grad.unsqueeze(d), d, i, inputShape.size(d) - i - 1)};
  }
}
