package dev.jgrad.autograd.ops;

import static com.google.common.base.Preconditions.checkArgument;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import dev.jgrad.tensor.internal.fused.Pooling;

/**
 * {@code avg_pool2d}: each output is the mean of its window of an input {@code [N, C, H, W]} (or
 * unbatched {@code [C, H, W]}), as {@code torch.nn.functional.avg_pool2d}: the window's sum divided
 * by {@code divisor_override} when set, else by its size counting the zero padding ({@code
 * count_include_pad}, the default) or not; a ceil-mode window that reaches past the right padding
 * counts only up to its end.
 *
 * <pre>
 * self: avg_pool2d_backward(grad, self, kernel_size, stride, padding, ceil_mode,
 *       count_include_pad, divisor_override) = grad / divisor added to each element of its window
 * </pre>
 *
 * <p>Set the options before {@link #apply}: {@code new AvgPool2d(3, 3).stride(2, 2).padding(1,
 * 1).countIncludePad(false).apply(x)}; the stride defaults to the kernel size, padding to 0.
 */
public final class AvgPool2d extends Function {
  private final int[] kernelSize;
  private int[] stride;
  private int[] padding = {0, 0};
  private boolean ceilMode;
  private boolean countIncludePad = true;
  private int divisorOverride;
  private Shape inputShape;

  /**
   * Creates the op with a window of {@code kernelH x kernelW}, its stride.
   *
   * @param kernelH the window's height, positive
   * @param kernelW the window's width, positive
   */
  public AvgPool2d(int kernelH, int kernelW) {
    kernelSize = new int[] {kernelH, kernelW};
    stride = kernelSize;
  }

  /**
   * Sets the steps between windows, as {@code stride=}.
   *
   * @param h the vertical step, positive
   * @param w the horizontal step, positive
   * @return this op
   */
  public AvgPool2d stride(int h, int w) {
    stride = new int[] {h, w};
    return this;
  }

  /**
   * Sets the implicit zero padding on each side, as {@code padding=}.
   *
   * @param h the rows added above and below, from 0 to half the kernel height
   * @param w the columns added left and right, from 0 to half the kernel width
   * @return this op
   */
  public AvgPool2d padding(int h, int w) {
    padding = new int[] {h, w};
    return this;
  }

  /**
   * Sets whether the output size rounds up, keeping a last partial window that starts inside the
   * input or its left padding, as {@code ceil_mode=}.
   *
   * @param ceilMode true to round up, false (the default) to round down
   * @return this op
   */
  public AvgPool2d ceilMode(boolean ceilMode) {
    this.ceilMode = ceilMode;
    return this;
  }

  /**
   * Sets whether padded elements count in a window's size, as {@code count_include_pad=}.
   *
   * @param countIncludePad true (the default) to divide by the padded window's size
   * @return this op
   */
  public AvgPool2d countIncludePad(boolean countIncludePad) {
    this.countIncludePad = countIncludePad;
    return this;
  }

  /**
   * Sets the divisor of every window's sum, as {@code divisor_override=}.
   *
   * @param divisor any non-zero divisor
   * @return this op
   * @throws IllegalArgumentException if {@code divisor} is 0
   */
  public AvgPool2d divisorOverride(int divisor) {
    checkArgument(divisor != 0, "avg_pool2d: divisor_override must be non-zero, got 0");
    this.divisorOverride = divisor;
    return this;
  }

  @Override
  public String name() {
    return "avg_pool2d";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    inputShape = in[0].shape();
    return Pooling.avgPool2d(
        in[0], kernelSize, stride, padding, ceilMode, countIncludePad, divisorOverride);
  }

  @Override
  protected Variable[] backward(Variable grad) {
    return new Variable[] {new Backward(sameOptions(), inputShape).apply(grad)};
  }

  /** Returns a new op with this one's options, not applied yet. */
  private AvgPool2d sameOptions() {
    AvgPool2d op = new AvgPool2d(kernelSize[0], kernelSize[1]);
    op.stride = stride;
    op.padding = padding;
    op.ceilMode = ceilMode;
    op.countIncludePad = countIncludePad;
    op.divisorOverride = divisorOverride;
    return op;
  }

  /**
   * avg_pool2d's derivative as an op, the fused kernel: linear in grad, and its adjoint is the
   * pooling itself (each window's sum divided by that window's divisor).
   *
   * <pre>
   * grad: avg_pool2d(grad, kernel_size, stride, padding, ceil_mode, count_include_pad,
   *       divisor_override)
   * </pre>
   */
  static final class Backward extends Function {
    private final AvgPool2d options;
    private final Shape inputShape;

    Backward(AvgPool2d options, Shape inputShape) {
      this.options = options;
      this.inputShape = inputShape;
    }

    @Override
    public String name() {
      return "avg_pool2d_backward";
    }

    @Override
    protected Tensor forward(Tensor... in) {
      AvgPool2d o = options;
      return Pooling.avgPool2dBackward(
          in[0],
          inputShape,
          o.kernelSize,
          o.stride,
          o.padding,
          o.ceilMode,
          o.countIncludePad,
          o.divisorOverride);
    }

    @Override
    protected Variable[] backward(Variable grad) {
      return new Variable[] {options.sameOptions().apply(grad)};
    }
  }
}
