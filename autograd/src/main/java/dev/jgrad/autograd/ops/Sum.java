package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;

/**
 * {@code sum.dim_IntList}: {@code result = self.sum(dims, keepdim)}.
 *
 * <pre>
 * self: sum_backward(grad, self.sizes(), dims, keepdim)
 *       = grad (with the reduced dims restored as size 1).expand(self.sizes())
 * </pre>
 */
public final class Sum extends Function {
  private final int[] dims;
  private final boolean keepdim;
  private Shape inputShape;

  private Sum(int[] dims, boolean keepdim) {
    this.dims = dims.clone();
    this.keepdim = keepdim;
  }

  /**
   * Returns the op summing over {@code dims} and removing them, as {@code sum(dims,
   * keepdim=False)}.
   *
   * @param dims the dimensions to sum over, without repeats; negative values count from the end
   * @return a new op
   */
  public static Sum over(int... dims) {
    return new Sum(dims, false);
  }

  /**
   * Returns the op summing over {@code dims} and keeping them with size 1, as {@code sum(dims,
   * keepdim=True)}.
   *
   * @param dims the dimensions to sum over, without repeats; negative values count from the end
   * @return a new op
   */
  public static Sum keepingDims(int... dims) {
    return new Sum(dims, true);
  }

  @Override
  public String name() {
    return "sum";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    inputShape = in[0].shape();
    return in[0].sum(dims, keepdim);
  }

  @Override
  protected Variable[] backward(Variable grad) {
    int[] kept = inputShape.toArray();
    for (int d = 0; d < dims.length && kept.length > 0; d++) {
      kept[inputShape.normalizeDim(dims[d])] = 1;
    }
    return new Variable[] {grad.reshape(kept).expand(inputShape.toArray())};
  }
}
