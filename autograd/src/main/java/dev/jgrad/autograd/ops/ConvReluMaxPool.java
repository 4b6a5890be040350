package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.NoGrad;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import dev.jgrad.tensor.internal.fused.Convolution;
import dev.jgrad.tensor.internal.fused.FusedConvPool;
import dev.jgrad.tensor.internal.fused.FusedConvPool.Result;

/**
 * {@code conv2d_relu_max_pool2d}: {@code max_pool2d(relu(conv2d(input, weight, bias)))} as one op,
 * equal bit for bit, forward and backward, to {@link Conv2d}, {@link Relu} and {@link MaxPool2d}
 * applied one after the other, but without keeping the convolution's and the relu's full-size
 * results or building their gradients as tensors. {@code nn.Sequential} uses it for a {@code
 * Conv2d}, {@code ReLU}, {@code MaxPool2d} run of modules without hooks.
 *
 * <p>With {@code y = conv2d(input, weight, bias)}, {@code result = max_pool2d(relu(y))} and {@code
 * i} the argmax indices of the pooling:
 *
 * <pre>
 * gy:     zeros(y.sizes()) with relu_backward(grad, result) added at each window's argmax i
 * input:  conv_transpose2d(gy, weight, stride, padding, dilation, groups), the size of input
 * weight: the weight gradient of conv2d for gy, as in conv2d
 * bias:   gy.sum([0, 2, 3])
 * </pre>
 */
public final class ConvReluMaxPool extends Function {
  private final Convolution.Options conv;
  private final FusedConvPool.PoolOptions pool;
  private boolean hasBias;
  private Tensor indices;

  /**
   * Creates the op from a convolution's and a pooling's options; apply it to (input, weight) or
   * (input, weight, bias).
   *
   * @param conv the convolution, whose stride, padding, dilation and groups are used
   * @param pool the max pooling, whose kernel, stride, padding, dilation and ceil mode are used
   */
  public ConvReluMaxPool(Conv2d conv, MaxPool2d pool) {
    this.conv = conv.options();
    this.pool = pool.options();
  }

  @Override
  public String name() {
    return "conv2d_relu_max_pool2d";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    hasBias = in.length > 2;
    Result r = FusedConvPool.forward(in[0], in[1], hasBias ? in[2] : null, conv, pool);
    indices = r.indices();
    saveForBackward(in[0], in[1], r.output());
    return r.output();
  }

  /**
   * Returns the gradients: on an ordinary backward pass from the fused kernels, and with {@code
   * createGraph} from the differentiable ops of the same formulas ({@code threshold_backward},
   * {@code max_pool2d_with_indices_backward} and conv2d's three gradient ops), which give the same
   * values.
   */
  @Override
  protected Variable[] backward(Variable grad) {
    Variable input = savedVariable(0);
    Variable weight = savedVariable(1);
    Variable result = savedVariable(2);
    Variable[] grads = new Variable[hasBias ? 3 : 2];
    if (!NoGrad.isGradEnabled()) {
      boolean[] needs = new boolean[grads.length];
      for (int k = 0; k < needs.length; k++) {
        needs[k] = needsInputGrad(k);
      }
      Tensor[] g =
          FusedConvPool.backward(
              grad.data(),
              new Result(result.data(), indices),
              input.data(),
              weight.data(),
              conv,
              pool,
              needs);
      for (int k = 0; k < grads.length; k++) {
        grads[k] = g[k] == null ? null : new Variable(g[k]);
      }
      return grads;
    }
    Shape convolved = FusedConvPool.convolvedShape(input.data(), weight.data(), conv);
    Variable masked = new Relu.Backward().apply(grad, result);
    Variable gy = new MaxPool2d.Backward(indices, convolved).apply(masked);
    if (needsInputGrad(0)) {
      grads[0] = new Conv2d.InputGrad(conv, input.shape()).apply(gy, weight);
    }
    if (needsInputGrad(1)) {
      grads[1] = new Conv2d.WeightGrad(conv, weight.shape()).apply(gy, input);
    }
    if (hasBias && needsInputGrad(2)) {
      grads[2] = new Conv2d.BiasGrad().apply(gy);
    }
    return grads;
  }
}
