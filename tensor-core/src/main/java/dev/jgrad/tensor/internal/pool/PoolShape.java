package dev.jgrad.tensor.internal.pool;

import static com.google.common.base.Preconditions.checkArgument;

import dev.jgrad.tensor.Shape;
import java.util.Arrays;

/**
 * The shapes of one 2-D pooling call over an input {@code [N, C, H, W]} or unbatched {@code [C, H,
 * W]}: the {@code planes = N * C} (or {@code C}) independent {@code H x W} planes, each axis's
 * geometry, and the output shape. Its factories check the arguments as PyTorch does and name the op
 * in their messages.
 *
 * @param input the input's shape
 * @param planes the number of planes, the product of the leading dimensions
 * @param h the height axis
 * @param w the width axis
 */
public record PoolShape(Shape input, int planes, PoolAxis h, PoolAxis w) {
  /**
   * Returns the shape of a sliding-window pooling ({@code max_pool2d}, {@code avg_pool2d}).
   *
   * @param op the op's name for messages
   * @param input the input's shape, {@code [N, C, H, W]} or {@code [C, H, W]} with non-zero C, H, W
   * @param kernel the window's height and width, positive
   * @param stride the steps between windows, positive
   * @param padding the implicit padding on each side, from 0 to half the kernel
   * @param dilation the steps between a window's elements, positive
   * @param ceilMode whether a last partial window is kept, if it starts inside the input or its
   *     left padding
   * @return the shape
   * @throws IllegalArgumentException if an argument is out of its range or the output would be
   *     empty
   */
  public static PoolShape sliding(
      String op,
      Shape input,
      int[] kernel,
      int[] stride,
      int[] padding,
      int[] dilation,
      boolean ceilMode) {
    checkPair(op, "kernel_size", kernel);
    checkPair(op, "stride", stride);
    checkPair(op, "padding", padding);
    checkPair(op, "dilation", dilation);
    checkArgument(
        kernel[0] > 0 && kernel[1] > 0,
        "%s: kernel_size must be greater than zero, got %s",
        op,
        Arrays.toString(kernel));
    checkArgument(
        stride[0] > 0 && stride[1] > 0,
        "%s: stride must be greater than zero, got %s",
        op,
        Arrays.toString(stride));
    checkArgument(
        dilation[0] > 0 && dilation[1] > 0,
        "%s: dilation must be greater than zero, got %s",
        op,
        Arrays.toString(dilation));
    checkArgument(
        padding[0] >= 0 && padding[1] >= 0,
        "%s: padding must be non-negative, got %s",
        op,
        Arrays.toString(padding));
    checkArgument(
        padding[0] <= kernel[0] / 2 && padding[1] <= kernel[1] / 2,
        "%s: padding %s should be at most half of kernel_size %s",
        op,
        Arrays.toString(padding),
        Arrays.toString(kernel));
    int r = input.rank();
    checkArgument(
        (r == 3 || r == 4)
            && input.size(r - 3) != 0
            && input.size(r - 2) != 0
            && input.size(r - 1) != 0,
        "%s: expected a 3-D [C, H, W] or 4-D [N, C, H, W] input with non-zero C, H and W, got %s",
        op,
        input);
    long outH =
        PoolAxis.outputSize(
            input.size(r - 2), kernel[0], stride[0], padding[0], dilation[0], ceilMode);
    long outW =
        PoolAxis.outputSize(
            input.size(r - 1), kernel[1], stride[1], padding[1], dilation[1], ceilMode);
    checkArgument(
        outH >= 1 && outW >= 1,
        "%s: input %s is too small for kernel_size %s with padding %s and dilation %s: the output"
            + " would be %sx%s",
        op,
        input,
        Arrays.toString(kernel),
        Arrays.toString(padding),
        Arrays.toString(dilation),
        outH,
        outW);
    PoolAxis h =
        new PoolAxis(input.size(r - 2), (int) outH, kernel[0], stride[0], padding[0], dilation[0]);
    PoolAxis w =
        new PoolAxis(input.size(r - 1), (int) outW, kernel[1], stride[1], padding[1], dilation[1]);
    return new PoolShape(input, planes(input), h, w);
  }

  /**
   * Returns the shape of {@code adaptive_avg_pool2d}.
   *
   * @param input the input's shape, {@code [N, C, H, W]} or {@code [C, H, W]} with non-zero H and W
   * @param outH the output height, 0 or more
   * @param outW the output width, 0 or more
   * @return the shape
   * @throws IllegalArgumentException if the input's rank or sizes or an output size are wrong
   */
  public static PoolShape adaptive(Shape input, int outH, int outW) {
    int r = input.rank();
    checkArgument(
        r == 3 || r == 4,
        "adaptive_avg_pool2d: expected a 3-D [C, H, W] or 4-D [N, C, H, W] input, got %s",
        input);
    checkArgument(
        input.size(r - 2) != 0 && input.size(r - 1) != 0,
        "adaptive_avg_pool2d: expected an input with non-zero H and W, got %s",
        input);
    checkArgument(
        outH >= 0 && outW >= 0,
        "adaptive_avg_pool2d: output_size must be at least 0, got [%s, %s]",
        outH,
        outW);
    return new PoolShape(
        input,
        planes(input),
        PoolAxis.sizes(input.size(r - 2), outH),
        PoolAxis.sizes(input.size(r - 1), outW));
  }

  /**
   * Returns the shapes of max pooling's backward pass, which scatters an output gradient of shape
   * {@code output} into an input gradient of shape {@code input}.
   *
   * @param op the op's name for messages
   * @param input the input's shape, {@code [N, C, H, W]} or {@code [C, H, W]}
   * @param output the output gradient's shape, with the input's leading dimensions
   * @return the shape
   * @throws IllegalArgumentException if the shapes do not fit together
   */
  public static PoolShape scatter(String op, Shape input, Shape output) {
    int r = input.rank();
    checkArgument(
        (r == 3 || r == 4)
            && output.rank() == r
            && Arrays.equals(
                Arrays.copyOf(input.toArray(), r - 2), Arrays.copyOf(output.toArray(), r - 2)),
        "%s: a gradient %s does not fit an input %s",
        op,
        output,
        input);
    return new PoolShape(
        input,
        planes(input),
        PoolAxis.sizes(input.size(r - 2), output.size(r - 2)),
        PoolAxis.sizes(input.size(r - 1), output.size(r - 1)));
  }

  /** Returns the output shape: the input's leading dimensions, then the output height and width. */
  public Shape output() {
    int[] sizes = input.toArray();
    sizes[sizes.length - 2] = h.out();
    sizes[sizes.length - 1] = w.out();
    return Shape.of(sizes);
  }

  /** Returns the number of elements of one input plane. */
  int inPlane() {
    return h.in() * w.in();
  }

  /** Returns the number of elements of one output plane. */
  int outPlane() {
    return h.out() * w.out();
  }

  private static int planes(Shape input) {
    int r = input.rank();
    return r == 4 ? input.size(0) * input.size(1) : input.size(0);
  }

  private static void checkPair(String op, String name, int[] pair) {
    checkArgument(
        pair.length == 2,
        "%s: %s must have two values (height, width), got %s",
        op,
        name,
        Arrays.toString(pair));
  }
}
