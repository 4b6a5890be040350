package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
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

  /**
   * Creates the op summing over {@code dims}, kept with size 1 when {@code keepdim}.
   *
   * @param dims the dimensions to sum over, without repeats; negative values count from the end
   * @param keepdim whether the result keeps them with size 1
   */
  public Sum(int[] dims, boolean keepdim) {
    this.dims = dims.clone();
    this.keepdim = keepdim;
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
  protected Tensor[] backward(Tensor grad) {
    int[] kept = inputShape.toArray();
    for (int d : dims) {
      kept[inputShape.normalizeDim(d)] = 1;
    }
    return new Tensor[] {grad.reshape(kept).expand(inputShape)};
  }
}
