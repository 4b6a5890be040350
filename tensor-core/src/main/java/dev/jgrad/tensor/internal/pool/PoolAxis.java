package dev.jgrad.tensor.internal.pool;

/**
 * One spatial axis of a pooling call: the input and output sizes and, for a sliding window, its
 * kernel size, stride, padding and dilation. Output position {@code o} covers the input positions
 * {@code o * stride - padding + j * dilation} for {@code j} in {@code [0, kernel)}. An axis known
 * by its sizes alone has kernel, stride and padding 0: adaptive pooling's windows follow from the
 * two sizes, and max pooling's backward pass needs no window.
 *
 * @param in the input size
 * @param out the output size
 * @param kernel the window size
 * @param stride the step between windows
 * @param padding the implicit padding on both sides
 * @param dilation the step between a window's elements
 */
public record PoolAxis(int in, int out, int kernel, int stride, int padding, int dilation) {
  /**
   * Returns an axis known by its sizes alone; as an adaptive axis, its window {@code o} is {@code
   * [floor(o * in / out), ceil((o + 1) * in / out))}.
   *
   * @param in the input size
   * @param out the output size
   * @return the axis
   */
  public static PoolAxis sizes(int in, int out) {
    return new PoolAxis(in, out, 0, 0, 0, 1);
  }

  /**
   * Returns PyTorch's {@code pooling_output_shape}: {@code floor} (or {@code ceil} in ceil mode) of
   * {@code (in + 2 * padding - dilation * (kernel - 1) - 1) / stride} plus one, less one in ceil
   * mode when the last window would start past the input and its left padding. The caller has
   * checked that kernel, stride and dilation are positive and padding is not negative.
   *
   * @param in the input size
   * @param kernel the window size
   * @param stride the step between windows
   * @param padding the implicit padding on both sides
   * @param dilation the step between a window's elements
   * @param ceilMode whether a last partial window is kept
   * @return the output size, possibly 0 or negative when the input is too small
   */
  public static long outputSize(
      int in, int kernel, int stride, int padding, int dilation, boolean ceilMode) {
    long span = (long) in + 2L * padding - (long) dilation * (kernel - 1) - 1;
    long out = Math.floorDiv(span + (ceilMode ? stride - 1 : 0), stride) + 1;
    if (ceilMode && (out - 1) * stride >= (long) in + padding) {
      out--;
    }
    return out;
  }

  /** Returns whether the windows are 2 wide with stride 2, unpadded, undilated and all full. */
  boolean isPairs() {
    return kernel == 2 && stride == 2 && padding == 0 && dilation == 1 && 2L * out <= in;
  }

  /** Returns the first input position of adaptive window {@code o}: {@code floor(o * in / out)}. */
  int adaptiveStart(int o) {
    return (int) ((long) o * in / out);
  }

  /** Returns the end of adaptive window {@code o}: {@code ceil((o + 1) * in / out)}. */
  int adaptiveEnd(int o) {
    return (int) (((long) (o + 1) * in + out - 1) / out);
  }
}
