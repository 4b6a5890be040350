package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;

/**
 * {@code max.dim}: {@code result = self.max(dim, keepdim)}; the gradient goes to the first maximal
 * element of each slice (the index {@code argmax} reports), as in PyTorch.
 *
 * <pre>
 * self: value_selecting_reduction_backward(grad, dim, indices, self.sizes(), keepdim)
 *       = zeros(self.sizes()).scatter_add(dim, indices, grad)
 * </pre>
 */
public final class MaxDim extends Function {
  private final int dim;
  private final boolean keepdim;
  private Shape inputShape;

  /**
   * Creates the op taking maxima along {@code dim}, kept with size 1 when {@code keepdim}.
   *
   * @param dim the dimension to reduce; negative counts from the end
   * @param keepdim whether the result keeps {@code dim} with size 1
   */
  public MaxDim(int dim, boolean keepdim) {
    this.dim = dim;
    this.keepdim = keepdim;
  }

  @Override
  public String name() {
    return "max";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    inputShape = in[0].shape();
    Tensor result = in[0].max(dim, keepdim);
    if (needsInputGrad(0)) {
      saveForBackward(in[0].argmax(dim, true));
    }
    return result;
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    Tensor g = keepdim ? grad : grad.unsqueeze(dim);
    return new Tensor[] {Tensor.zeros(inputShape, grad.dtype()).scatterAdd(dim, savedTensor(0), g)};
  }
}
