package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.tensor.Tensor;

/**
 * {@code pow.Tensor_Tensor}: {@code result = self ^ exponent} for operands of one shape (callers
 * expand first).
 *
 * <pre>
 * self:     where(exponent == 0, 0, grad * (exponent * self.pow(exponent - 1)))
 * exponent: grad * where(self == 0 &amp; exponent &gt;= 0, 0, result * log(self))
 * </pre>
 */
public final class Pow extends Function {
  /** Creates the op. */
  public Pow() {}

  @Override
  public String name() {
    return "pow";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    Operands.requireOneShape(name(), in);
    Tensor result = in[0].pow(in[1]);
    saveForBackward(in[0], in[1], result);
    return result;
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    Tensor self = savedTensor(0);
    Tensor exponent = savedTensor(1);
    Tensor gradSelf =
        needsInputGrad(0)
            ? Tensor.where(
                exponent.eq(0),
                Tensor.zerosLike(grad),
                grad.mul(exponent.mul(self.pow(exponent.sub(1)))))
            : null;
    Tensor gradExponent = null;
    if (needsInputGrad(1)) {
      Tensor zeroBase = self.eq(0).mul(exponent.ge(0));
      Tensor d = savedTensor(2).mul(self.log());
      gradExponent = grad.mul(Tensor.where(zeroBase, Tensor.zerosLike(d), d));
    }
    return new Tensor[] {gradSelf, gradExponent};
  }
}
