package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Tensor;

/**
 * {@code norm}: {@code result = self.norm(p, dims, keepdim)}, the vector norm of order p ({@code
 * torch.linalg.vector_norm}), with PyTorch's gradient: 0 at a zero norm, the sign for p = 1, the
 * gradient shared among the extreme elements for p = ±inf, and none for p = 0. {@code sgn} is the
 * sign with 0 for NaN.
 *
 * <pre>
 * self: norm_backward(grad, self, p, result, dim, keepdim) = 0 for p = 0; sgn(self) * grad for p =
 *       1; grad * where(result == 0, 0, self / result) for p = 2; sgn(self) * is_max * grad /
 *       is_max.sum(dim) with is_max = |self| == result or both NaN for p = ±inf; sgn(self) *
 *       where(self == 0, 0, |self|^(p - 1)) * grad * result^(1 - p) for p &lt; 1; sgn(self) *
 *       |self|^(p - 1) * where(result == 0, 0, grad / result^(p - 1)) for p &lt; 2; self *
 *       |self|^(p - 2) * where(result == 0, 0, grad / result^(p - 1)) otherwise
 * </pre>
 */
public final class Norm extends Function {
  private final double p;
  private final int[] dims;
  private final boolean keepdim;

  /**
   * Creates the op.
   *
   * @param p the order of the norm
   * @param dims the dimensions to reduce, without repeats; none means all
   * @param keepdim whether the result keeps the reduced dimensions with size 1
   */
  public Norm(double p, int[] dims, boolean keepdim) {
    this.p = p;
    this.dims = dims.clone();
    this.keepdim = keepdim;
  }

  @Override
  public String name() {
    return "norm";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    Tensor result = in[0].norm(p, dims, keepdim);
    saveForBackward(in[0], result);
    return result;
  }

  @Override
  protected Variable[] backward(Variable grad) {
    Variable self = savedVariable(0);
    Variable norm = savedVariable(1);
    Tensor x = self.data();
    Variable g = grad;
    if (!keepdim) {
      int[] kept = Operands.keptSizes(x.shape(), dims);
      g = grad.reshape(kept);
      norm = norm.reshape(kept);
    }
    Tensor n = norm.data();
    Variable zero = new Variable(Tensor.scalar(0, x.dtype()));
    Variable sgn = new Variable(Operands.sgn(x));
    Variable result;
    if (p == 0) {
      result = new Variable(Tensor.zerosLike(x));
    } else if (p == 1) {
      result = sgn.mul(g);
    } else if (p == 2) {
      result = g.mul(Variable.where(n.eq(0), zero, self.div(norm)));
    } else if (Double.isInfinite(p)) {
      Tensor bothNaN = x.ne(x).mul(n.ne(n));
      Tensor isMax = x.abs().eq(n).maximum(bothNaN);
      Tensor count = isMax.sum(Operands.reducedDims(x.shape(), dims), true);
      result = new Variable(Operands.sgn(x).mul(isMax)).mul(g.div(new Variable(count)));
    } else if (p < 1) {
      Variable scaled = sgn.mul(Variable.where(x.eq(0), zero, self.abs().pow(p - 1)));
      result = scaled.mul(g).mul(norm.pow(1 - p));
    } else {
      Variable scale = Variable.where(n.eq(0), zero, g.div(norm.pow(p - 1)));
      Variable scaled = p < 2 ? sgn.mul(self.abs().pow(p - 1)) : self.mul(self.abs().pow(p - 2));
      result = scaled.mul(scale);
    }
    return new Variable[] {result};
  }
}
