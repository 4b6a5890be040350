package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.tensor.Tensor;

/**
 * {@code logsumexp}: {@code result = log(sum(exp(self), dim, keepdim))}, a fused primitive: the
 * forward pass subtracts the maximum first, which a composition of exp, sum and log could not do
 * without overflow.
 *
 * <pre>
 * self: logsumexp_backward(grad, self, result, dim, keepdim) = grad * exp(self - result)
 * </pre>
 */
public final class LogSumExp extends Function {
  private final int dim;
  private final boolean keepdim;

  /**
   * Creates the op reducing {@code dim}, kept with size 1 when {@code keepdim}.
   *
   * @param dim the dimension to reduce; negative counts from the end
   * @param keepdim whether the result keeps {@code dim} with size 1
   */
  public LogSumExp(int dim, boolean keepdim) {
    this.dim = dim;
    this.keepdim = keepdim;
  }

  @Override
  public String name() {
    return "logsumexp";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    Tensor result = in[0].logsumexp(dim, keepdim);
    saveForBackward(in[0], result);
    return result;
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    Tensor result = keepdim ? savedTensor(1) : savedTensor(1).unsqueeze(dim);
    Tensor g = keepdim ? grad : grad.unsqueeze(dim);
    return new Tensor[] {g.mul(savedTensor(0).sub(result).exp())};
  }
}
