package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;

/**
 * {@code index_select}: {@code result = self.index_select(dim, index)}; repeated indices receive
 * the sum of their gradients.
 *
 * <pre>
 * self: index_select_backward(grad, self.sizes(), dim, index)
 *       = zeros(self.sizes()).index_add(dim, index, grad)
 * </pre>
 */
public final class IndexSelect extends Function {
  private final int dim;
  private final Tensor index;
  private Shape inputShape;

  /**
   * Creates the op picking the slices at {@code index} (1-D INT32) along {@code dim}.
   *
   * @param dim the dimension to pick along; negative counts from the end
   * @param index the indices to pick; entries may repeat
   */
  public IndexSelect(int dim, Tensor index) {
    this.dim = dim;
    this.index = index;
  }

  @Override
  public String name() {
    return "indexSelect";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    inputShape = in[0].shape();
    saveForBackward(index);
    return in[0].indexSelect(dim, index);
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    Tensor zeros = Tensor.zeros(inputShape, grad.dtype());
    return new Tensor[] {zeros.indexAdd(dim, savedTensor(0), grad)};
  }
}
