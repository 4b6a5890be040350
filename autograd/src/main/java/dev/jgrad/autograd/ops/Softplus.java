package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Tensor;

/**
 * {@code softplus}: {@code result = log1p(exp(beta * self)) / beta}, and {@code self} where {@code
 * beta * self > threshold}.
 *
 * <pre>
 * self: softplus_backward(grad, self, beta, threshold) = where(self * beta &gt; threshold, grad,
 * grad * z / (z + 1)), z = exp(self * beta)
 * </pre>
 */
public final class Softplus extends Function {
  private final double beta;
  private final double threshold;

  /**
   * Creates the op.
   *
   * @param beta the scale β (PyTorch's default 1)
   * @param threshold above which {@code β·x} the function is linear (PyTorch's default 20)
   */
  public Softplus(double beta, double threshold) {
    this.beta = beta;
    this.threshold = threshold;
  }

  @Override
  public String name() {
    return "softplus";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    saveForBackward(in[0]);
    return in[0].softplus(beta, threshold);
  }

  @Override
  protected Variable[] backward(Variable grad) {
    Variable scaled = savedVariable(0).mul(beta);
    Variable z = scaled.exp();
    return new Variable[] {
      Variable.where(scaled.data().gt(threshold), grad, grad.mul(z).div(z.add(1)))
    };
  }
}
