package dev.jgrad.nn;

import dev.jgrad.autograd.Variable;

/**
 * Stateless functions on {@link Variable}s, in the shape of {@code torch.nn.functional}: the
 * computations behind the layers, for code that holds its own parameters. Each records itself for
 * the backward pass like any other op.
 *
 * <pre>{@code
 * Variable y = Functional.conv2d(x, weight, bias, ConvOptions.defaults().padding(2));
 * }</pre>
 */
public final class Functional {
  private Functional() {}

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
}
