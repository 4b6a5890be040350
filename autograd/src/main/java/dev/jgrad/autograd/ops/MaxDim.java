package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;

/**
 * {@code max.dim}: {@code result = self.max(dim, keepdim)}; the gradient goes to the first maximal
 * element of each slice (the index {@code argmax} reports), as in PyTorch.
 *
 * <pre>
 * self: value_selecting_reduction_backward(grad, dim, indices, self.sizes(), keepdim)
 *       = zeros(self.sizes()).scatter(dim, indices, grad)
 * </pre>
 */
public final class MaxDim extends Function {
  private final int dim;
  private final boolean keepdim;
  private Shape inputShape;

  private MaxDim(int dim, boolean keepdim) {
    this.dim = dim;
    this.keepdim = keepdim;
  }

  /**
   * Returns the op taking maxima along {@code dim} and removing it, as {@code max(dim,
   * keepdim=False)}.
   *
   * @param dim the dimension to reduce; negative counts from the end
   * @return a new op
   */
  public static MaxDim over(int dim) {
    return new MaxDim(dim, false);
  }

  /**
   * Returns the op taking maxima along {@code dim} and keeping it with size 1, as {@code max(dim,
   * keepdim=True)}.
   *
   * @param dim the dimension to reduce; negative counts from the end
   * @return a new op
   */
  public static MaxDim keepingDim(int dim) {
    return new MaxDim(dim, true);
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
  protected Variable[] backward(Variable grad) {
    if (inputShape.rank() == 0) {
      return new Variable[] {grad};
    }
    Variable g = keepdim ? grad : grad.unsqueeze(dim);
    Tensor zeros = Tensor.zeros(inputShape, grad.dtype());
    Tensor picked = zeros.scatterAdd(dim, savedTensor(0), Tensor.onesLike(g.data()));
    return new Variable[] {Variable.where(picked, g, new Variable(zeros))};
  }
}
