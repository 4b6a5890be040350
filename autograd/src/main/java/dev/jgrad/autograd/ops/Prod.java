package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.NoGrad;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Tensor;
import java.util.List;

/**
 * {@code prod}: {@code result = self.prod()} or {@code self.prod(dim, keepdim)}, with PyTorch's
 * gradient: {@code grad * result / self} when no element is 0; otherwise each element gets the
 * product of the others in its slice (running products from both ends, {@code
 * prod_safe_zeros_backward}), and {@code prod()} of a tensor with two zeros or more gives zeros. A
 * backward pass that records a graph computes the products of the others with variables instead
 * (each element in turn replaced by 1), so that they can be differentiated again.
 *
 * <pre>
 * self: prod_backward(grad, self, result) = grad * result / self without zeros, else grad *
 *       cat([1, self[:-1]]).cumprod(dim) * cat([1, self[1:].flip(dim)]).cumprod(dim).flip(dim),
 *       or with a graph recorded grad * where(eye, 1, self.unsqueeze(dim)).prod(dim + 1)
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
  protected Variable[] backward(Variable grad) {
    Variable self = savedVariable(0);
    if (self.dim() == 0) {
      return new Variable[] {grad};
    }
    Variable result = savedVariable(1);
    Variable g = grad;
    if (dim != null && !keepdim) {
      g = grad.unsqueeze(dim);
      result = result.unsqueeze(dim);
    }
    Tensor x = self.data();
    double zeros = x.eq(0).sum().item();
    if (zeros == 0) {
      return new Variable[] {g.mul(result.div(self))};
    }
    if (NoGrad.isGradEnabled()) {
      return new Variable[] {othersProduct(self, g)};
    }
    if (dim == null && zeros > 1) {
      return new Variable[] {new Variable(Tensor.zerosLike(x))};
    }
    Tensor flat = dim == null ? x.reshape(-1) : x;
    int d = dim == null ? 0 : flat.shape().normalizeDim(dim);
    int n = flat.size(d);
    Tensor ones = Tensor.ones(flat.shape().with(d, 1), flat.dtype());
    Tensor before = Tensor.cat(List.of(ones, flat.narrow(d, 0, n - 1)), d).cumprod(d);
    Tensor reversed = Operands.flip(flat.narrow(d, 1, n - 1), d);
    Tensor after = Operands.flip(Tensor.cat(List.of(ones, reversed), d).cumprod(d), d);
    Tensor out = g.data().mul(before.mul(after)).reshape(x.shape().toArray());
    return new Variable[] {new Variable(out)};
  }

  /**
   * Returns {@code grad} times the product of the other elements of each slice, written with
   * Variable ops (prod over a copy of the slice with each element in turn replaced by 1) so that it
   * can be differentiated again: the derivative with zeros in the input when the pass records a
   * graph; the ordinary pass uses the cumulative products instead.
   */
  private Variable othersProduct(Variable self, Variable g) {
    Variable x = dim == null ? self.reshape(-1) : self;
    int d = dim == null ? 0 : x.shape().normalizeDim(dim);
    int n = x.size(d);
    int[] square = new int[x.dim() + 1];
    int[] eyeShape = new int[x.dim() + 1];
    for (int k = 0; k <= x.dim(); k++) {
      square[k] = x.size(k <= d ? k : k - 1);
      eyeShape[k] = k == d || k == d + 1 ? n : 1;
    }
    Variable rows = x.unsqueeze(d).expand(square);
    Tensor diagonal = Tensor.eye(n, x.dtype()).reshape(eyeShape);
    Variable one = new Variable(Tensor.scalar(1, x.dtype()));
    Variable others = Variable.where(diagonal, one, rows).prod(d + 1, false);
    return g.mul(others).reshape(self.shape().toArray());
  }
}
