package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;

/**
 * {@code scatter_add}: {@code result = self.scatterAdd(dim, index, src)}; {@code self} passes the
 * gradient through, and {@code src} gets the gradient of the positions it was added to (zeros
 * beyond the index when it is larger).
 *
 * <pre>
 * self: grad
 * src:  grad.gather(dim, index), zero-padded to src's shape
 * </pre>
 */
public final class ScatterAdd extends Function {
  private final int dim;
  private final Tensor index;
  private Shape srcShape;

  /**
   * Creates the op adding its second input at the indexed positions of its first.
   *
   * @param dim the dimension the index points into; negative counts from the end
   * @param index the INT32 target indices, a constant of the input's rank
   */
  public ScatterAdd(int dim, Tensor index) {
    this.dim = dim;
    this.index = index;
  }

  @Override
  public String name() {
    return "scatter_add";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    saveForBackward(index);
    srcShape = in[1].shape();
    return in[0].scatterAdd(dim, index, in[1]);
  }

  @Override
  protected Variable[] backward(Variable grad) {
    Variable src =
        needsInputGrad(1) ? Scatter.gatherInto(grad, dim, savedTensor(0), srcShape) : null;
    return new Variable[] {needsInputGrad(0) ? grad : null, src};
  }
}
