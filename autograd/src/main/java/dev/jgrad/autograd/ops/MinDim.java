package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;

/**
 * {@code min.dim}: {@code result = self.min(dim, keepdim)}; the gradient goes to the first minimal
 * element of each slice (the index {@code argmin} reports: the first NaN if there is one), as in
 * PyTorch.
 *
 * <pre>
 * self: value_selecting_reduction_backward(grad, dim, indices, self.sizes(), keepdim)
 *       = zeros(self.sizes()).scatter_add(dim, indices, grad)
 * </pre>
 */
public final class MinDim extends Function {
  private final int dim;
  private final boolean keepdim;
  private Shape inputShape;

  private MinDim(int dim, boolean keepdim) {
    this.dim = dim;
    this.keepdim = keepdim;
  }

  /**
   * Returns the op taking minima along {@code dim} and removing it, as {@code min(dim,
   * keepdim=False)}.
   *
   * @param dim the dimension to reduce; negative counts from the end
   * @return a new op
   */
  public static MinDim over(int dim) {
    return new MinDim(dim, false);
  }

  /**
   * Returns the op taking minima along {@code dim} and keeping it with size 1, as {@code min(dim,
   * keepdim=True)}.
   *
   * @param dim the dimension to reduce; negative counts from the end
   * @return a new op
   */
  public static MinDim keepingDim(int dim) {
    return new MinDim(dim, true);
  }

  @Override
  public String name() {
    return "min";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    inputShape = in[0].shape();
    Tensor result = in[0].min(dim, keepdim);
    if (needsInputGrad(0)) {
      saveForBackward(in[0].argmin(dim, true));
    }
    return result;
  }

  @Override
  protected Variable[] backward(Variable grad) {
    Variable g = keepdim ? grad : grad.unsqueeze(dim);
    return new Variable[] {new Gather.Scatter(dim, savedTensor(0), inputShape).apply(g)};
  }
}
