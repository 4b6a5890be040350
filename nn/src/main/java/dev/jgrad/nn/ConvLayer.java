package dev.jgrad.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.jgrad.autograd.Variable;
import dev.jgrad.nn.Init.FanMode;
import dev.jgrad.nn.Init.Nonlinearity;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * What {@link Conv1d} and {@link Conv2d} share, as PyTorch's {@code _ConvNd}: the checks of the
 * constructor's arguments, the parameters and their initialization, the forward pass through {@link
 * Functional} and the printed form.
 */
abstract class ConvLayer extends Module {
  private final int inChannels;
  private final int outChannels;
  private final int[] kernelSize;
  private final ConvOptions options;
  private final Parameter weight;
  private final Parameter bias;

  /**
   * Checks the arguments and creates the parameters: the weight {@code [out, in / groups,
   * kernel...]} is {@link Init#kaimingUniform} with {@code a = √5} (uniform in ±1/√fan_in, fan_in =
   * in / groups × the kernel's size), then the bias uniform in ±1/√fan_in, both drawn in that order
   * from {@code generator} with its monitor held.
   */
  ConvLayer(
      int inChannels,
      int outChannels,
      int[] kernelSize,
      ConvOptions options,
      boolean bias,
      String paddingMode,
      DType dtype,
      Generator generator) {
    String name = getClass().getSimpleName();
    checkArgument(
        inChannels >= 1 && outChannels >= 1,
        "%s: in_channels and out_channels must be at least 1, got %s and %s",
        name,
        inChannels,
        outChannels);
    checkArgument(
        Arrays.stream(kernelSize).allMatch(k -> k >= 1),
        "%s: kernel_size must be at least 1, got %s",
        name,
        Arrays.toString(kernelSize));
    int groups = options.groups();
    checkArgument(
        inChannels % groups == 0,
        "%s: in_channels %s must be divisible by groups %s",
        name,
        inChannels,
        groups);
    checkArgument(
        outChannels % groups == 0,
        "%s: out_channels %s must be divisible by groups %s",
        name,
        outChannels,
        groups);
    checkNotNull(paddingMode, "%s: padding_mode is null", name);
    checkArgument(
        paddingMode.equals("zeros"),
        "%s: padding_mode '%s' is not supported, only 'zeros' (pad the input with"
            + " Functional's padding first for other modes)",
        name,
        paddingMode);
    String op = name.toLowerCase(java.util.Locale.ROOT);
    int[] stride = options.strides(op, kernelSize.length);
    options.dilations(op, kernelSize.length);
    options.paddings(op, kernelSize);
    checkArgument(
        !"same".equals(options.paddingMode()) || Arrays.stream(stride).allMatch(s -> s == 1),
        "%s: padding='same' is not supported for strided convolutions (stride %s)",
        name,
        Arrays.toString(stride));
    int fanIn = inChannels / groups;
    for (int k : kernelSize) {
      fanIn = Math.multiplyExact(fanIn, k);
    }
    checkArgument(
        (long) outChannels * fanIn <= Integer.MAX_VALUE,
        "%s: the weight has more than %s elements",
        name,
        Integer.MAX_VALUE);
    checkNotNull(dtype, "%s: dtype is null", name);
    checkArgument(dtype.isFloatingPoint(), "%s: expected a floating dtype, got %s", name, dtype);
    checkNotNull(generator, "%s: generator is null", name);
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    this.kernelSize = kernelSize.clone();
    this.options = options;
    int[] shape = new int[2 + kernelSize.length];
    shape[0] = outChannels;
    shape[1] = inChannels / groups;
    System.arraycopy(kernelSize, 0, shape, 2, kernelSize.length);
    Tensor w = Tensor.zeros(Shape.of(shape), dtype);
    Tensor b = bias ? Tensor.zeros(Shape.of(outChannels), dtype) : null;
    synchronized (generator) {
      Init.kaimingUniform(w, Math.sqrt(5), FanMode.FAN_IN, Nonlinearity.LEAKY_RELU, generator);
      if (b != null) {
        double bound = 1 / Math.sqrt(fanIn);
        Init.uniform(b, -bound, bound, generator);
      }
    }
    this.weight = registerParameter("weight", new Parameter(w));
    this.bias = b == null ? null : registerParameter("bias", new Parameter(b));
  }

  /**
   * Returns the weight, shape {@code [out_channels, in_channels / groups, kernel...]}.
   *
   * @return the live weight parameter, registered as {@code weight}
   */
  public Parameter weight() {
    return weight;
  }

  /**
   * Returns the bias, shape {@code [out_channels]}, or null for a layer without one.
   *
   * @return the live bias parameter, registered as {@code bias}, or null
   */
  public Parameter bias() {
    return bias;
  }

  /**
   * Returns the number of input channels.
   *
   * @return {@code in_channels}
   */
  public int inChannels() {
    return inChannels;
  }

  /**
   * Returns the number of output channels.
   *
   * @return {@code out_channels}
   */
  public int outChannels() {
    return outChannels;
  }

  /**
   * Returns the kernel's size per spatial dimension.
   *
   * @return a new array, {@code {kH, kW}} for a {@code Conv2d}
   */
  public int[] kernelSize() {
    return kernelSize.clone();
  }

  /**
   * Returns the stride, padding, dilation and groups the layer convolves with.
   *
   * @return the options given to {@link Functional}
   */
  public ConvOptions options() {
    return options;
  }

  /**
   * Returns the convolution of {@code input} with the weight, plus the bias.
   *
   * @throws IllegalArgumentException naming this layer's path if the input's rank or channels do
   *     not fit
   */
  @Override
  protected Variable compute(Variable input) {
    return guard(() -> Convolutions.apply(kernelSize.length, input, weight, bias, options));
  }

  @Override
  protected String describe() {
    return typeName()
        + " "
        + inChannels
        + "→"
        + outChannels
        + ", kernel "
        + Arrays.stream(kernelSize).mapToObj(String::valueOf).collect(Collectors.joining("×"));
  }

  /**
   * Returns PyTorch's form: channels, {@code kernel_size} and {@code stride} always, then {@code
   * padding}, {@code dilation}, {@code groups} and {@code bias=false} where they differ from the
   * defaults, for example {@code 1, 6, kernel_size=(5, 5), stride=(1, 1), padding=(2, 2)}.
   */
  @Override
  protected String extraRepr() {
    int dims = kernelSize.length;
    String op = typeName().toLowerCase(java.util.Locale.ROOT);
    StringBuilder sb = new StringBuilder();
    sb.append(inChannels).append(", ").append(outChannels);
    sb.append(", kernel_size=").append(tuple(kernelSize));
    sb.append(", stride=").append(tuple(options.strides(op, dims)));
    int[] sides = options.paddings(op, kernelSize);
    int[] padding = IntStream.range(0, dims).map(d -> sides[2 * d]).toArray();
    if (options.paddingMode() != null) {
      sb.append(", padding=").append(options.paddingMode());
    } else if (Arrays.stream(padding).anyMatch(p -> p != 0)) {
      sb.append(", padding=").append(tuple(padding));
    }
    int[] dilation = options.dilations(op, dims);
    if (Arrays.stream(dilation).anyMatch(d -> d != 1)) {
      sb.append(", dilation=").append(tuple(dilation));
    }
    if (options.groups() != 1) {
      sb.append(", groups=").append(options.groups());
    }
    if (bias == null) {
      sb.append(", bias=false");
    }
    return sb.toString();
  }

  /** Returns Python's tuple notation: {@code (5, 5)}, or {@code (3,)} for one value. */
  private static String tuple(int[] values) {
    String joined =
        Arrays.stream(values).mapToObj(String::valueOf).collect(Collectors.joining(", "));
    return "(" + joined + (values.length == 1 ? ",)" : ")");
  }
}
