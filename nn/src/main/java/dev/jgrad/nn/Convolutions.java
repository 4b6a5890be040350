package dev.jgrad.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.jgrad.autograd.Variable;
import dev.jgrad.autograd.ops.Conv2d;
import java.util.Arrays;

/**
 * The checks and the dispatch behind {@link Functional#conv1d} and {@link Functional#conv2d}: the
 * arguments are checked in the op's own terms (a {@code conv1d} error names 3-D shapes), the
 * options resolved to per-side padding, and the convolution applied as the {@link Conv2d} op,
 * {@code conv1d} with a height of 1 inserted and removed again, an unbatched input with a batch of
 * 1.
 */
final class Convolutions {
  private Convolutions() {}

  /**
   * Applies a convolution over {@code dims} spatial dimensions (1 or 2).
   *
   * @throws IllegalArgumentException if an argument does not fit, naming the op, the shapes and
   *     what was expected
   */
  static Variable apply(
      int dims, Variable input, Variable weight, Variable bias, ConvOptions options) {
    Conv2d conv = op(dims, input, weight, bias, options);
    boolean batched = input.dim() == dims + 2;
    Variable x = batched ? input : input.unsqueeze(0);
    Variable out =
        dims == 1
            ? apply(conv, x.unsqueeze(2), weight.unsqueeze(2), bias).squeeze(2)
            : apply(conv, x, weight, bias);
    return batched ? out : out.squeeze(0);
  }

  /**
   * Checks a convolution's operands and options and returns its op, over a height of 1 for {@code
   * dims} 1.
   *
   * @throws IllegalArgumentException if an argument does not fit, naming the op, the shapes and
   *     what was expected
   */
  static Conv2d op(int dims, Variable input, Variable weight, Variable bias, ConvOptions options) {
    String op = "conv" + dims + "d";
    checkNotNull(input, "%s: input is null", op);
    checkNotNull(weight, "%s: weight is null", op);
    checkNotNull(options, "%s: options are null", op);
    boolean batched = input.dim() == dims + 2;
    checkArgument(
        batched || input.dim() == dims + 1,
        "%s: expected a %s-D (unbatched) or %s-D (batched) input, got %s",
        op,
        dims + 1,
        dims + 2,
        input.shape());
    checkArgument(
        weight.dim() == dims + 2,
        "%s: expected a %s-D weight [out_channels, in_channels / groups, %s], got %s",
        op,
        dims + 2,
        dims == 1 ? "kernel_size" : "kernel_height, kernel_width",
        weight.shape());
    checkArgument(
        input.dtype() == weight.dtype() && (bias == null || bias.dtype() == input.dtype()),
        "%s: input, weight and bias must have one dtype, got %s, %s and %s",
        op,
        input.dtype(),
        weight.dtype(),
        bias == null ? "no bias" : bias.dtype());
    checkArgument(
        input.dtype().isFloatingPoint(),
        "%s: expected a floating input, got %s",
        op,
        input.dtype());
    int[] in = input.shape().toArray();
    int[] w = weight.shape().toArray();
    int channels = in[batched ? 1 : 0];
    int groups = options.groups();
    for (int size : w) {
      checkArgument(size >= 1, "%s: weight %s must have positive sizes", op, weight.shape());
    }
    checkArgument(
        w[0] % groups == 0,
        "%s: weight %s has %s output channels, not divisible by groups %s",
        op,
        weight.shape(),
        w[0],
        groups);
    checkArgument(
        channels == (long) w[1] * groups,
        "%s: input %s has %s channels, weight %s expects %s (groups %s)",
        op,
        input.shape(),
        channels,
        weight.shape(),
        (long) w[1] * groups,
        groups);
    checkArgument(
        bias == null || (bias.dim() == 1 && bias.size(0) == w[0]),
        "%s: bias %s must be 1-D with %s elements, one per output channel of weight %s",
        op,
        bias == null ? null : bias.shape(),
        w[0],
        weight.shape());
    int[] kernel = Arrays.copyOfRange(w, 2, w.length);
    int[] stride = options.strides(op, dims);
    int[] dilation = options.dilations(op, dims);
    checkArgument(
        !"same".equals(options.paddingMode()) || Arrays.stream(stride).allMatch(s -> s == 1),
        "%s: padding='same' is not supported for strided convolutions (stride %s)",
        op,
        Arrays.toString(stride));
    int[] padding = options.paddings(op, kernel);
    int[] spatial = Arrays.copyOfRange(in, in.length - dims, in.length);
    checkArgument(
        Arrays.stream(spatial).allMatch(size -> size >= 1),
        "%s: input %s must have positive spatial sizes",
        op,
        input.shape());
    for (int d = 0; d < dims; d++) {
      long padded = (long) spatial[d] + padding[2 * d] + padding[2 * d + 1];
      long reach = (long) dilation[d] * (kernel[d] - 1) + 1;
      checkArgument(
          padded >= reach,
          "%s: padded input size %s (input %s, padding %s) is smaller than the dilated kernel"
              + " size %s (weight %s, dilation %s)",
          op,
          padded,
          input.shape(),
          Arrays.toString(padding),
          reach,
          weight.shape(),
          Arrays.toString(dilation));
    }
    return dims == 1
        ? new Conv2d(
            new int[] {1, stride[0]},
            new int[] {0, 0, padding[0], padding[1]},
            new int[] {1, dilation[0]},
            groups)
        : new Conv2d(stride, padding, dilation, groups);
  }

  private static Variable apply(Conv2d conv, Variable x, Variable w, Variable bias) {
    return bias == null ? conv.apply(x, w) : conv.apply(x, w, bias);
  }
}
