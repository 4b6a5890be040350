package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Tensor;

/**
 * {@code softmax}: {@code result = exp(self - m) / sum(exp(self - m), dim)} with {@code m} the
 * maximum along {@code dim} ({@link Tensor#softmax}), a fused primitive for numerical stability.
 *
 * <pre>
 * self: _softmax_backward_data(grad, result, dim)
 *       = result * (grad - (grad * result).sum(dim, keepdim = true))
 * </pre>
 */
public final class Softmax extends Function {
  private final int dim;

  /**
   * Creates the op normalizing along {@code dim}.
   *
   * @param dim the dimension that sums to one; negative counts from the end
   */
  public Softmax(int dim) {
    this.dim = dim;
  }

  @Override
  public String name() {
    return "softmax";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    Tensor result = in[0].softmax(dim);
    saveForBackward(result);
    return result;
  }

  @Override
  protected Variable[] backward(Variable grad) {
    Variable result = savedVariable(0);
    return new Variable[] {result.mul(grad.sub(grad.mul(result).sum(dim, true)))};
  }
}
