package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
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

  private LogSumExp(int dim, boolean keepdim) {
    this.dim = dim;
    this.keepdim = keepdim;
  }

  /**
   * Returns the op reducing {@code dim} and removing it, as {@code logsumexp(dim, keepdim=False)}.
   *
   * @param dim the dimension to reduce; negative counts from the end
   * @return a new op
   */
  public static LogSumExp over(int dim) {
    return new LogSumExp(dim, false);
  }

  /**
   * Returns the op reducing {@code dim} and keeping it with size 1, as {@code logsumexp(dim,
   * keepdim=True)}.
   *
   * @param dim the dimension to reduce; negative counts from the end
   * @return a new op
   */
  public static LogSumExp keepingDim(int dim) {
    return new LogSumExp(dim, true);
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
  protected Variable[] backward(Variable grad) {
    boolean kept = keepdim || savedTensor(0).dim() == 0;
    Variable result = kept ? savedVariable(1) : savedVariable(1).unsqueeze(dim);
    Variable g = kept ? grad : grad.unsqueeze(dim);
    return new Variable[] {g.mul(savedVariable(0).sub(result).exp())};
  }
}
