package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;

/**
 * {@code slice}: {@code result = self.slice(dim, start, end, step)}, the strided view {@code
 * self[start:end:step]} along {@code dim} (Python's bounds: negative from the end, clamped).
 *
 * <pre>
 * self: slice_backward(grad, self.sizes(), dim, start, end, step)
 *       = zeros(self.sizes()) with grad written into the sliced positions
 * </pre>
 */
public final class Slice extends Function {
  private final int dim;
  private final int start;
  private final int end;
  private final int step;
  private Shape inputShape;

  /**
   * Creates the op keeping indices {@code start, start + step, …} below {@code end} of {@code dim}.
   *
   * @param dim the dimension to slice; negative counts from the end
   * @param start the first index kept; negative counts from the end
   * @param end the exclusive end; negative counts from the end
   * @param step the distance between kept indices, at least 1
   */
  public Slice(int dim, int start, int end, int step) {
    this.dim = dim;
    this.start = start;
    this.end = end;
    this.step = step;
  }

  @Override
  public String name() {
    return "slice";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    inputShape = in[0].shape();
    return in[0].slice(dim, start, end, step);
  }

  @Override
  protected Variable[] backward(Variable grad) {
    return new Variable[] {new Backward(this).apply(grad)};
  }

  /**
   * slice's derivative as an op: {@code grad} written into the sliced positions of zeros of the
   * input's shape, linear in grad, whose adjoint is the slice again.
   *
   * <pre>
   * grad: grad.slice(dim, start, end, step)
   * </pre>
   */
  static final class Backward extends Function {
    private final Slice slice;

    /** Creates the derivative of {@code slice}, after it was applied (it knows the input shape). */
    Backward(Slice slice) {
      this.slice = slice;
    }

    @Override
    public String name() {
      return "slice_backward";
    }

    @Override
    protected Tensor forward(Tensor... in) {
      Tensor out = Tensor.zeros(slice.inputShape, in[0].dtype());
      out.slice(slice.dim, slice.start, slice.end, slice.step).copyFrom(in[0]);
      return out;
    }

    @Override
    protected Variable[] backward(Variable grad) {
      return new Variable[] {new Slice(slice.dim, slice.start, slice.end, slice.step).apply(grad)};
    }
  }
}
