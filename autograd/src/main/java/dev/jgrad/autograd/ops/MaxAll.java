package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Tensor;

/**
 * {@code max}: {@code result = self.max()} over all elements; the gradient is shared evenly among
 * the elements equal to the maximum (among the NaNs when the maximum is NaN), as in PyTorch.
 *
 * <pre>
 * self: evenly_distribute_backward(grad, self, result)
 *       = where(mask, grad / mask.sum(), 0), mask = isnan(result) ? isnan(self) : self == result
 * </pre>
 */
public final class MaxAll extends Function {
  /** Creates the op. */
  public MaxAll() {}

  @Override
  public String name() {
    return "max";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    Tensor result = in[0].max();
    saveForBackward(in[0], result);
    return result;
  }

  @Override
  protected Variable[] backward(Variable grad) {
    Tensor self = savedTensor(0);
    Tensor result = savedTensor(1);
    Tensor mask = Double.isNaN(result.item()) ? self.ne(self) : self.eq(result);
    Variable zeros = new Variable(Tensor.zerosLike(self));
    Variable share = grad.div(new Variable(mask.sum())).expand(self.shape().toArray());
    return new Variable[] {Variable.where(mask, share, zeros)};
  }
}
