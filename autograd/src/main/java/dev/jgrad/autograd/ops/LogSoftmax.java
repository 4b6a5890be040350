package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Tensor;

/**
 * {@code log_softmax}: {@code result = (self - m) - log(sum(exp(self - m), dim))} with {@code m}
 * the maximum along {@code dim}, the shift exact ({@link Tensor#logSoftmax}), a fused primitive for
 * numerical stability (and the first half of cross-entropy).
 *
 * <pre>
 * self: _log_softmax_backward_data(grad, result, dim)
 *       = grad - exp(result) * grad.sum(dim, keepdim = true)
 * </pre>
 */
public final class LogSoftmax extends Function {
  private final int dim;

  /**
   * Creates the op normalizing along {@code dim}.
   *
   * @param dim the dimension whose exponentials sum to one; negative counts from the end
   */
  public LogSoftmax(int dim) {
    this.dim = dim;
  }

  @Override
  public String name() {
    return "logSoftmax";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    Tensor result = in[0].logSoftmax(dim);
    saveForBackward(result);
    return result;
  }

  @Override
  protected Variable[] backward(Variable grad) {
    Variable softmax = savedVariable(0).exp();
    return new Variable[] {grad.sub(softmax.mul(grad.sum(dim, true)))};
  }
}
