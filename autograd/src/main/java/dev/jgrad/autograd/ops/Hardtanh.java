package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Tensor;

/**
 * {@code hardtanh}: {@code result = min(max(self, min_val), max_val)}; unlike {@link Clamp}, the
 * gradient is 0 at the bounds themselves, and a NaN input receives the gradient, as in PyTorch.
 *
 * <pre>
 * self: hardtanh_backward(grad, self, min_val, max_val) = where(self &lt;= min_val | self &gt;=
 * max_val, 0, grad)
 * </pre>
 */
public final class Hardtanh extends Function {
  private final double min;
  private final double max;

  /**
   * Creates the op.
   *
   * @param min the lower bound (PyTorch's default -1)
   * @param max the upper bound (PyTorch's default 1)
   */
  public Hardtanh(double min, double max) {
    this.min = min;
    this.max = max;
  }

  @Override
  public String name() {
    return "hardtanh";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    saveForBackward(in[0]);
    return in[0].hardtanh(min, max);
  }

  @Override
  protected Variable[] backward(Variable grad) {
    Tensor self = savedTensor(0);
    Tensor outside = self.le(min).add(self.ge(max));
    Variable zero = new Variable(Tensor.scalar(0, grad.dtype()));
    return new Variable[] {Variable.where(outside, zero, grad)};
  }
}
