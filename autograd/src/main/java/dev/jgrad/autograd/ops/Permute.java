package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Tensor;

/**
 * {@code permute}: {@code result = self.permute(dims)}, a view. Also serves {@code transpose} and
 * {@code t}.
 *
 * <pre>
 * self: permute_backwards(grad, dims) = grad.permute(inverse of dims)
 * </pre>
 */
public final class Permute extends Function {
  private final int[] dims;

  /**
   * Creates the op whose result's dimension {@code d} is its input's dimension {@code dims[d]}.
   *
   * @param dims a permutation of the input's dimensions
   */
  public Permute(int... dims) {
    this.dims = dims.clone();
  }

  @Override
  public String name() {
    return "permute";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    return in[0].permute(dims);
  }

  @Override
  protected Variable[] backward(Variable grad) {
    int[] inverse = new int[dims.length];
    for (int d = 0; d < dims.length; d++) {
      inverse[dims[d] < 0 ? dims[d] + dims.length : dims[d]] = d;
    }
    return new Variable[] {grad.permute(inverse)};
  }
}
