package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.tensor.Tensor;
import dev.jgrad.tensor.internal.fused.FusedOps;

/**
 * {@code relu}: {@code result = max(self, 0)}; the derivative at 0 is taken as 0, as in PyTorch.
 *
 * <pre>
 * self: threshold_backward(grad, result, 0) = where(result &lt;= 0, 0, grad)
 * </pre>
 */
public final class Relu extends Function {
  /** Creates the op. */
  public Relu() {}

  @Override
  public String name() {
    return "relu";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    Tensor result = in[0].relu();
    saveForBackward(result);
    return result;
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    return new Tensor[] {FusedOps.reluBackward(grad, savedTensor(0))};
  }
}
