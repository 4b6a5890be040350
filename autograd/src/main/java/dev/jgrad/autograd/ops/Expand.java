package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import java.util.Arrays;

/**
 * {@code expand}: {@code result = self.expand(sizes)}, a view that repeats size-1 dimensions and
 * adds leading ones. Its backward pass is the only place where jgrad un-broadcasts: every binary op
 * expands its operands to a common shape with this op first, so their own derivatives never see a
 * shape mismatch.
 *
 * <pre>
 * self: at::sum_to(grad, self.sizes())
 * </pre>
 */
public final class Expand extends Function {
  private final int[] sizes;
  private Shape inputShape;

  /**
   * Creates the op expanding to {@code sizes} (-1 keeps a size).
   *
   * @param sizes the target sizes, at least as many as the input has dimensions
   */
  public Expand(int... sizes) {
    this.sizes = sizes.clone();
  }

  @Override
  public String name() {
    return "expand";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    inputShape = in[0].shape();
    return in[0].expand(sizes);
  }

  @Override
  protected Variable[] backward(Variable grad) {
    int lead = grad.dim() - inputShape.rank();
    int[] dims = new int[grad.dim()];
    int n = 0;
    for (int d = 0; d < grad.dim(); d++) {
      if (d < lead || (inputShape.size(d - lead) == 1 && grad.size(d) != 1)) {
        dims[n++] = d;
      }
    }
    Variable summed = n == 0 ? grad : grad.sum(Arrays.copyOf(dims, n), true);
    return new Variable[] {summed.reshape(inputShape.toArray())};
  }
}
