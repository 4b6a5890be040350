package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Tensor;

/**
 * {@code std}: {@code result = self.std(dims, correction, keepdim)} (no dims: all of them); where
 * the result is 0 the gradient is 0, as in PyTorch.
 *
 * <pre>
 * self: std_backward(result, grad, self, dim, correction, keepdim) = var_backward(where(result ==
 *       0, 0, grad / (result * 2)), self, dim, correction, keepdim)
 * </pre>
 */
public final class Std extends Function {
  private final int[] dims;
  private final int correction;
  private final boolean keepdim;

  /**
   * Creates the op.
   *
   * @param dims the dimensions to reduce, without repeats; none means all
   * @param correction the difference between the sample size and the degrees of freedom
   * @param keepdim whether the result keeps the reduced dimensions with size 1
   */
  public Std(int[] dims, int correction, boolean keepdim) {
    this.dims = dims.clone();
    this.correction = correction;
    this.keepdim = keepdim;
  }

  @Override
  public String name() {
    return "std";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    Tensor result = in[0].std(dims, correction, keepdim);
    saveForBackward(in[0], result);
    return result;
  }

  @Override
  protected Variable[] backward(Variable grad) {
    Variable result = savedVariable(1);
    Variable zero = new Variable(Tensor.scalar(0, grad.dtype()));
    Variable gradVar = Variable.where(result.data().eq(0), zero, grad.div(result.mul(2)));
    return new Variable[] {Var.varBackward(gradVar, savedVariable(0), dims, correction, keepdim)};
  }
}
