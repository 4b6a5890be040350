package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;

/**
 * {@code gather}: {@code result = self.gather(dim, index)}; repeated indices receive the sum of
 * their gradients.
 *
 * <pre>
 * self: gather_backward(grad, self, dim, index)
 *       = zeros(self.sizes()).scatter_add(dim, index, grad)
 * </pre>
 */
public final class Gather extends Function {
  private final int dim;
  private final Tensor index;
  private Shape inputShape;

  /**
   * Creates the op reading {@code self[..., index[...], ...]} along {@code dim} (INT32 index).
   *
   * @param dim the dimension the index points into; negative counts from the end
   * @param index the INT32 indices, of the input's rank; the output has its shape
   */
  public Gather(int dim, Tensor index) {
    this.dim = dim;
    this.index = index;
  }

  @Override
  public String name() {
    return "gather";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    inputShape = in[0].shape();
    saveForBackward(index);
    return in[0].gather(dim, index);
  }

  @Override
  protected Variable[] backward(Variable grad) {
    return new Variable[] {new Scatter(dim, savedTensor(0), inputShape).apply(grad)};
  }

  /**
   * gather's derivative as an op: {@code zeros(self.sizes()).scatter_add(dim, index, grad)}, linear
   * in grad, whose adjoint gathers again; also max.dim's derivative, with the argmax indices.
   *
   * <pre>
   * grad: grad.gather(dim, index)
   * </pre>
   */
  static final class Scatter extends Function {
    private final int dim;
    private final Tensor index;
    private final Shape inputShape;

    Scatter(int dim, Tensor index, Shape inputShape) {
      this.dim = dim;
      this.index = index;
      this.inputShape = inputShape;
    }

    @Override
    public String name() {
      return "scatter_add";
    }

    @Override
    protected Tensor forward(Tensor... in) {
      saveForBackward(index);
      return Tensor.zeros(inputShape, in[0].dtype()).scatterAdd(dim, index, in[0]);
    }

    @Override
    protected Variable[] backward(Variable grad) {
      return new Variable[] {grad.gather(dim, savedTensor(0))};
    }
  }
}
