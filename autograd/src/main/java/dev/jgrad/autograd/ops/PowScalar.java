package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Tensor;

/**
 * {@code pow.Tensor_Scalar}: {@code result = self ^ exponent} for a constant exponent.
 *
 * <pre>
 * self: exponent == 0 ? 0 : grad * exponent * self.pow(exponent - 1)
 * </pre>
 */
public final class PowScalar extends Function {
  private final double exponent;

  /**
   * Creates the op raising its input to {@code exponent}.
   *
   * @param exponent the constant exponent
   */
  public PowScalar(double exponent) {
    this.exponent = exponent;
  }

  @Override
  public String name() {
    return "pow";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    saveForBackward(in[0]);
    return in[0].pow(exponent);
  }

  @Override
  protected Variable[] backward(Variable grad) {
    if (exponent == 0) {
      return new Variable[] {new Variable(Tensor.zerosLike(grad.data()))};
    }
    return new Variable[] {grad.mul(savedVariable(0).pow(exponent - 1).mul(exponent))};
  }
}
