package dev.jgrad.tensor.internal.fused;

import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import dev.jgrad.tensor.internal.conv.ConvShape;
import dev.jgrad.tensor.internal.conv.ConvolutionF32;
import dev.jgrad.tensor.internal.conv.ConvolutionF64;
import java.util.Arrays;

/**
 * 2-D convolution over NCHW tensors in FLOAT32 or FLOAT64, as {@code torch.nn.functional.conv2d}:
 * the forward pass and the gradients with respect to the input, the weight and the bias, computed
 * by the kernels of {@code dev.jgrad.tensor.internal.conv} (their Javadoc states the summation
 * order). Results are new dense tensors, bit-identical for any thread count and with or without the
 * SIMD kernels.
 *
 * <p><b>This class is not API</b>, like {@link FusedOps}: it is public only so that jgrad's
 * autograd can call it.
 */
public final class Convolution {
  private static final String OP = "conv2d";

  private Convolution() {}

  /**
   * The options of a convolution, PyTorch's {@code stride}, {@code padding}, {@code dilation} and
   * {@code groups}, with the padding given per side.
   *
   * @param strideHeight the step between output rows, at least 1
   * @param strideWidth the step between output columns, at least 1
   * @param padTop zero rows above the input, at least 0
   * @param padBottom zero rows below the input, at least 0
   * @param padLeft zero columns left of the input, at least 0
   * @param padRight zero columns right of the input, at least 0
   * @param dilationHeight the distance between kernel rows, at least 1
   * @param dilationWidth the distance between kernel columns, at least 1
   * @param groups the number of channel groups, at least 1
   */
  public record Options(
      int strideHeight,
      int strideWidth,
      int padTop,
      int padBottom,
      int padLeft,
      int padRight,
      int dilationHeight,
      int dilationWidth,
      int groups) {

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if a stride, dilation or the groups are below 1, or a
     *     padding is negative
     */
    public Options {
      check(
          strideHeight >= 1 && strideWidth >= 1,
          "stride must be at least 1, got [%s, %s]",
          strideHeight,
          strideWidth);
      check(
          padTop >= 0 && padBottom >= 0 && padLeft >= 0 && padRight >= 0,
          "padding must be at least 0, got [top %s, bottom %s, left %s, right %s]",
          padTop,
          padBottom,
          padLeft,
          padRight);
      check(
          dilationHeight >= 1 && dilationWidth >= 1,
          "dilation must be at least 1, got [%s, %s]",
          dilationHeight,
          dilationWidth);
      check(groups >= 1, "groups must be at least 1, got %s", groups);
    }
  }

  /**
   * Returns the convolution of {@code input} with {@code weight}, plus {@code bias}: {@code out[n,
   * oc, oh, ow] = bias[oc] + Σ input[n, g·C/groups + ic, oh·stride + kh·dilation - pad, ow·stride +
   * kw·dilation - pad] · weight[oc, ic, kh, kw]}, summed over ic, kh, kw, with g the group of oc
   * and zeros outside the input.
   *
   * @param input {@code [N, C, H, W]}, FLOAT32 or FLOAT64, any layout
   * @param weight {@code [OC, C/groups, kh, kw]}, of the input's dtype
   * @param bias {@code [OC]} of the input's dtype, or null
   * @param options the strides, paddings, dilations and groups
   * @return a new dense tensor {@code [N, OC, OH, OW]}
   * @throws IllegalArgumentException if the ranks, dtypes, channel counts or bias size do not
   *     match, or the padded input is smaller than the dilated kernel
   */
  public static Tensor forward(Tensor input, Tensor weight, Tensor bias, Options options) {
    ConvShape s = shape(input, weight, bias, options);
    int[] out = {s.batch(), s.outChannels(), s.outHeight(), s.outWidth()};
    Tensor x = DenseArrays.dense(input);
    Tensor w = DenseArrays.dense(weight);
    Tensor b = bias == null ? null : DenseArrays.dense(bias);
    int size = Shape.of(out).numel();
    if (input.dtype() == DType.FLOAT32) {
      float[] y = new float[size];
      ConvolutionF32.forward(
          s,
          DenseArrays.floats(x),
          DenseArrays.floats(w),
          b == null ? null : DenseArrays.floats(b),
          y);
      return DenseArrays.wrap(y, out);
    }
    double[] y = new double[size];
    ConvolutionF64.forward(
        s,
        DenseArrays.doubles(x),
        DenseArrays.doubles(w),
        b == null ? null : DenseArrays.doubles(b),
        y);
    return DenseArrays.wrap(y, out);
  }

  /**
   * Returns the gradient of a convolution's result with respect to its input.
   *
   * @param grad the gradient with respect to the result, {@code [N, OC, OH, OW]}
   * @param weight the weight the forward pass used
   * @param inputShape the shape of the forward pass's input
   * @param options the forward pass's options
   * @return a new dense tensor of the input's shape
   * @throws IllegalArgumentException if the shapes do not belong to one convolution
   */
  public static Tensor inputGradient(
      Tensor grad, Tensor weight, Shape inputShape, Options options) {
    ConvShape s = shape(inputShape.toArray(), weight, options);
    checkGradient(grad, s);
    Tensor g = DenseArrays.dense(grad);
    Tensor w = DenseArrays.dense(weight);
    int[] in = inputShape.toArray();
    if (grad.dtype() == DType.FLOAT32) {
      float[] dx = new float[inputShape.numel()];
      ConvolutionF32.inputGradient(s, DenseArrays.floats(g), DenseArrays.floats(w), dx);
      return DenseArrays.wrap(dx, in);
    }
    double[] dx = new double[inputShape.numel()];
    ConvolutionF64.inputGradient(s, DenseArrays.doubles(g), DenseArrays.doubles(w), dx);
    return DenseArrays.wrap(dx, in);
  }

  /**
   * Returns the gradient of a convolution's result with respect to its weight.
   *
   * @param grad the gradient with respect to the result, {@code [N, OC, OH, OW]}
   * @param input the input the forward pass used
   * @param weightShape the shape of the forward pass's weight
   * @param options the forward pass's options
   * @return a new dense tensor of the weight's shape
   * @throws IllegalArgumentException if the shapes do not belong to one convolution
   */
  public static Tensor weightGradient(
      Tensor grad, Tensor input, Shape weightShape, Options options) {
    ConvShape s = shape(input.shape().toArray(), weightShape.toArray(), options);
    checkGradient(grad, s);
    Tensor g = DenseArrays.dense(grad);
    Tensor x = DenseArrays.dense(input);
    int[] ws = weightShape.toArray();
    if (grad.dtype() == DType.FLOAT32) {
      float[] dw = new float[weightShape.numel()];
      ConvolutionF32.weightGradient(s, DenseArrays.floats(g), DenseArrays.floats(x), dw);
      return DenseArrays.wrap(dw, ws);
    }
    double[] dw = new double[weightShape.numel()];
    ConvolutionF64.weightGradient(s, DenseArrays.doubles(g), DenseArrays.doubles(x), dw);
    return DenseArrays.wrap(dw, ws);
  }

  /**
   * Returns the gradient of a convolution's result with respect to its bias: the sum of {@code
   * grad} over the images and positions of each channel.
   *
   * @param grad the gradient with respect to the result, {@code [N, OC, OH, OW]}
   * @return a new tensor {@code [OC]}
   * @throws IllegalArgumentException if {@code grad} is not a 4-D floating tensor
   */
  public static Tensor biasGradient(Tensor grad) {
    check(
        grad.dim() == 4 && grad.dtype().isFloatingPoint(),
        "expected a 4-D floating gradient, got %s %s",
        grad.dtype(),
        grad.shape());
    Tensor g = DenseArrays.dense(grad);
    int batch = grad.size(0);
    int channels = grad.size(1);
    int positions = grad.size(2) * grad.size(3);
    if (grad.dtype() == DType.FLOAT32) {
      float[] db = new float[channels];
      ConvolutionF32.biasGradient(DenseArrays.floats(g), batch, channels, positions, db);
      return DenseArrays.wrap(db, channels);
    }
    double[] db = new double[channels];
    ConvolutionF64.biasGradient(DenseArrays.doubles(g), batch, channels, positions, db);
    return DenseArrays.wrap(db, channels);
  }

  /** Checks the operands of a forward pass and returns its shape. */
  static ConvShape shape(Tensor input, Tensor weight, Tensor bias, Options o) {
    DType dtype = input.dtype();
    check(
        dtype == DType.FLOAT32 || dtype == DType.FLOAT64,
        "expected a FLOAT32 or FLOAT64 input, got %s",
        dtype);
    check(
        weight.dtype() == dtype,
        "input is %s but weight is %s; convert one of them with to(...)",
        dtype,
        weight.dtype());
    ConvShape s = shape(input.shape().toArray(), weight, o);
    if (bias != null) {
      check(
          bias.dtype() == dtype,
          "input is %s but bias is %s; convert one of them with to(...)",
          dtype,
          bias.dtype());
      check(
          bias.dim() == 1 && bias.size(0) == s.outChannels(),
          "bias %s must be 1-D with %s elements, one per output channel of weight %s",
          bias.shape(),
          s.outChannels(),
          weight.shape());
    }
    return s;
  }

  private static ConvShape shape(int[] input, Tensor weight, Options o) {
    return shape(input, weight.shape().toArray(), o);
  }

  /**
   * Checks an input shape, a weight shape and options against each other and returns the
   * convolution's shape.
   */
  private static ConvShape shape(int[] in, int[] w, Options o) {
    check(in.length == 4, "expected a 4-D input [N, C, H, W], got %s", Arrays.toString(in));
    check(
        w.length == 4,
        "expected a 4-D weight [out_channels, in_channels / groups, kh, kw], got %s",
        Arrays.toString(w));
    check(
        w[0] >= 1 && w[1] >= 1 && w[2] >= 1 && w[3] >= 1,
        "weight %s must have positive sizes",
        Arrays.toString(w));
    check(
        in[1] >= 1 && in[2] >= 1 && in[3] >= 1,
        "input %s must have positive channels, height and width",
        Arrays.toString(in));
    int groups = o.groups();
    check(
        w[0] % groups == 0,
        "weight %s has %s output channels, not divisible by groups %s",
        Arrays.toString(w),
        w[0],
        groups);
    check(
        in[1] == w[1] * groups,
        "input %s has %s channels, weight %s expects %s (groups %s)",
        Arrays.toString(in),
        in[1],
        Arrays.toString(w),
        (long) w[1] * groups,
        groups);
    long reachH = (long) o.dilationHeight() * (w[2] - 1) + 1;
    long reachW = (long) o.dilationWidth() * (w[3] - 1) + 1;
    long paddedH = (long) in[2] + o.padTop() + o.padBottom();
    long paddedW = (long) in[3] + o.padLeft() + o.padRight();
    check(
        paddedH >= reachH && paddedW >= reachW,
        "padded input %sx%s of input %s is smaller than the dilated kernel %sx%s of weight %s",
        paddedH,
        paddedW,
        Arrays.toString(in),
        reachH,
        reachW,
        Arrays.toString(w));
    ConvShape s =
        new ConvShape(
            in[0],
            in[1],
            in[2],
            in[3],
            w[0],
            w[2],
            w[3],
            o.strideHeight(),
            o.strideWidth(),
            o.padTop(),
            o.padBottom(),
            o.padLeft(),
            o.padRight(),
            o.dilationHeight(),
            o.dilationWidth(),
            groups);
    check(
        (long) s.batch() * s.outChannels() * s.outHeight() * s.outWidth() <= Integer.MAX_VALUE
            && paddedH * paddedW * in[1] <= Integer.MAX_VALUE / 2
            && (long) s.patch() * s.positions() <= Integer.MAX_VALUE,
        "input %s with weight %s is too large for int-indexed arrays",
        Arrays.toString(in),
        Arrays.toString(w));
    return s;
  }

  static void checkGradient(Tensor grad, ConvShape s) {
    int[] expected = {s.batch(), s.outChannels(), s.outHeight(), s.outWidth()};
    check(
        Arrays.equals(grad.shape().toArray(), expected),
        "gradient %s does not match the result's shape %s",
        grad.shape(),
        Arrays.toString(expected));
    check(
        grad.dtype() == DType.FLOAT32 || grad.dtype() == DType.FLOAT64,
        "expected a FLOAT32 or FLOAT64 gradient, got %s",
        grad.dtype());
  }

  private static void check(boolean condition, String template, Object... args) {
    if (!condition) {
      throw new IllegalArgumentException(OP + ": " + String.format(template, args));
    }
  }
}
