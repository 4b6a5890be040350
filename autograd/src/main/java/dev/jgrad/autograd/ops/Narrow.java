package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;

/**
 * {@code narrow}: {@code result = self.narrow(dim, start, length)}, a view.
 *
 * <pre>
 * self: slice_backward(grad, self.sizes(), dim, start, start + length, 1)
 *       = zeros(self.sizes()) with grad written into the narrowed range
 * </pre>
 */
public final class Narrow extends Function {
  private final int dim;
  private final int start;
  private final int length;
  private Shape inputShape;

  /**
   * Creates the op keeping indices {@code [start, start + length)} of dimension {@code dim}.
   *
   * @param dim the dimension to narrow; negative counts from the end
   * @param start the first index kept
   * @param length the number of indices kept
   */
  public Narrow(int dim, int start, int length) {
    this.dim = dim;
    this.start = start;
    this.length = length;
  }

  @Override
  public String name() {
    return "narrow";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    inputShape = in[0].shape();
    return in[0].narrow(dim, start, length);
  }

  @Override
  protected Variable[] backward(Variable grad) {
    int d = inputShape.normalizeDim(dim);
    return new Variable[] {Pad.around(grad, d, start, inputShape.size(d) - start - length)};
  }
}
