package dev.jgrad.nn;

import dev.jgrad.autograd.Variable;

/**
 * The functional forms of the layers, as {@code torch.nn.functional}: static methods that apply an
 * op to a variable without a module, with PyTorch's names in Java's spelling ({@code F.max_pool2d}
 * is {@link #maxPool2d}).
 */
public final class Functional {
  private Functional() {}

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
}
