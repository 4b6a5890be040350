package dev.jgrad.nn;

import dev.jgrad.autograd.Variable;

/**
 * 2-D adaptive average pooling, as {@code torch.nn.AdaptiveAvgPool2d}: averages the input {@code
 * [N, C, H, W]} (or unbatched {@code [C, H, W]}) down to a fixed output size whatever the input's,
 * output {@code (i, j)} over rows {@code floor(i * H / outH)} to {@code ceil((i + 1) * H / outH)}
 * and the columns found likewise. See {@link dev.jgrad.autograd.ops.AdaptiveAvgPool2d} for the
 * gradient.
 *
 * <pre>{@code
 * new AdaptiveAvgPool2d(1);                           // global average pooling to [N, C, 1, 1]
 * new AdaptiveAvgPool2d(5, 7);                        // nn.AdaptiveAvgPool2d((5, 7))
 * }</pre>
 */
public final class AdaptiveAvgPool2d extends Module {
  private final int[] outputSize;

  /**
   * Creates the module with a square output, as {@code nn.AdaptiveAvgPool2d(output_size)}.
   *
   * @param outputSize the output height and width, 0 or more
   */
  public AdaptiveAvgPool2d(int outputSize) {
    this(outputSize, outputSize);
  }

  /**
   * Creates the module, as {@code nn.AdaptiveAvgPool2d((outH, outW))}.
   *
   * @param outH the output height, 0 or more
   * @param outW the output width, 0 or more
   */
  public AdaptiveAvgPool2d(int outH, int outW) {
    this.outputSize = new int[] {outH, outW};
  }

  @Override
  protected Variable compute(Variable input) {
    return guard(() -> Functional.adaptiveAvgPool2d(input, outputSize[0], outputSize[1]));
  }

  @Override
  protected String extraRepr() {
    return "output_size=" + PoolingText.pair(outputSize);
  }
}
