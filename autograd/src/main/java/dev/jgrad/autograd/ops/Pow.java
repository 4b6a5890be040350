package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
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
  protected Variable[] backward(Variable grad) {
    Variable self = savedVariable(0);
    Variable exponent = savedVariable(1);
    Variable gradSelf = null;
    if (needsInputGrad(0)) {
      Variable zeros = new Variable(Tensor.zerosLike(grad.data()));
      gradSelf =
          Variable.where(
              exponent.data().eq(0), zeros, grad.mul(exponent.mul(self.pow(exponent.sub(1)))));
    }
    Variable gradExponent = null;
    if (needsInputGrad(1)) {
      Tensor zeroBase = self.data().eq(0).mul(exponent.data().ge(0));
      Variable d = savedVariable(2).mul(self.log());
      Variable zeros = new Variable(Tensor.zerosLike(d.data()));
      gradExponent = grad.mul(Variable.where(zeroBase, zeros, d));
    }
    return new Variable[] {gradSelf, gradExponent};
  }
}
