package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;

/**
 * {@code gather}: {@code result = self.gather(dim, index)}; repeated indices receive the sum of
 * their gradients.
 *
 * <pre>
 * self: gather_backward(grad, self, dim, index)
 *       = zeros(self.sizes()).scatter_add(dim, index, grad)
 * </pre>
 */
public final class Gather extends Function {
  private final int dim;
  private final Tensor index;
  private Shape inputShape;

  /**
   * Creates the op reading {@code self[..., index[...], ...]} along {@code dim} (INT32 index).
   *
   * @param dim the dimension the index points into; negative counts from the end
   * @param index the INT32 indices, of the input's rank; the output has its shape
   */
  public Gather(int dim, Tensor index) {
    this.dim = dim;
    this.index = index;
  }

  @Override
  public String name() {
    return "gather";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    inputShape = in[0].shape();
    saveForBackward(index);
    return in[0].gather(dim, index);
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    Tensor zeros = Tensor.zeros(inputShape, grad.dtype());
    return new Tensor[] {zeros.scatterAdd(dim, savedTensor(0), grad)};
  }
}
