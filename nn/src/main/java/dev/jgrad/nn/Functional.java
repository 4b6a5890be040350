package dev.jgrad.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.jgrad.autograd.Variable;
import dev.jgrad.autograd.ops.BatchNorm;
import dev.jgrad.autograd.ops.Pad;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;

/**
 * Functions on variables in the shape of {@code torch.nn.functional}: the computations of the
 * layers of this package without their state, for networks written as plain code. Each takes what
 * the layer would hold (parameters, running statistics, a generator) as arguments, and records
 * itself for the backward pass like any other op. Names are PyTorch's in Java's spelling: {@code
 * F.max_pool2d} is {@link #maxPool2d}.
 *
 * <pre>{@code
 * Variable y = Functional.conv2d(x, weight, bias, ConvOptions.defaults().padding(2));
 * }</pre>
 */
public final class Functional {
  private Functional() {}

  // ---------------------------------------------------------------- batch norm, pad, dropout2d

  /** PyTorch's default momentum of {@link #batchNorm}. */
  public static final double BATCH_NORM_MOMENTUM = 0.1;

  /** PyTorch's default eps of {@link #batchNorm}. */
  public static final double BATCH_NORM_EPS = 1e-5;

  /**
   * Batch normalization with PyTorch's defaults {@code momentum = 0.1} and {@code eps = 1e-5}; see
   * {@link #batchNorm(Variable, Tensor, Tensor, Variable, Variable, boolean, double, double)}.
   *
   * @param input the batch {@code [N, C, *]}
   * @param runningMean the running mean {@code [C]}, or null
   * @param runningVar the running variance {@code [C]}, or null exactly when runningMean is
   * @param weight the per-channel scale {@code [C]}, or null for 1
   * @param bias the per-channel shift {@code [C]}, or null for 0
   * @param training whether to normalize with the batch's statistics (and update the running ones)
   * @return the normalized batch, of the input's shape
   * @throws IllegalArgumentException as the full form does
   */
  public static Variable batchNorm(
      Variable input,
      Tensor runningMean,
      Tensor runningVar,
      Variable weight,
      Variable bias,
      boolean training) {
    return batchNorm(
        input,
        runningMean,
        runningVar,
        weight,
        bias,
        training,
        BATCH_NORM_MOMENTUM,
        BATCH_NORM_EPS);
  }

  /**
   * Batch normalization over dimension 1, as {@code F.batch_norm(input, running_mean, running_var,
   * weight, bias, training, momentum, eps)}: {@code (x - mean) / sqrt(var + eps) * weight + bias}
   * per channel. In training mode mean and var are the batch's (the biased variance over the {@code
   * N * prod(spatial)} values of each channel), and the running statistics, when given, are updated
   * in place: {@code running = (1 - momentum) * running + momentum * stat}, with the unbiased
   * variance for {@code running_var}. In evaluation mode the running statistics are used and left
   * alone. See {@link BatchNorm} for the derivative.
   *
   * <pre>{@code
   * Tensor mean = Tensor.zeros(16), var = Tensor.ones(16);
   * Variable y = Functional.batchNorm(x, mean, var, gamma, beta, true, 0.1, 1e-5); // x [N, 16, H, W]
   * }</pre>
   *
   * @param input the batch {@code [N, C, *]}, floating
   * @param runningMean the running mean {@code [C]} of the input's dtype, or null for none
   * @param runningVar the running variance {@code [C]}, or null exactly when runningMean is
   * @param weight the per-channel scale {@code [C]}, or null for 1
   * @param bias the per-channel shift {@code [C]}, or null for 0
   * @param training whether to normalize with the batch's statistics (and update the running ones)
   * @param momentum the weight of the batch's statistics in the running update
   * @param eps the value added to the variance before the square root
   * @return the normalized batch, of the input's shape
   * @throws IllegalArgumentException if the input has fewer than 2 dimensions, a per-channel tensor
   *     does not have C elements or has another dtype, the running statistics are missing in
   *     evaluation mode, or a channel has a single value in training mode ({@code Expected more
   *     than 1 value per channel when training})
   */
  public static Variable batchNorm(
      Variable input,
      Tensor runningMean,
      Tensor runningVar,
      Variable weight,
      Variable bias,
      boolean training,
      double momentum,
      double eps) {
    checkNotNull(input, "batch_norm: input is null");
    BatchNorm op =
        training
            ? BatchNorm.training(runningMean, runningVar, momentum, eps)
            : BatchNorm.evaluation(runningMean, runningVar, eps);
    if (weight == null && bias == null) {
      return op.apply(input);
    }
    checkArgument(
        input.dim() >= 2, "batch_norm: expected an input [N, C, *], got %s", input.shape());
    Shape channels = Shape.of(input.size(1));
    DType dtype = input.dtype();
    Variable w = weight != null ? weight : new Variable(Tensor.ones(channels, dtype));
    Variable b = bias != null ? bias : new Variable(Tensor.zeros(channels, dtype));
    return op.apply(input, w, b);
  }

  /**
   * Pads with zeros; see {@link #pad(Variable, int[], double)}.
   *
   * @param input the variable to pad
   * @param pad pairs of pads, last dimension first: {@code (left, right, top, bottom, ...)}
   * @return the padded variable
   * @throws IllegalArgumentException as the full form does
   */
  public static Variable pad(Variable input, int... pad) {
    return pad(input, pad, 0);
  }

  /**
   * Pads with a constant, as {@code F.pad(input, pad, mode='constant', value)}: the pad list names
   * the last dimension first, {@code (left, right)}, then {@code (top, bottom)} for the one before,
   * and so on; a negative pad crops instead. See {@link Pad}.
   *
   * <pre>{@code
   * Functional.pad(x, new int[] {1, 1, 2, 2}, 0);   // [N, C, H, W] -> [N, C, H + 4, W + 2]
   * Functional.pad(x, -1, -1);                      // crops one element off each end of dim -1
   * }</pre>
   *
   * @param input the variable to pad
   * @param pad pairs of pads, last dimension first; at most two per dimension of the input
   * @param value the value of the added elements
   * @return a new variable; its gradient is the slice of the output's that covers the input
   * @throws IllegalArgumentException if the pad list has an odd length, is longer than twice the
   *     rank, or makes a size negative
   */
  public static Variable pad(Variable input, int[] pad, double value) {
    checkNotNull(input, "constant_pad_nd: input is null");
    checkNotNull(pad, "constant_pad_nd: pad is null");
    return new Pad(pad, value).apply(input);
  }

  /**
   * Channel dropout with the {@link Generator#defaultGenerator() default generator}; see {@link
   * #dropout2d(Variable, double, boolean, Generator)}.
   *
   * @param input {@code [N, C, H, W]} or {@code [N, C, L]}
   * @param p the probability of zeroing each channel, in {@code [0, 1]}
   * @param training whether to drop; false returns the input
   * @return the input with whole channels zeroed and the rest scaled
   * @throws IllegalArgumentException as the full form does
   */
  public static Variable dropout2d(Variable input, double p, boolean training) {
    Generator gen = Generator.defaultGenerator();
    synchronized (gen) {
      return dropout2d(input, p, training, gen);
    }
  }

  /**
   * Channel dropout, as {@code F.dropout2d(input, p, training)}: in training mode each channel of
   * each sample (a whole {@code [H, W]} plane, or an {@code [L]} row of a 3-D input) is zeroed with
   * probability {@code p}, and the kept ones are scaled by {@code 1 / (1 - p)}. The mask {@code [N,
   * C]} is drawn from {@code gen} in row-major order, one draw per channel (none when {@code p} is
   * 0 or 1, or when not training).
   *
   * @param input {@code [N, C, H, W]} or {@code [N, C, L]}
   * @param p the probability of zeroing each channel, in {@code [0, 1]}
   * @param training whether to drop; false returns the input
   * @param gen the generator the mask is drawn from
   * @return the input with whole channels zeroed and the rest scaled; the gradient flows through
   *     the kept channels, scaled alike
   * @throws IllegalArgumentException if {@code p} is outside {@code [0, 1]} or the input is not 3-D
   *     or 4-D
   */
  public static Variable dropout2d(Variable input, double p, boolean training, Generator gen) {
    checkNotNull(input, "dropout2d: input is null");
    checkNotNull(gen, "dropout2d: generator is null");
    checkArgument(
        p >= 0 && p <= 1, "dropout2d: probability has to be between 0 and 1, but got %s", p);
    checkArgument(
        input.dim() == 3 || input.dim() == 4,
        "dropout2d: expected a 3-D [N, C, L] or 4-D [N, C, H, W] input, got %s (dropout takes any shape)",
        input.shape());
    if (!training || p == 0) {
      return input;
    }
    int[] sizes = input.shape().toArray();
    for (int d = 2; d < sizes.length; d++) {
      sizes[d] = 1;
    }
    Shape maskShape = Shape.of(sizes);
    DType dt = input.dtype().toFloating();
    Tensor mask =
        p == 1
            ? Tensor.zeros(maskShape, dt)
            : Tensor.rand(gen, maskShape, dt).ge(p).mul(1 / (1 - p));
    return input.mul(new Variable(mask));
  }

  // ---------------------------------------------------------------- convolution

  /**
   * Returns the 2-D convolution of {@code input} with {@code weight}, plus {@code bias}, with
   * PyTorch's defaults (stride 1, no padding, dilation 1, one group), as {@code F.conv2d(input,
   * weight, bias)}.
   *
   * @param input {@code [N, C, H, W]}, or {@code [C, H, W]} for one unbatched image
   * @param weight {@code [out_channels, C, kH, kW]}
   * @param bias {@code [out_channels]}, or null
   * @return {@code [N, out_channels, H - kH + 1, W - kW + 1]} (no batch dimension for an unbatched
   *     input)
   * @throws IllegalArgumentException if the shapes or dtypes do not fit (see {@link
   *     #conv2d(Variable, Variable, Variable, ConvOptions)})
   */
  public static Variable conv2d(Variable input, Variable weight, Variable bias) {
    return conv2d(input, weight, bias, ConvOptions.defaults());
  }

  /**
   * Returns the 2-D convolution (cross-correlation) of {@code input} with {@code weight}, plus
   * {@code bias}, as {@code F.conv2d(input, weight, bias, stride, padding, dilation, groups)}:
   * {@code out[n, oc, oh, ow] = bias[oc] + Σ weight[oc, ic, i, j] · input[n, g·C/groups + ic, oh·sH
   * + i·dH - padTop, ow·sW + j·dW - padLeft]}, summed over the group's input channels and the
   * kernel, zeros outside the input. The output size is {@code (H + padTop + padBottom - dH·(kH -
   * 1) - 1) / sH + 1} (likewise W).
   *
   * <p>Float32 and float64; the results are bit-identical for any thread count. The gradients with
   * respect to all three tensors are computed in the backward pass (the input's only when it
   * requires grad).
   *
   * @param input {@code [N, C, H, W]}, or {@code [C, H, W]} for one unbatched image
   * @param weight {@code [out_channels, C / groups, kH, kW]}, of the input's dtype
   * @param bias {@code [out_channels]} of the input's dtype, or null
   * @param options the stride, padding, dilation and groups
   * @return {@code [N, out_channels, OH, OW]} (no batch dimension for an unbatched input)
   * @throws IllegalArgumentException naming {@code conv2d}, the shapes and what was expected, if
   *     the ranks or dtypes differ from the above, C is not {@code groups} times the weight's
   *     second size, out_channels is not a multiple of {@code groups}, the bias has another size,
   *     an option has more values than dimensions, {@code padding="same"} meets a stride above 1,
   *     or the padded input is smaller than the dilated kernel
   */
  public static Variable conv2d(
      Variable input, Variable weight, Variable bias, ConvOptions options) {
    return Convolutions.apply(2, input, weight, bias, options);
  }

  /**
   * Returns the 1-D convolution of {@code input} with {@code weight}, plus {@code bias}, with
   * PyTorch's defaults, as {@code F.conv1d(input, weight, bias)}.
   *
   * @param input {@code [N, C, L]}, or {@code [C, L]} for one unbatched sequence
   * @param weight {@code [out_channels, C, k]}
   * @param bias {@code [out_channels]}, or null
   * @return {@code [N, out_channels, L - k + 1]} (no batch dimension for an unbatched input)
   * @throws IllegalArgumentException if the shapes or dtypes do not fit (see {@link
   *     #conv1d(Variable, Variable, Variable, ConvOptions)})
   */
  public static Variable conv1d(Variable input, Variable weight, Variable bias) {
    return conv1d(input, weight, bias, ConvOptions.defaults());
  }

  /**
   * Returns the 1-D convolution (cross-correlation) of {@code input} with {@code weight}, plus
   * {@code bias}, as {@code F.conv1d(input, weight, bias, stride, padding, dilation, groups)}:
   * {@link #conv2d(Variable, Variable, Variable, ConvOptions) conv2d} on the input and weight with
   * a height of 1 inserted, which is removed from the result.
   *
   * @param input {@code [N, C, L]}, or {@code [C, L]} for one unbatched sequence
   * @param weight {@code [out_channels, C / groups, k]}, of the input's dtype
   * @param bias {@code [out_channels]} of the input's dtype, or null
   * @param options the stride, padding, dilation and groups, one value each
   * @return {@code [N, out_channels, (L + 2·padding - dilation·(k - 1) - 1) / stride + 1]} (no
   *     batch dimension for an unbatched input)
   * @throws IllegalArgumentException naming {@code conv1d}, the shapes and what was expected, in
   *     the cases {@code conv2d} lists
   */
  public static Variable conv1d(
      Variable input, Variable weight, Variable bias, ConvOptions options) {
    return Convolutions.apply(1, input, weight, bias, options);
  }

  // Pooling: torch.nn.functional.max_pool2d, avg_pool2d and adaptive_avg_pool2d.

  /**
   * Max pooling with square windows of {@code kernelSize}, their stride, as {@code
   * F.max_pool2d(input, kernel_size)}.
   *
   * @param input {@code [N, C, H, W]} or unbatched {@code [C, H, W]}, FLOAT32 or FLOAT64
   * @param kernelSize the window's height and width, positive
   * @return {@code [N, C, floor(H / k), floor(W / k)]}
   * @throws IllegalArgumentException if the input's rank or sizes, or the kernel size, are wrong
   */
  public static Variable maxPool2d(Variable input, int kernelSize) {
    return maxPool2d(input, MaxPool2d.options(kernelSize));
  }

  /**
   * Max pooling with square windows and a stride, as {@code F.max_pool2d(input, kernel_size,
   * stride)}.
   *
   * @param input {@code [N, C, H, W]} or unbatched {@code [C, H, W]}, FLOAT32 or FLOAT64
   * @param kernelSize the window's height and width, positive
   * @param stride the step between windows, both ways, positive
   * @return the maxima, {@code [N, C, floor((H - k) / s) + 1, floor((W - k) / s) + 1]}
   * @throws IllegalArgumentException if the input's rank or sizes, or an argument, are wrong
   */
  public static Variable maxPool2d(Variable input, int kernelSize, int stride) {
    return maxPool2d(input, MaxPool2d.options(kernelSize).stride(stride));
  }

  /**
   * Max pooling with all of {@code F.max_pool2d}'s options: each output is the maximum of its
   * window, padding counting as -inf; ties go to the window's first maximum in scan order and a NaN
   * in the window wins, as in PyTorch.
   *
   * @param input {@code [N, C, H, W]} or unbatched {@code [C, H, W]}, FLOAT32 or FLOAT64
   * @param options the kernel size, stride, padding, dilation and ceil mode
   * @return the maxima
   * @throws IllegalArgumentException if the input's rank or sizes, or an option, are wrong, or the
   *     output would be empty
   */
  public static Variable maxPool2d(Variable input, MaxPool2d.Options options) {
    return options.apply(input);
  }

  /**
   * Average pooling with square windows of {@code kernelSize}, their stride, as {@code
   * F.avg_pool2d(input, kernel_size)}.
   *
   * @param input {@code [N, C, H, W]} or unbatched {@code [C, H, W]}, FLOAT32 or FLOAT64
   * @param kernelSize the window's height and width, positive
   * @return the means, {@code [N, C, floor(H / k), floor(W / k)]}
   * @throws IllegalArgumentException if the input's rank or sizes, or the kernel size, are wrong
   */
  public static Variable avgPool2d(Variable input, int kernelSize) {
    return avgPool2d(input, AvgPool2d.options(kernelSize));
  }

  /**
   * Average pooling with square windows and a stride, as {@code F.avg_pool2d(input, kernel_size,
   * stride)}.
   *
   * @param input {@code [N, C, H, W]} or unbatched {@code [C, H, W]}, FLOAT32 or FLOAT64
   * @param kernelSize the window's height and width, positive
   * @param stride the step between windows, both ways, positive
   * @return the means
   * @throws IllegalArgumentException if the input's rank or sizes, or an argument, are wrong
   */
  public static Variable avgPool2d(Variable input, int kernelSize, int stride) {
    return avgPool2d(input, AvgPool2d.options(kernelSize).stride(stride));
  }

  /**
   * Average pooling with all of {@code F.avg_pool2d}'s options: each output is its window's sum
   * divided by the divisor override, or by the window's size with or without the zero padding.
   *
   * @param input {@code [N, C, H, W]} or unbatched {@code [C, H, W]}, FLOAT32 or FLOAT64
   * @param options the kernel size, stride, padding, ceil mode, count_include_pad and divisor
   * @return the means
   * @throws IllegalArgumentException if the input's rank or sizes, or an option, are wrong, or the
   *     output would be empty
   */
  public static Variable avgPool2d(Variable input, AvgPool2d.Options options) {
    return options.apply(input);
  }

  /**
   * Adaptive average pooling to a square output, as {@code F.adaptive_avg_pool2d(input,
   * output_size)}; an output size of 1 is global average pooling.
   *
   * @param input {@code [N, C, H, W]} or unbatched {@code [C, H, W]}, FLOAT32 or FLOAT64
   * @param outputSize the output height and width, 0 or more
   * @return the means, {@code [N, C, outputSize, outputSize]}
   * @throws IllegalArgumentException if the input's rank or sizes, or the output size, are wrong
   */
  public static Variable adaptiveAvgPool2d(Variable input, int outputSize) {
    return adaptiveAvgPool2d(input, outputSize, outputSize);
  }

  /**
   * Adaptive average pooling, as {@code F.adaptive_avg_pool2d(input, (outH, outW))}: output {@code
   * (i, j)} averages rows {@code floor(i * H / outH)} to {@code ceil((i + 1) * H / outH)} and the
   * columns found likewise.
   *
   * @param input {@code [N, C, H, W]} or unbatched {@code [C, H, W]}, FLOAT32 or FLOAT64
   * @param outH the output height, 0 or more
   * @param outW the output width, 0 or more
   * @return the means, {@code [N, C, outH, outW]}
   * @throws IllegalArgumentException if the input's rank or sizes, or an output size, are wrong
   */
  public static Variable adaptiveAvgPool2d(Variable input, int outH, int outW) {
    return new dev.jgrad.autograd.ops.AdaptiveAvgPool2d(outH, outW).apply(input);
  }

  // ---------------------------------------------------------------- activations

  /**
   * The exact GELU, as {@code F.gelu(input)}; see {@link #gelu(Variable, String)}.
   *
   * @param input any shape, floating
   * @return {@code input · Φ(input)}, of the input's shape
   */
  public static Variable gelu(Variable input) {
    return gelu(input, "none");
  }

  /**
   * The GELU, as {@code F.gelu(input, approximate)}: {@code x · Φ(x)} with Φ the standard normal
   * CDF ({@code "none"}), or {@code 0.5 · x · (1 + tanh(√(2/π) · (x + 0.044715 · x³)))} ({@code
   * "tanh"}). The exact form computes Φ as {@code erfc(-x/√2) / 2}, accurate also far below 0.
   *
   * @param input any shape, floating
   * @param approximate {@code "none"} or {@code "tanh"}
   * @return the GELU, of the input's shape
   * @throws IllegalArgumentException if approximate is neither
   */
  public static Variable gelu(Variable input, String approximate) {
    checkNotNull(input, "gelu: input is null");
    return input.gelu(approximate);
  }

  /**
   * The SiLU (swish), as {@code F.silu(input)}: {@code x · sigmoid(x)}.
   *
   * @param input any shape, floating
   * @return the SiLU, of the input's shape
   */
  public static Variable silu(Variable input) {
    checkNotNull(input, "silu: input is null");
    return input.silu();
  }

  /**
   * The softplus with PyTorch's defaults {@code beta = 1}, {@code threshold = 20}, as {@code
   * F.softplus(input)}.
   *
   * @param input any shape, floating
   * @return {@code log(1 + e^x)}, of the input's shape
   */
  public static Variable softplus(Variable input) {
    return softplus(input, 1, 20);
  }

  /**
   * The softplus, as {@code F.softplus(input, beta, threshold)}: {@code log(1 + e^{β·x}) / β}, and
   * {@code x} where {@code β·x > threshold}.
   *
   * @param input any shape, floating
   * @param beta the scale β
   * @param threshold above which {@code β·x} the function is {@code x}
   * @return the softplus, of the input's shape
   */
  public static Variable softplus(Variable input, double beta, double threshold) {
    checkNotNull(input, "softplus: input is null");
    return input.softplus(beta, threshold);
  }

  /**
   * The ELU with {@code alpha = 1}, as {@code F.elu(input)}.
   *
   * @param input any shape, floating
   * @return the ELU, of the input's shape
   */
  public static Variable elu(Variable input) {
    return elu(input, 1);
  }

  /**
   * The ELU, as {@code F.elu(input, alpha)}: {@code x} above 0, {@code α · (e^x - 1)} at 0 and
   * below; the derivative at 0 is α.
   *
   * @param input any shape, floating
   * @param alpha the scale α of the negative side
   * @return the ELU, of the input's shape
   */
  public static Variable elu(Variable input, double alpha) {
    checkNotNull(input, "elu: input is null");
    return input.elu(alpha);
  }

  /**
   * The hardtanh with the bounds -1 and 1, as {@code F.hardtanh(input)}.
   *
   * @param input any shape, floating
   * @return the input clamped to {@code [-1, 1]}
   */
  public static Variable hardtanh(Variable input) {
    return hardtanh(input, -1, 1);
  }

  /**
   * The hardtanh, as {@code F.hardtanh(input, min_val, max_val)}: the input clamped to {@code [min,
   * max]}, with a gradient of 0 at the bounds themselves.
   *
   * @param input any shape, floating
   * @param min the lower bound
   * @param max the upper bound
   * @return the clamped input, of its shape
   * @throws IllegalArgumentException if {@code min > max} or either is NaN
   */
  public static Variable hardtanh(Variable input, double min, double max) {
    checkNotNull(input, "hardtanh: input is null");
    return input.hardtanh(min, max);
  }

  /**
   * The leaky ReLU with PyTorch's slope 0.01, as {@code F.leaky_relu(input)}.
   *
   * @param input any shape, floating
   * @return the leaky ReLU, of the input's shape
   */
  public static Variable leakyRelu(Variable input) {
    return leakyRelu(input, 0.01);
  }

  /**
   * The leaky ReLU, as {@code F.leaky_relu(input, negative_slope)}: {@code x} above 0, {@code
   * negative_slope · x} at 0 and below; the derivative at 0 is the slope.
   *
   * @param input any shape, floating
   * @param negativeSlope the factor of the negative side
   * @return the leaky ReLU, of the input's shape
   */
  public static Variable leakyRelu(Variable input, double negativeSlope) {
    checkNotNull(input, "leaky_relu: input is null");
    return input.leakyRelu(negativeSlope);
  }

  // ---------------------------------------------------------------- layer_norm, embedding

  /** PyTorch's default eps of {@link #layerNorm}. */
  public static final double LAYER_NORM_EPS = 1e-5;

  /**
   * Layer normalization over the trailing dimensions, as {@code F.layer_norm(input,
   * normalized_shape, weight, bias, eps)}: {@code (x − mean) / sqrt(var + eps) · weight + bias},
   * mean and the biased variance taken over the last {@code normalizedShape.length} dimensions of
   * each sample. Composed of differentiable ops, so every derivative (of any order) follows.
   *
   * @param input {@code [*, normalizedShape...]}, floating
   * @param normalizedShape the sizes of the trailing dimensions to normalize over, at least one
   * @param weight the elementwise scale of shape normalizedShape, or null for 1
   * @param bias the elementwise shift of shape normalizedShape, or null for 0
   * @param eps the value added to the variance before the square root
   * @return the normalized input, of its shape
   * @throws IllegalArgumentException if the input's trailing sizes are not normalizedShape, or
   *     weight or bias has another shape
   */
  public static Variable layerNorm(
      Variable input, int[] normalizedShape, Variable weight, Variable bias, double eps) {
    checkNotNull(input, "layer_norm: input is null");
    checkNotNull(normalizedShape, "layer_norm: normalized_shape is null");
    Shape normalized = Shape.of(normalizedShape);
    int k = normalizedShape.length;
    int r = input.dim();
    boolean fits = k > 0 && k <= r;
    for (int i = 0; fits && i < k; i++) {
      fits = input.size(r - k + i) == normalizedShape[i];
    }
    checkArgument(
        fits,
        "layer_norm: normalized_shape %s, expected an input of shape [*, %s], got %s",
        normalized,
        java.util.Arrays.toString(normalizedShape).replaceAll("[\\[\\]]", ""),
        input.shape());
    for (Variable p : new Variable[] {weight, bias}) {
      checkArgument(
          p == null || p.shape().equals(normalized),
          "layer_norm: weight and bias must have the normalized shape %s, got %s",
          normalized,
          p == null ? null : p.shape());
    }
    int[] dims = new int[k];
    for (int i = 0; i < k; i++) {
      dims[i] = r - k + i;
    }
    Variable centered = input.sub(input.mean(dims, true));
    Variable variance = centered.mul(centered).mean(dims, true);
    Variable out = centered.div(variance.add(eps).sqrt());
    if (weight != null) {
      out = out.mul(weight);
    }
    return bias == null ? out : out.add(bias);
  }

  /**
   * Looks up rows of an embedding table, as {@code F.embedding(input, weight, padding_idx)}: the
   * output holds {@code weight[input[i...]]} for every index, shape {@code input.shape + [dim]}.
   * Rows at {@code paddingIdx} are read as they are but receive no gradient, as in PyTorch.
   *
   * @param input INT32 indices of any shape (rank 0 included), each in {@code [0, num)}
   * @param weight the table {@code [num, dim]}
   * @param paddingIdx the row that receives no gradient, in {@code [-num, num)} (negative counts
   *     from the end), or null for none
   * @return {@code [*input.shape, dim]}
   * @throws IllegalArgumentException if the input is not INT32, an index or paddingIdx is out of
   *     range, or the weight is not 2-D
   */
  public static Variable embedding(Tensor input, Variable weight, Integer paddingIdx) {
    checkNotNull(input, "embedding: input is null");
    checkNotNull(weight, "embedding: weight is null");
    checkArgument(
        weight.dim() == 2, "embedding: weight must be 2-D [num, dim], got %s", weight.shape());
    checkArgument(
        input.dtype() == DType.INT32, "embedding: expected INT32 indices, got %s", input.dtype());
    int num = weight.size(0);
    int pad = paddingIdx == null ? -1 : Embedding.paddingRow("embedding", num, paddingIdx);
    Tensor flat = input.reshape(-1);
    int[] indices = flat.toIntArray();
    boolean padded = false;
    for (int i = 0; i < indices.length; i++) {
      checkArgument(
          indices[i] >= 0 && indices[i] < num,
          "embedding: index %s at position %s is out of range for %s rows",
          indices[i],
          i,
          num);
      padded |= indices[i] == pad;
    }
    Variable rows = weight.indexSelect(0, flat);
    if (padded) {
      Tensor isPad = flat.eq(pad).unsqueeze(1);
      rows = Variable.where(isPad, new Variable(rows.data()), rows);
    }
    int[] shape = java.util.Arrays.copyOf(input.shape().toArray(), input.dim() + 1);
    shape[input.dim()] = weight.size(1);
    return rows.reshape(shape);
  }
}
