package dev.jgrad.nn;

import dev.jgrad.autograd.Variable;

/**
 * 2-D max pooling, as {@code torch.nn.MaxPool2d}: each output is the maximum of a window of the
 * input {@code [N, C, H, W]} (or unbatched {@code [C, H, W]}), with -inf padding; ties go to the
 * window's first maximum and a NaN in the window wins, as in PyTorch. See {@link
 * dev.jgrad.autograd.ops.MaxPool2d} for the gradient.
 *
 * <pre>{@code
 * new MaxPool2d(2);                                   // nn.MaxPool2d(2): 2x2 windows, stride 2
 * new MaxPool2d(3, 2);                                // nn.MaxPool2d(3, stride=2)
 * new MaxPool2d(MaxPool2d.options(3).stride(2).padding(1).ceilMode(true));
 * Functional.maxPool2d(x, MaxPool2d.options(2, 3).dilation(2));   // F.max_pool2d(x, (2, 3), dilation=2)
 * }</pre>
 */
public final class MaxPool2d extends Module {
  private final Options options;

  /**
   * Creates the module with square windows of {@code kernelSize}, its stride, as {@code
   * nn.MaxPool2d(kernel_size)}.
   *
   * @param kernelSize the window's height and width
   */
  public MaxPool2d(int kernelSize) {
    this(options(kernelSize));
  }

  /**
   * Creates the module with square windows and a stride, as {@code nn.MaxPool2d(kernel_size,
   * stride)}.
   *
   * @param kernelSize the window's height and width
   * @param stride the step between windows, both ways
   */
  public MaxPool2d(int kernelSize, int stride) {
    this(options(kernelSize).stride(stride));
  }

  /**
   * Creates the module with all of {@code nn.MaxPool2d}'s options.
   *
   * @param options the options, from {@link #options(int)}
   */
  public MaxPool2d(Options options) {
    this.options = options;
  }

  /**
   * Returns the options of square windows of {@code kernelSize}, with PyTorch's defaults: stride
   * equal to the kernel size, padding 0, dilation 1, no ceil mode.
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
    return new Options(new int[] {kernelH, kernelW}, null, new int[2], new int[] {1, 1}, false);
  }

  @Override
  protected Variable compute(Variable input) {
    return guard(() -> options.apply(input));
  }

  /** Returns the autograd op of this module's options. */
  dev.jgrad.autograd.ops.MaxPool2d op() {
    return options.op();
  }

  @Override
  protected String extraRepr() {
    return options.toString();
  }

  /**
   * The keyword arguments of {@code nn.MaxPool2d} and {@code F.max_pool2d}, an immutable value:
   * each method returns a copy with one option changed. The values are checked when pooling, as in
   * PyTorch: sizes positive, padding from 0 to half the kernel size.
   */
  public static final class Options {
    private final int[] kernelSize;
    private final int[] stride;
    private final int[] padding;
    private final int[] dilation;
    private final boolean ceilMode;

    private Options(int[] kernelSize, int[] stride, int[] padding, int[] dilation, boolean ceil) {
      this.kernelSize = kernelSize;
      this.stride = stride;
      this.padding = padding;
      this.dilation = dilation;
      this.ceilMode = ceil;
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
      return new Options(kernelSize, new int[] {h, w}, padding, dilation, ceilMode);
    }

    /**
     * Sets the implicit -inf padding on every side, as {@code padding=}; 0 by default.
     *
     * @param padding the rows and columns added
     * @return the changed options
     */
    public Options padding(int padding) {
      return padding(padding, padding);
    }

    /**
     * Sets the implicit -inf padding, as {@code padding=(h, w)}.
     *
     * @param h the rows added above and below
     * @param w the columns added left and right
     * @return the changed options
     */
    public Options padding(int h, int w) {
      return new Options(kernelSize, stride, new int[] {h, w}, dilation, ceilMode);
    }

    /**
     * Sets the step between a window's elements, both ways, as {@code dilation=}; 1 by default.
     *
     * @param dilation the step
     * @return the changed options
     */
    public Options dilation(int dilation) {
      return dilation(dilation, dilation);
    }

    /**
     * Sets the steps between a window's elements, as {@code dilation=(h, w)}.
     *
     * @param h the vertical step
     * @param w the horizontal step
     * @return the changed options
     */
    public Options dilation(int h, int w) {
      return new Options(kernelSize, stride, padding, new int[] {h, w}, ceilMode);
    }

    /**
     * Sets whether the output size rounds up, keeping a last partial window that starts inside the
     * input or its left padding, as {@code ceil_mode=}; false by default.
     *
     * @param ceilMode true to round up
     * @return the changed options
     */
    public Options ceilMode(boolean ceilMode) {
      return new Options(kernelSize, stride, padding, dilation, ceilMode);
    }

    Variable apply(Variable input) {
      return op().apply(input);
    }

    /** Returns the autograd op these options configure. */
    dev.jgrad.autograd.ops.MaxPool2d op() {
      int[] s = stride == null ? kernelSize : stride;
      return new dev.jgrad.autograd.ops.MaxPool2d(kernelSize[0], kernelSize[1])
          .stride(s[0], s[1])
          .padding(padding[0], padding[1])
          .dilation(dilation[0], dilation[1])
          .ceilMode(ceilMode);
    }

    /**
     * Returns the options as PyTorch prints them, {@code kernel_size=2, stride=2, padding=0,
     * dilation=1, ceil_mode=false}, a pair as {@code (h, w)} when its values differ.
     */
    @Override
    public String toString() {
      return "kernel_size="
          + PoolingText.pair(kernelSize)
          + ", stride="
          + PoolingText.pair(stride == null ? kernelSize : stride)
          + ", padding="
          + PoolingText.pair(padding)
          + ", dilation="
          + PoolingText.pair(dilation)
          + ", ceil_mode="
          + ceilMode;
    }
  }
}
