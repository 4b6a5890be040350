package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
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
  protected Variable[] backward(Variable grad) {
    return new Variable[] {new Backward().apply(grad, savedVariable(0))};
  }

  /**
   * relu's derivative as an op of (grad, result): {@code threshold_backward(grad, result, 0)}, the
   * fused kernel, linear in grad and with a zero derivative in result.
   *
   * <pre>
   * grad:   threshold_backward(grad, result, 0)
   * result: 0
   * </pre>
   */
  static final class Backward extends Function {
    @Override
    public String name() {
      return "threshold_backward";
    }

    @Override
    protected Tensor forward(Tensor... in) {
      saveForBackward(in[1]);
      return FusedOps.reluBackward(in[0], in[1]);
    }

    @Override
    protected Variable[] backward(Variable grad) {
      return new Variable[] {new Backward().apply(grad, savedVariable(0)), null};
    }
  }
}
