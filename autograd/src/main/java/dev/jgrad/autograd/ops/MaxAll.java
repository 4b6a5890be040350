package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Tensor;

/**
 * {@code max}: {@code result = self.max()} over all elements; the gradient is shared evenly among
 * the elements equal to the maximum, as in PyTorch.
 *
 * <pre>
 * self: evenly_distribute_backward(grad, self, result)
 *       = grad * (self == result) / (self == result).sum()
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
    Tensor mask = savedTensor(0).eq(savedTensor(1));
    return new Variable[] {new Variable(mask).mul(grad.div(new Variable(mask.sum())))};
  }
}
