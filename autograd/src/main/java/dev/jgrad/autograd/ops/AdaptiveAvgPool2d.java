package dev.jgrad.autograd.ops;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import dev.jgrad.tensor.internal.fused.Pooling;

/**
 * {@code adaptive_avg_pool2d}: averages an input {@code [N, C, H, W]} (or unbatched {@code [C, H,
 * W]}) down to {@code [N, C, outH, outW]}, as {@code torch.nn.functional.adaptive_avg_pool2d}:
 * output {@code (i, j)} is the mean of rows {@code floor(i * H / outH)} to {@code ceil((i + 1) * H
 * / outH)} (exclusive) and the columns found likewise, its sum divided by the window's height and
 * then by its width.
 *
 * <pre>
 * self: _adaptive_avg_pool2d_backward(grad, self) = grad / window height / window width added to
 *       each element of its window
 * </pre>
 */
public final class AdaptiveAvgPool2d extends Function {
  private final int outH;
  private final int outW;
  private Shape inputShape;

  /**
   * Creates the op.
   *
   * @param outH the output height, 0 or more
   * @param outW the output width, 0 or more
   */
  public AdaptiveAvgPool2d(int outH, int outW) {
    this.outH = outH;
    this.outW = outW;
  }

  @Override
  public String name() {
    return "adaptive_avg_pool2d";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    inputShape = in[0].shape();
    return Pooling.adaptiveAvgPool2d(in[0], outH, outW);
  }

  @Override
  protected Variable[] backward(Variable grad) {
    return new Variable[] {new Backward(outH, outW, inputShape).apply(grad)};
  }

  /**
   * adaptive_avg_pool2d's derivative as an op, the fused kernel: linear in grad, and its adjoint is
   * the pooling itself.
   *
   * <pre>
   * grad: adaptive_avg_pool2d(grad, output_size)
   * </pre>
   */
  static final class Backward extends Function {
    private final int outH;
    private final int outW;
    private final Shape inputShape;

    Backward(int outH, int outW, Shape inputShape) {
      this.outH = outH;
      this.outW = outW;
      this.inputShape = inputShape;
    }

    @Override
    public String name() {
      return "adaptive_avg_pool2d_backward";
    }

    @Override
    protected Tensor forward(Tensor... in) {
      return Pooling.adaptiveAvgPool2dBackward(in[0], inputShape);
    }

    @Override
    protected Variable[] backward(Variable grad) {
      return new Variable[] {new AdaptiveAvgPool2d(outH, outW).apply(grad)};
    }
  }
}
