package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;

/**
 * {@code index_select}: {@code result = self.index_select(dim, index)}; repeated indices receive
 * the sum of their gradients.
 *
 * <pre>
 * self: index_select_backward(grad, self.sizes(), dim, index)
 *       = zeros(self.sizes()).index_add(dim, index, grad)
 * </pre>
 */
public final class IndexSelect extends Function {
  private final int dim;
  private final Tensor index;
  private Shape inputShape;

  /**
   * Creates the op picking the slices at {@code index} (1-D INT32) along {@code dim}.
   *
   * @param dim the dimension to pick along; negative counts from the end
   * @param index the indices to pick; entries may repeat
   */
  public IndexSelect(int dim, Tensor index) {
    this.dim = dim;
    this.index = index;
  }

  @Override
  public String name() {
    return "indexSelect";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    inputShape = in[0].shape();
    saveForBackward(index);
    return in[0].indexSelect(dim, index);
  }

  @Override
  protected Variable[] backward(Variable grad) {
    return new Variable[] {new Backward(dim, savedTensor(0), inputShape).apply(grad)};
  }

  /**
   * indexSelect's derivative as an op: {@code zeros(self.sizes()).index_add(dim, index, grad)},
   * linear in grad, whose adjoint selects again.
   *
   * <pre>
   * grad: grad.index_select(dim, index)
   * </pre>
   */
  static final class Backward extends Function {
    private final int dim;
    private final Tensor index;
    private final Shape inputShape;

    Backward(int dim, Tensor index, Shape inputShape) {
      this.dim = dim;
      this.index = index;
      this.inputShape = inputShape;
    }

    @Override
    public String name() {
      return "index_add";
    }

    @Override
    protected Tensor forward(Tensor... in) {
      saveForBackward(index);
      return Tensor.zeros(inputShape, in[0].dtype()).indexAdd(dim, index, in[0]);
    }

    @Override
    protected Variable[] backward(Variable grad) {
      return new Variable[] {grad.indexSelect(dim, savedTensor(0))};
    }
  }
}
