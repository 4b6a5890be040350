package dev.jgrad.tensor.internal.fused;

import static com.google.common.base.Preconditions.checkArgument;

import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import dev.jgrad.tensor.internal.pool.Pool2d;
import dev.jgrad.tensor.internal.pool.PoolShape;

/**
 * 2-D pooling over NCHW tensors ({@code [N, C, H, W]}, or unbatched {@code [C, H, W]}) of FLOAT32
 * or FLOAT64, forward and backward, as PyTorch's CPU kernels compute them: {@code max_pool2d} with
 * its argmax indices, {@code avg_pool2d} and {@code adaptive_avg_pool2d}. Inputs of any layout are
 * read densely (views are copied first); results are new dense tensors. Each plane of {@code H x W}
 * is computed by one thread, so results are bit-identical for any thread count.
 *
 * <p><b>This class is not API</b>, like {@link FusedOps}: it is the door to tensor-core's pooling
 * kernels for jgrad's autograd ops, and may change in any release.
 */
public final class Pooling {
  private static final String MAX = "max_pool2d";
  private static final String AVG = "avg_pool2d";
  private static final String ADAPTIVE = "adaptive_avg_pool2d";

  private Pooling() {}

  /**
   * The result of {@link #maxPool2d}: the maxima and where they were.
   *
   * @param output the window maxima, {@code [N, C, outH, outW]} (or {@code [C, outH, outW]}), of
   *     the input's dtype
   * @param indices INT32 of the output's shape: each maximum's flat position {@code h * W + w} in
   *     its input plane, as PyTorch's {@code return_indices=True}; -1 for a window lying wholly in
   *     the padding (whose maximum is -inf)
   */
  public record MaxPoolResult(Tensor output, Tensor indices) {}

  /**
   * Max pooling, as {@code torch.nn.functional.max_pool2d(input, kernel_size, stride, padding,
   * dilation, ceil_mode, return_indices=True)}: each output is its window's first maximum in scan
   * order (rows, then columns), or its last NaN when it holds one; padding counts as -inf.
   *
   * @param input {@code [N, C, H, W]} or {@code [C, H, W]}, FLOAT32 or FLOAT64, C, H and W non-zero
   * @param kernelSize the window's height and width, positive
   * @param stride the steps between windows, positive
   * @param padding the implicit -inf padding on each side, from 0 to half the kernel size
   * @param dilation the steps between a window's elements, positive
   * @param ceilMode whether a last partial window is kept (when it starts inside the input or its
   *     left padding)
   * @return the maxima and their indices
   * @throws IllegalArgumentException if the input's rank, sizes or dtype, or an argument, is wrong,
   *     or the output would be empty
   */
  public static MaxPoolResult maxPool2d(
      Tensor input,
      int[] kernelSize,
      int[] stride,
      int[] padding,
      int[] dilation,
      boolean ceilMode) {
    checkFloating(MAX, "input", input);
    PoolShape s =
        PoolShape.sliding(MAX, input.shape(), kernelSize, stride, padding, dilation, ceilMode);
    Shape outShape = s.output();
    int[] idx = new int[outShape.numel()];
    Tensor dense = DenseArrays.dense(input);
    Tensor output;
    if (input.dtype() == DType.FLOAT32) {
      float[] out = new float[idx.length];
      Pool2d.maxForward(s, DenseArrays.floats(dense), out, idx);
      output = DenseArrays.wrap(out, outShape.toArray());
    } else {
      double[] out = new double[idx.length];
      Pool2d.maxForward(s, DenseArrays.doubles(dense), out, idx);
      output = DenseArrays.wrap(out, outShape.toArray());
    }
    return new MaxPoolResult(output, FusedOps.bridge().wrap(idx, outShape.toArray()));
  }

  /**
   * Max pooling's backward pass: a zero tensor of the input's shape with each output gradient added
   * at its index, in output order, as PyTorch's {@code max_pool2d_with_indices_backward}.
   *
   * @param grad the gradient with respect to the output, FLOAT32 or FLOAT64
   * @param indices the indices {@link #maxPool2d} returned, INT32 of grad's shape
   * @param inputShape the shape of the pooled input
   * @return the gradient with respect to the input, of grad's dtype
   * @throws IllegalArgumentException if the shapes or dtypes do not fit together
   */
  public static Tensor maxPool2dBackward(Tensor grad, Tensor indices, Shape inputShape) {
    checkFloating(MAX, "gradient", grad);
    checkArgument(
        indices.dtype() == DType.INT32 && indices.shape().equals(grad.shape()),
        "%s: indices %s %s do not fit a gradient %s",
        MAX,
        indices.dtype(),
        indices.shape(),
        grad.shape());
    PoolShape s = PoolShape.scatter(MAX, inputShape, grad.shape());
    int[] idx = (int[]) FusedOps.bridge().array(DenseArrays.dense(indices));
    Tensor dense = DenseArrays.dense(grad);
    if (grad.dtype() == DType.FLOAT32) {
      float[] gradIn = new float[inputShape.numel()];
      Pool2d.maxBackward(s, DenseArrays.floats(dense), idx, gradIn);
      return DenseArrays.wrap(gradIn, inputShape.toArray());
    }
    double[] gradIn = new double[inputShape.numel()];
    Pool2d.maxBackward(s, DenseArrays.doubles(dense), idx, gradIn);
    return DenseArrays.wrap(gradIn, inputShape.toArray());
  }

  /**
   * Average pooling, as {@code torch.nn.functional.avg_pool2d(input, kernel_size, stride, padding,
   * ceil_mode, count_include_pad, divisor_override)}: each output is its window's sum, in scan
   * order from 0 in the input's precision, divided by {@code divisorOverride} when it is not 0,
   * else by the number of the window's elements that lie in the input, plus the padded ones when
   * {@code countIncludePad}; a ceil-mode window reaching past the right padding counts only up to
   * it.
   *
   * @param input {@code [N, C, H, W]} or {@code [C, H, W]}, FLOAT32 or FLOAT64, C, H and W non-zero
   * @param kernelSize the window's height and width, positive
   * @param stride the steps between windows, positive
   * @param padding the implicit zero padding on each side, from 0 to half the kernel size
   * @param ceilMode whether a last partial window is kept (when it starts inside the input or its
   *     left padding)
   * @param countIncludePad whether padded elements count in a window's size
   * @param divisorOverride the divisor of every window, or 0 for the window's size
   * @return the averages, of the input's dtype
   * @throws IllegalArgumentException if the input's rank, sizes or dtype, or an argument, is wrong,
   *     or the output would be empty
   */
  public static Tensor avgPool2d(
      Tensor input,
      int[] kernelSize,
      int[] stride,
      int[] padding,
      boolean ceilMode,
      boolean countIncludePad,
      int divisorOverride) {
    checkFloating(AVG, "input", input);
    PoolShape s = avgShape(input.shape(), kernelSize, stride, padding, ceilMode);
    Shape outShape = s.output();
    Tensor dense = DenseArrays.dense(input);
    if (input.dtype() == DType.FLOAT32) {
      float[] out = new float[outShape.numel()];
      Pool2d.avgForward(s, countIncludePad, divisorOverride, DenseArrays.floats(dense), out);
      return DenseArrays.wrap(out, outShape.toArray());
    }
    double[] out = new double[outShape.numel()];
    Pool2d.avgForward(s, countIncludePad, divisorOverride, DenseArrays.doubles(dense), out);
    return DenseArrays.wrap(out, outShape.toArray());
  }

  /**
   * Average pooling's backward pass: each output gradient divided by its window's divisor and added
   * to the window's input elements, in output order, as PyTorch's {@code avg_pool2d_backward}.
   *
   * @param grad the gradient with respect to the output, FLOAT32 or FLOAT64
   * @param inputShape the shape of the pooled input
   * @param kernelSize the forward pass's kernel size
   * @param stride the forward pass's stride
   * @param padding the forward pass's padding
   * @param ceilMode the forward pass's ceil mode
   * @param countIncludePad the forward pass's count_include_pad
   * @param divisorOverride the forward pass's divisor, or 0
   * @return the gradient with respect to the input, of grad's dtype
   * @throws IllegalArgumentException if an argument is wrong or grad has not the output's shape
   */
  public static Tensor avgPool2dBackward(
      Tensor grad,
      Shape inputShape,
      int[] kernelSize,
      int[] stride,
      int[] padding,
      boolean ceilMode,
      boolean countIncludePad,
      int divisorOverride) {
    checkFloating(AVG, "gradient", grad);
    PoolShape s = avgShape(inputShape, kernelSize, stride, padding, ceilMode);
    checkGradient(AVG, grad, s);
    Tensor dense = DenseArrays.dense(grad);
    if (grad.dtype() == DType.FLOAT32) {
      float[] gradIn = new float[inputShape.numel()];
      Pool2d.avgBackward(s, countIncludePad, divisorOverride, DenseArrays.floats(dense), gradIn);
      return DenseArrays.wrap(gradIn, inputShape.toArray());
    }
    double[] gradIn = new double[inputShape.numel()];
    Pool2d.avgBackward(s, countIncludePad, divisorOverride, DenseArrays.doubles(dense), gradIn);
    return DenseArrays.wrap(gradIn, inputShape.toArray());
  }

  /**
   * Adaptive average pooling, as {@code torch.nn.functional.adaptive_avg_pool2d(input, (outH,
   * outW))}: output {@code (i, j)} averages rows {@code [floor(i * H / outH), ceil((i + 1) * H /
   * outH))} and the columns found likewise, its sum in scan order from 0 in the input's precision,
   * divided by the window's height, then by its width.
   *
   * @param input {@code [N, C, H, W]} or {@code [C, H, W]}, FLOAT32 or FLOAT64, H and W non-zero
   * @param outH the output height, 0 or more
   * @param outW the output width, 0 or more
   * @return the averages, of the input's dtype
   * @throws IllegalArgumentException if the input's rank, sizes or dtype, or an output size, is
   *     wrong
   */
  public static Tensor adaptiveAvgPool2d(Tensor input, int outH, int outW) {
    checkFloating(ADAPTIVE, "input", input);
    PoolShape s = PoolShape.adaptive(input.shape(), outH, outW);
    Shape outShape = s.output();
    Tensor dense = DenseArrays.dense(input);
    if (input.dtype() == DType.FLOAT32) {
      float[] out = new float[outShape.numel()];
      Pool2d.adaptiveForward(s, DenseArrays.floats(dense), out);
      return DenseArrays.wrap(out, outShape.toArray());
    }
    double[] out = new double[outShape.numel()];
    Pool2d.adaptiveForward(s, DenseArrays.doubles(dense), out);
    return DenseArrays.wrap(out, outShape.toArray());
  }

  /**
   * Adaptive average pooling's backward pass: each output gradient divided by its window's height,
   * then by its width, and added to the window's input elements, in output order, as PyTorch's
   * {@code _adaptive_avg_pool2d_backward}.
   *
   * @param grad the gradient with respect to the output, FLOAT32 or FLOAT64
   * @param inputShape the shape of the pooled input
   * @return the gradient with respect to the input, of grad's dtype
   * @throws IllegalArgumentException if grad does not fit the input's shape
   */
  public static Tensor adaptiveAvgPool2dBackward(Tensor grad, Shape inputShape) {
    checkFloating(ADAPTIVE, "gradient", grad);
    int r = grad.shape().rank();
    checkArgument(
        r >= 2, "%s: a gradient %s does not fit an input %s", ADAPTIVE, grad.shape(), inputShape);
    PoolShape s =
        PoolShape.adaptive(inputShape, grad.shape().size(r - 2), grad.shape().size(r - 1));
    checkGradient(ADAPTIVE, grad, s);
    Tensor dense = DenseArrays.dense(grad);
    if (grad.dtype() == DType.FLOAT32) {
      float[] gradIn = new float[inputShape.numel()];
      Pool2d.adaptiveBackward(s, DenseArrays.floats(dense), gradIn);
      return DenseArrays.wrap(gradIn, inputShape.toArray());
    }
    double[] gradIn = new double[inputShape.numel()];
    Pool2d.adaptiveBackward(s, DenseArrays.doubles(dense), gradIn);
    return DenseArrays.wrap(gradIn, inputShape.toArray());
  }

  private static PoolShape avgShape(
      Shape input, int[] kernelSize, int[] stride, int[] padding, boolean ceilMode) {
    return PoolShape.sliding(AVG, input, kernelSize, stride, padding, new int[] {1, 1}, ceilMode);
  }

  private static void checkFloating(String op, String what, Tensor t) {
    checkArgument(
        t.dtype() == DType.FLOAT32 || t.dtype() == DType.FLOAT64,
        "%s: expected a FLOAT32 or FLOAT64 %s, got %s",
        op,
        what,
        t.dtype());
  }

  private static void checkGradient(String op, Tensor grad, PoolShape s) {
    checkArgument(
        grad.shape().equals(s.output()),
        "%s: a gradient %s does not fit an input %s, whose output is %s",
        op,
        grad.shape(),
        s.input(),
        s.output());
  }
}
