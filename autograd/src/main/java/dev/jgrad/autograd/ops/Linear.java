package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Tensor;

/**
 * {@code linear}: {@code result = input @ weight.T + bias} for a 2-D input {@code [N, in]}, weight
 * {@code [out, in]} and an optional bias {@code [out]} (a third input), a fused primitive: the
 * forward pass is one product whose chains start from the bias, and the backward pass computes the
 * three gradients together, with the transposes read in place. The gradients are new tensors, so
 * parameters adopt them as their gradients without a copy.
 *
 * <pre>
 * input:  grad @ weight
 * weight: grad.T @ input
 * bias:   grad.sum(0)
 * </pre>
 */
public final class Linear extends Function {
  private boolean hasBias;

  /** Creates the op; apply it to (input, weight) or (input, weight, bias). */
  public Linear() {}

  @Override
  public String name() {
    return "linear";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    hasBias = in.length > 2;
    saveForBackward(in[0], in[1]);
    return in[0].linear(in[1], hasBias ? in[2] : null);
  }

  @Override
  protected Variable[] backward(Variable grad) {
    Variable[] grads = new Variable[hasBias ? 3 : 2];
    if (needsInputGrad(0)) {
      grads[0] = grad.matmul(savedVariable(1));
    }
    if (needsInputGrad(1)) {
      grads[1] = new WeightGrad().apply(grad, savedVariable(0));
    }
    if (hasBias && needsInputGrad(2)) {
      grads[2] = grad.sum(0, false);
    }
    return grads;
  }

  /**
   * linear's weight gradient as an op of (grad, input), the product with the transpose read in
   * place; bilinear, so its derivatives are products with this op's gradient.
   *
   * <pre>
   * grad:  input @ this op's grad.T
   * input: grad @ this op's grad
   * </pre>
   */
  static final class WeightGrad extends Function {
    @Override
    public String name() {
      return "linear_weight_backward";
    }

    @Override
    protected Tensor forward(Tensor... in) {
      saveForBackward(in[0], in[1]);
      return in[0].t().matmul(in[1]);
    }

    @Override
    protected Variable[] backward(Variable gg) {
      return new Variable[] {
        needsInputGrad(0) ? savedVariable(1).matmul(gg.t()) : null,
        needsInputGrad(1) ? savedVariable(0).matmul(gg) : null
      };
    }
  }
}
