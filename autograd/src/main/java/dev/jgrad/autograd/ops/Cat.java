package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import java.util.List;

/**
 * {@code cat}: {@code result = cat(tensors, dim)}; each input's gradient is its slice of {@code
 * grad}, cast back to its dtype (zeros for the 1-D empty inputs that {@code cat} skips).
 *
 * <pre>
 * tensors: cat_tensors_backward(grad, sizes, dtypes, dim) = grad.narrow(dim, offset_i, size_i)
 *          for input i
 * </pre>
 */
public final class Cat extends Function {
  private final int dim;
  private Shape[] shapes;
  private DType[] dtypes;
  private int resultDim;

  /**
   * Creates the op joining its inputs along {@code dim}.
   *
   * @param dim the dimension to join along; negative counts from the end
   */
  public Cat(int dim) {
    this.dim = dim;
  }

  @Override
  public String name() {
    return "cat";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    shapes = new Shape[in.length];
    dtypes = new DType[in.length];
    for (int i = 0; i < in.length; i++) {
      shapes[i] = in[i].shape();
      dtypes[i] = in[i].dtype();
    }
    Tensor result = Tensor.cat(List.of(in), dim);
    resultDim = dim < 0 ? dim + result.dim() : dim;
    return result;
  }

  @Override
  protected Variable[] backward(Variable grad) {
    Variable[] out = new Variable[shapes.length];
    int offset = 0;
    for (int i = 0; i < out.length; i++) {
      if (shapes[i].rank() == 1 && shapes[i].size(0) == 0) {
        out[i] = new Variable(Tensor.zeros(shapes[i], dtypes[i]));
        continue;
      }
      int length = shapes[i].size(resultDim);
      out[i] = needsInputGrad(i) ? grad.narrow(resultDim, offset, length).to(dtypes[i]) : null;
      offset += length;
    }
    return out;
  }
}
