package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Tensor;

/**
 * {@code min}: {@code result = self.min()} over all elements; the gradient is shared evenly among
 * the elements equal to the minimum, or among the NaNs when the minimum is NaN, as in PyTorch.
 *
 * <pre>
 * self: evenly_distribute_backward(grad, self, result)
 *       = where(mask, grad / mask.sum(), 0) with mask = isnan(result) ? isnan(self) : self == result
 * </pre>
 */
public final class MinAll extends Function {
  /** Creates the op. */
  public MinAll() {}

  @Override
  public String name() {
    return "min";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    Tensor result = in[0].min();
    saveForBackward(in[0], result);
    return result;
  }

  @Override
  protected Variable[] backward(Variable grad) {
    Variable self = savedVariable(0);
    Tensor result = savedTensor(1);
    Tensor mask =
        Double.isNaN(result.item()) ? self.data().ne(self.data()) : self.data().eq(result);
    Variable share = grad.div(new Variable(mask.sum().to(grad.dtype())));
    return new Variable[] {
      Variable.where(mask, share, new Variable(Tensor.scalar(0, grad.dtype())))
    };
  }
}
