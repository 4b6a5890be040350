package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Tensor;

/**
 * {@code clamp}: {@code result = min(max(self, min), max)}; the gradient passes where the input
 * lies inside {@code [min, max]}, bounds included, as in PyTorch.
 *
 * <pre>
 * self: clamp_backward(grad, self, min, max) = where(self &gt;= min &amp; self &lt;= max, grad, 0)
 * </pre>
 */
public final class Clamp extends Function {
  private final double min;
  private final double max;

  /**
   * Creates the op clamping to {@code [min, max]}.
   *
   * @param min the lower bound, or {@link Double#NEGATIVE_INFINITY} for none
   * @param max the upper bound, or {@link Double#POSITIVE_INFINITY} for none
   */
  public Clamp(double min, double max) {
    this.min = min;
    this.max = max;
  }

  @Override
  public String name() {
    return "clamp";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    saveForBackward(in[0]);
    return in[0].clamp(min, max);
  }

  @Override
  protected Variable[] backward(Variable grad) {
    Tensor self = savedTensor(0);
    Variable zeros = new Variable(Tensor.zerosLike(grad.data()));
    return new Variable[] {Variable.where(self.ge(min).mul(self.le(max)), grad, zeros)};
  }
}
