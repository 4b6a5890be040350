package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Tensor;

/**
 * {@code leaky_relu}: {@code result = self} above 0, {@code negative_slope * self} at 0 and below;
 * the derivative at 0 (and at NaN) is the slope, as in PyTorch.
 *
 * <pre>
 * self: leaky_relu_backward(grad, self, negative_slope, false) = where(self &gt; 0, grad, grad *
 * negative_slope)
 * </pre>
 */
public final class LeakyRelu extends Function {
  private final double negativeSlope;

  /**
   * Creates the op.
   *
   * @param negativeSlope the factor of the negative side (PyTorch's default 0.01)
   */
  public LeakyRelu(double negativeSlope) {
    this.negativeSlope = negativeSlope;
  }

  @Override
  public String name() {
    return "leaky_relu";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    saveForBackward(in[0]);
    return in[0].leakyRelu(negativeSlope);
  }

  @Override
  protected Variable[] backward(Variable grad) {
    Tensor self = savedTensor(0);
    return new Variable[] {Variable.where(self.gt(0), grad, grad.mul(negativeSlope))};
  }
}
