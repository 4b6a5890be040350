package dev.jgrad.nn;

import static com.google.common.base.Preconditions.checkArgument;

import dev.jgrad.autograd.Variable;

/**
 * 2-D average pooling, as {@code torch.nn.AvgPool2d}: each output is the mean of a window of the
 * input {@code [N, C, H, W]} (or unbatched {@code [C, H, W]}), its sum divided by the window's size
 * with or without the zero padding ({@code count_include_pad}) or by a fixed divisor. See {@link
 * dev.jgrad.autograd.ops.AvgPool2d} for the gradient.
 *
 * <pre>{@code
 * new AvgPool2d(2);                                   // nn.AvgPool2d(2)
 * new AvgPool2d(AvgPool2d.options(3).stride(2).padding(1).countIncludePad(false));
 * Functional.avgPool2d(x, AvgPool2d.options(2).divisorOverride(3));
 * }</pre>
 */
public final class AvgPool2d extends Module {
  private final Options options;

  /**
   * Creates the module with square windows of {@code kernelSize}, its stride, as {@code
   * nn.AvgPool2d(kernel_size)}.
   *
   * @param kernelSize the window's height and width
   */
  public AvgPool2d(int kernelSize) {
    this(options(kernelSize));
  }

  /**
   * Creates the module with square windows and a stride, as {@code nn.AvgPool2d(kernel_size,
   * stride)}.
   *
   * @param kernelSize the window's height and width
   * @param stride the step between windows, both ways
   */
  public AvgPool2d(int kernelSize, int stride) {
    this(options(kernelSize).stride(stride));
  }

  /**
   * Creates the module with all of {@code nn.AvgPool2d}'s options.
   *
   * @param options the options, from {@link #options(int)}
   */
  public AvgPool2d(Options options) {
    this.options = options;
  }

  /**
   * Returns the options of square windows of {@code kernelSize}, with PyTorch's defaults: stride
   * equal to the kernel size, padding 0, no ceil mode, padding counted, no divisor override.
   *
   * @param kernelSize the window's height and width
   * @return the options
   */
  public static Options options(int kernelSize) {
    return options(kernelSize, kernelSize);
  }

  /**
   * Returns the options of {@code kernelH x kernelW} windows, with PyTorch's defaults.
   *
   * @param kernelH the window's height
   * @param kernelW the window's width
   * @return the options
   */
  public static Options options(int kernelH, int kernelW) {
    return new Options(new int[] {kernelH, kernelW}, null, new int[2], false, true, 0);
  }

  @Override
  protected Variable compute(Variable input) {
    return guard(() -> options.apply(input));
  }

  @Override
  protected String extraRepr() {
    return options.toString();
  }

  /**
   * The keyword arguments of {@code nn.AvgPool2d} and {@code F.avg_pool2d}, an immutable value:
   * each method returns a copy with one option changed. The sizes are checked when pooling, as in
   * PyTorch: positive, padding from 0 to half the kernel size.
   */
  public static final class Options {
    private final int[] kernelSize;
    private final int[] stride;
    private final int[] padding;
    private final boolean ceilMode;
    private final boolean countIncludePad;
    private final int divisor;

    private Options(
        int[] kernelSize,
        int[] stride,
        int[] padding,
        boolean ceilMode,
        boolean countIncludePad,
        int divisor) {
      this.kernelSize = kernelSize;
      this.stride = stride;
      this.padding = padding;
      this.ceilMode = ceilMode;
      this.countIncludePad = countIncludePad;
      this.divisor = divisor;
    }

    /**
     * Sets the step between windows, both ways, as {@code stride=}; by default the kernel size.
     *
     * @param stride the step
     * @return the changed options
     */
    public Options stride(int stride) {
      return stride(stride, stride);
    }

    /**
     * Sets the steps between windows, as {@code stride=(h, w)}.
     *
     * @param h the vertical step
     * @param w the horizontal step
     * @return the changed options
     */
    public Options stride(int h, int w) {
      return new Options(kernelSize, new int[] {h, w}, padding, ceilMode, countIncludePad, divisor);
    }

    /**
     * Sets the implicit zero padding on every side, as {@code padding=}; 0 by default.
     *
     * @param padding the rows and columns added
     * @return the changed options
     */
    public Options padding(int padding) {
      return padding(padding, padding);
    }

    /**
     * Sets the implicit zero padding, as {@code padding=(h, w)}.
     *
     * @param h the rows added above and below
     * @param w the columns added left and right
     * @return the changed options
     */
    public Options padding(int h, int w) {
      return new Options(kernelSize, stride, new int[] {h, w}, ceilMode, countIncludePad, divisor);
    }

    /**
     * Sets whether the output size rounds up, keeping a last partial window that starts inside the
     * input or its left padding, as {@code ceil_mode=}; false by default.
     *
     * @param ceilMode true to round up
     * @return the changed options
     */
    public Options ceilMode(boolean ceilMode) {
      return new Options(kernelSize, stride, padding, ceilMode, countIncludePad, divisor);
    }

    /**
     * Sets whether the padded elements count in a window's size, as {@code count_include_pad=};
     * true by default.
     *
     * @param countIncludePad false to divide by the number of the window's input elements
     * @return the changed options
     */
    public Options countIncludePad(boolean countIncludePad) {
      return new Options(kernelSize, stride, padding, ceilMode, countIncludePad, divisor);
    }

    /**
     * Sets the divisor of every window's sum, as {@code divisor_override=}; by default the window's
     * size.
     *
     * @param divisor the divisor, not 0
     * @return the changed options
     * @throws IllegalArgumentException if {@code divisor} is 0
     */
    public Options divisorOverride(int divisor) {
      checkArgument(divisor != 0, "avg_pool2d: divisor_override must be non-zero, got 0");
      return new Options(kernelSize, stride, padding, ceilMode, countIncludePad, divisor);
    }

    Variable apply(Variable input) {
      int[] s = stride == null ? kernelSize : stride;
      dev.jgrad.autograd.ops.AvgPool2d op =
          new dev.jgrad.autograd.ops.AvgPool2d(kernelSize[0], kernelSize[1])
              .stride(s[0], s[1])
              .padding(padding[0], padding[1])
              .ceilMode(ceilMode)
              .countIncludePad(countIncludePad);
      return (divisor == 0 ? op : op.divisorOverride(divisor)).apply(input);
    }

    /**
     * Returns the options as PyTorch prints them, {@code kernel_size=2, stride=2, padding=0}, a
     * pair as {@code (h, w)} when its values differ.
     */
    @Override
    public String toString() {
      return "kernel_size="
          + PoolingText.pair(kernelSize)
          + ", stride="
          + PoolingText.pair(stride == null ? kernelSize : stride)
          + ", padding="
          + PoolingText.pair(padding);
    }
  }
}
