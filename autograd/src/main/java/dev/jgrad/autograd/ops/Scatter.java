package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;

/**
 * {@code scatter}: {@code result = self.scatter(dim, index, src)}, or {@code self.scatter(dim,
 * index, value)} with a constant value; the overwritten positions of {@code self} get no gradient,
 * and {@code src} gets the gradient of the positions it was written to. A {@code src} larger than
 * the index gets zeros beyond it (PyTorch refuses that gradient's shape).
 *
 * <pre>
 * self: grad.scatter(dim, index, 0)
 * src:  grad.gather(dim, index), zero-padded to src's shape
 * </pre>
 */
public final class Scatter extends Function {
  private final int dim;
  private final Tensor index;
  private final Double value;
  private Shape srcShape;

  private Scatter(int dim, Tensor index, Double value) {
    this.dim = dim;
    this.index = index;
    this.value = value;
  }

  /**
   * Returns the op writing its second input, as {@code scatter(dim, index, src)}.
   *
   * @param dim the dimension the index points into; negative counts from the end
   * @param index the INT32 target indices, a constant of the input's rank
   * @return a new op taking (self, src)
   */
  public static Scatter ofSource(int dim, Tensor index) {
    return new Scatter(dim, index, null);
  }

  /**
   * Returns the op writing a constant, as {@code scatter(dim, index, value)}.
   *
   * @param dim the dimension the index points into; negative counts from the end
   * @param index the INT32 target indices, a constant of the input's rank
   * @param value the value written
   * @return a new op taking (self)
   */
  public static Scatter ofValue(int dim, Tensor index, double value) {
    return new Scatter(dim, index, value);
  }

  @Override
  public String name() {
    return "scatter";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    saveForBackward(index);
    if (value != null) {
      return in[0].scatter(dim, index, value);
    }
    srcShape = in[1].shape();
    return in[0].scatter(dim, index, in[1]);
  }

  @Override
  protected Variable[] backward(Variable grad) {
    Tensor idx = savedTensor(0);
    Variable self = needsInputGrad(0) ? grad.scatter(dim, idx, 0) : null;
    if (value != null) {
      return new Variable[] {self};
    }
    Variable src = needsInputGrad(1) ? gatherInto(grad, dim, idx, srcShape) : null;
    return new Variable[] {self, src};
  }

  /** Returns {@code grad.gather(dim, index)} zero-padded to {@code srcShape}, shared with add. */
  static Variable gatherInto(Variable grad, int dim, Tensor index, Shape srcShape) {
    Variable gathered = grad.gather(dim, index);
    if (gathered.shape().equals(srcShape)) {
      return gathered;
    }
    int rank = srcShape.rank();
    int[] pads = new int[2 * rank];
    for (int k = 0; k < rank; k++) {
      pads[2 * (rank - 1 - k) + 1] = srcShape.size(k) - index.size(k);
    }
    return new Pad(pads, 0).apply(gathered);
  }
}
