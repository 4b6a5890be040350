package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.tensor.Tensor;
import java.util.List;

/**
 * {@code prod}: {@code result = self.prod()} or {@code self.prod(dim, keepdim)}, with PyTorch's
 * gradient: {@code grad * result / self} when no element is 0; otherwise each element gets the
 * product of the others in its slice (running products from both ends, {@code
 * prod_safe_zeros_backward}), and {@code prod()} of a tensor with two zeros or more gives zeros.
 *
 * <pre>
 * self: prod_backward(grad, self, result) = grad * result / self without zeros, else grad *
 *       cat([1, self[:-1]]).cumprod(dim) * cat([1, self[1:].flip(dim)]).cumprod(dim).flip(dim)
 * </pre>
 */
public final class Prod extends Function {
  private final Integer dim;
  private final boolean keepdim;

  private Prod(Integer dim, boolean keepdim) {
    this.dim = dim;
    this.keepdim = keepdim;
  }

  /**
   * Returns the op multiplying all elements, as {@code prod()}.
   *
   * @return a new op
   */
  public static Prod all() {
    return new Prod(null, false);
  }

  /**
   * Returns the op multiplying along {@code dim}, as {@code prod(dim, keepdim)}.
   *
   * @param dim the dimension to multiply along; negative counts from the end
   * @param keepdim whether the result keeps {@code dim} with size 1
   * @return a new op
   */
  public static Prod over(int dim, boolean keepdim) {
    return new Prod(dim, keepdim);
  }

  @Override
  public String name() {
    return "prod";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    Tensor result = dim == null ? in[0].prod() : in[0].prod(dim, keepdim);
    saveForBackward(in[0], result);
    return result;
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    Tensor self = savedTensor(0);
    if (self.dim() == 0) {
      return new Tensor[] {grad};
    }
    Tensor result = savedTensor(1);
    Tensor g = grad;
    if (dim != null && !keepdim) {
      g = grad.unsqueeze(dim);
      result = result.unsqueeze(dim);
    }
    double zeros = self.eq(0).sum().item();
    if (zeros == 0) {
      return new Tensor[] {g.mul(result.div(self))};
    }
    if (dim == null && zeros > 1) {
      return new Tensor[] {Tensor.zerosLike(self)};
    }
    Tensor x = dim == null ? self.reshape(-1) : self;
    int d = dim == null ? 0 : x.shape().normalizeDim(dim);
    int n = x.size(d);
    Tensor ones = Tensor.ones(x.shape().with(d, 1), x.dtype());
    Tensor before = Tensor.cat(List.of(ones, x.narrow(d, 0, n - 1)), d).cumprod(d);
    Tensor reversed = Operands.flip(x.narrow(d, 1, n - 1), d);
    Tensor after = Operands.flip(Tensor.cat(List.of(ones, reversed), d).cumprod(d), d);
    return new Tensor[] {g.mul(before.mul(after)).reshape(self.shape().toArray())};
  }
}
