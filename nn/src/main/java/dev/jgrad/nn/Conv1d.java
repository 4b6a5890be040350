package dev.jgrad.nn;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Generator;

/**
 * A 1-D convolution layer over sequences {@code [N, C, L]}, as {@code torch.nn.Conv1d}: {@code y =
 * Functional.conv1d(x, weight, bias, options)}.
 *
 * <p>Shapes: input {@code [N, in_channels, L]} (or {@code [in_channels, L]}), weight {@code
 * [out_channels, in_channels / groups, k]} and bias {@code [out_channels]} (PyTorch's layout and
 * state-dict keys {@code weight} and {@code bias}), output {@code [N, out_channels, OL]} with
 * {@code OL = (L + 2·padding - dilation·(k - 1) - 1) / stride + 1}. It runs as a {@link Conv2d}
 * over a height of 1.
 *
 * <p>Initialization is PyTorch's default: the weight is {@link Init#kaimingUniform} with {@code a =
 * √5} (uniform in ±1/√fan_in with {@code fan_in = in_channels / groups · k}), then the bias uniform
 * in ±1/√fan_in, drawn in that order from the given generator or, without one, from the {@link
 * Generator#defaultGenerator() default generator}.
 *
 * <pre>{@code
 * Conv1d conv = Conv1d.builder(40, 64, 5).padding(2).build();   // nn.Conv1d(40, 64, 5, padding=2)
 * Conv1d dilated = Conv1d.builder(64, 64, 3).dilation(4).padding("same").build();
 * }</pre>
 */
public final class Conv1d extends ConvLayer {

  /**
   * Creates a FLOAT32 layer with stride 1, no padding and a bias, drawn from the {@link
   * Generator#defaultGenerator() default generator}, as {@code nn.Conv1d(in_channels, out_channels,
   * kernel_size)}.
   *
   * @param inChannels the input's channels, at least 1
   * @param outChannels the output's channels, at least 1
   * @param kernelSize the kernel's length, at least 1
   * @throws IllegalArgumentException if a size is below 1
   */
  public Conv1d(int inChannels, int outChannels, int kernelSize) {
    this(builder(inChannels, outChannels, kernelSize));
  }

  /**
   * Creates a FLOAT32 layer with stride 1, no padding and a bias.
   *
   * @param inChannels the input's channels, at least 1
   * @param outChannels the output's channels, at least 1
   * @param kernelSize the kernel's length, at least 1
   * @param gen the generator the initial weight and bias are drawn from
   * @throws IllegalArgumentException if a size is below 1
   */
  public Conv1d(int inChannels, int outChannels, int kernelSize, Generator gen) {
    this(builder(inChannels, outChannels, kernelSize).generator(gen));
  }

  private Conv1d(Builder b) {
    super(
        b.inChannels,
        b.outChannels,
        b.kernelSize,
        b.options,
        b.bias,
        b.paddingMode,
        b.dtype,
        b.generator);
  }

  /**
   * Returns a builder for a layer with options: {@code Conv1d.builder(1, 6, 5).padding(2).build()}.
   *
   * @param inChannels the input's channels, at least 1
   * @param outChannels the output's channels, at least 1
   * @param kernelSize the kernel's length, at least 1
   * @return a builder with PyTorch's defaults until told otherwise
   */
  public static Builder builder(int inChannels, int outChannels, int kernelSize) {
    return new Builder(inChannels, outChannels, new int[] {kernelSize});
  }

  /** The options of a {@link Conv1d} layer, PyTorch's keyword arguments of {@code nn.Conv1d}. */
  public static final class Builder {
    private final int inChannels;
    private final int outChannels;
    private final int[] kernelSize;
    private ConvOptions options = ConvOptions.defaults();
    private boolean bias = true;
    private String paddingMode = "zeros";
    private DType dtype = DType.FLOAT32;
    private Generator generator = Generator.defaultGenerator();

    private Builder(int inChannels, int outChannels, int[] kernelSize) {
      this.inChannels = inChannels;
      this.outChannels = outChannels;
      this.kernelSize = kernelSize;
    }

    /**
     * Sets the stride, as {@code stride=}; 1 by default.
     *
     * @param stride the step between outputs, at least 1
     * @return this builder
     * @throws IllegalArgumentException if the stride is below 1
     */
    public Builder stride(int stride) {
      options = options.stride(stride);
      return this;
    }

    /**
     * Sets the zero padding on both ends, as {@code padding=}; 0 by default.
     *
     * @param padding the zeros added before and after the sequence, at least 0
     * @return this builder
     * @throws IllegalArgumentException if the padding is negative
     */
    public Builder padding(int padding) {
      options = options.padding(padding);
      return this;
    }

    /**
     * Sets the padding by name, as {@code padding="same"} or {@code padding="valid"} (see {@link
     * ConvOptions#padding(String)}).
     *
     * @param mode {@code "same"} or {@code "valid"}
     * @return this builder
     * @throws IllegalArgumentException if the mode is neither
     */
    public Builder padding(String mode) {
      options = options.padding(mode);
      return this;
    }

    /**
     * Sets the dilation, as {@code dilation=}; 1 by default.
     *
     * @param dilation the spacing between kernel elements, at least 1
     * @return this builder
     * @throws IllegalArgumentException if the dilation is below 1
     */
    public Builder dilation(int dilation) {
      options = options.dilation(dilation);
      return this;
    }

    /**
     * Sets the number of channel groups, as {@code groups=}; 1 by default, {@code in_channels} for
     * a depthwise convolution.
     *
     * @param groups the number of groups, at least 1, dividing both channel counts
     * @return this builder
     * @throws IllegalArgumentException if {@code groups} is below 1
     */
    public Builder groups(int groups) {
      options = options.groups(groups);
      return this;
    }

    /**
     * Sets whether the layer adds a learned bias, as {@code bias=}; true by default.
     *
     * @param bias false for a layer without a bias
     * @return this builder
     */
    public Builder bias(boolean bias) {
      this.bias = bias;
      return this;
    }

    /**
     * Sets how the input is padded, as {@code padding_mode=}; only {@code "zeros"}, the default, is
     * supported, and {@link #build()} refuses any other mode.
     *
     * @param paddingMode {@code "zeros"}
     * @return this builder
     */
    public Builder paddingMode(String paddingMode) {
      this.paddingMode = paddingMode;
      return this;
    }

    /**
     * Sets the parameters' dtype, as {@code dtype=}; FLOAT32 by default.
     *
     * @param dtype FLOAT32 or FLOAT64
     * @return this builder
     */
    public Builder dtype(DType dtype) {
      this.dtype = dtype;
      return this;
    }

    /**
     * Sets the generator the initial weight and bias are drawn from; the {@link
     * Generator#defaultGenerator() default generator} if not set.
     *
     * @param generator the generator, not null
     * @return this builder
     */
    public Builder generator(Generator generator) {
      this.generator = checkNotNull(generator, "Conv1d: generator is null");
      return this;
    }

    /**
     * Creates the layer, drawing its initial values (see {@link Conv1d}).
     *
     * @return a new layer
     * @throws IllegalArgumentException if a channel count or kernel size is below 1, a channel
     *     count is not divisible by the groups, the padding mode is not {@code "zeros"}, {@code
     *     padding="same"} meets a stride above 1, or the dtype is not floating
     */
    public Conv1d build() {
      return new Conv1d(this);
    }
  }
}
