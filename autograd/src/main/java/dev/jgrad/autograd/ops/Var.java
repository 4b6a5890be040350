package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;

/**
 * {@code var}: {@code result = self.var(dims, correction, keepdim)} (no dims: all of them).
 *
 * <pre>
 * self: var_backward(grad, self, dim, correction, keepdim) = (2 / (n - correction)) * grad * (self
 *       - self.mean(dim, true)), n the number of elements reduced into each result
 * </pre>
 */
public final class Var extends Function {
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
  public Var(int[] dims, int correction, boolean keepdim) {
    this.dims = dims.clone();
    this.correction = correction;
    this.keepdim = keepdim;
  }

  @Override
  public String name() {
    return "var";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    saveForBackward(in[0]);
    return in[0].var(dims, correction, keepdim);
  }

  @Override
  protected Variable[] backward(Variable grad) {
    return new Variable[] {varBackward(grad, savedVariable(0), dims, correction, keepdim)};
  }

  /** Returns PyTorch's {@code var_backward}, shared with {@link Std}. */
  static Variable varBackward(
      Variable grad, Variable self, int[] dims, int correction, boolean keepdim) {
    int[] kept = Operands.keptSizes(self.shape(), dims);
    int[] reduced = Operands.reducedDims(self.shape(), dims);
    long n = 1;
    for (int d : reduced) {
      n *= self.size(d);
    }
    Variable g = keepdim ? grad : grad.reshape(kept);
    Variable mean = new Mean(reduced).apply(self);
    return g.mul(2.0 / (n - correction)).mul(self.sub(mean));
  }

  /**
   * The mean that var's and std's derivatives subtract, as an op: {@code self.mean(dim, true)}, the
   * tensor kernel (the variable {@code mean}, a sum times {@code 1 / n}, rounds differently),
   * linear in self.
   *
   * <pre>
   * self: grad.expand(self.sizes()) / n
   * </pre>
   */
  static final class Mean extends Function {
    private final int[] dims;
    private Shape inputShape;
    private long count;

    Mean(int[] dims) {
      this.dims = dims;
    }

    @Override
    public String name() {
      return "mean";
    }

    @Override
    protected Tensor forward(Tensor... in) {
      inputShape = in[0].shape();
      count = 1;
      for (int d : dims) {
        count *= inputShape.size(d);
      }
      return in[0].mean(dims, true);
    }

    @Override
    protected Variable[] backward(Variable grad) {
      return new Variable[] {grad.expand(inputShape.toArray()).div(count)};
    }
  }
}
