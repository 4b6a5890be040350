package dev.jgrad.tensor.internal.fused;

import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import dev.jgrad.tensor.internal.conv.ConvShape;
import dev.jgrad.tensor.internal.conv.ConvolutionF32;
import dev.jgrad.tensor.internal.conv.ConvolutionF64;
import dev.jgrad.tensor.internal.pool.Pool2d;
import dev.jgrad.tensor.internal.pool.PoolShape;

/**
 * A convolution, a relu and a max pooling as one operation, {@code max_pool2d(relu(conv2d(x, w,
 * b)))}, with the same results, bit for bit, as the three run one after the other through {@link
 * Convolution}, {@link Tensor#relu()} and {@link Pooling}, and without materializing the
 * convolution's or the relu's full-size result or gradient as tensors.
 *
 * <p>The convolution writes into a scratch array kept per thread and reused from call to call, and
 * each image goes through the relu and the pooling as soon as its convolution is complete, while it
 * is in cache, on the thread that computed it. The backward pass scatters the pooled gradient to
 * the argmax positions of the scratch, zeroed plane by plane, where relu lets it through (every
 * position a window sends its gradient to holds that window's result, so relu's backward selects by
 * the pooled result), and runs the convolution's input, weight and bias gradients on it.
 *
 * <p><b>This class is not API</b>, like {@link FusedOps}: it is the door of jgrad's own autograd op
 * and may change in any release.
 */
public final class FusedConvPool {
  private static final String OP = "conv2d_relu_max_pool2d";
  private static final ThreadLocal<Object[]> SCRATCH = ThreadLocal.withInitial(() -> new Object[2]);

  private FusedConvPool() {}

  /**
   * The max pooling's parameters, as {@link Pooling#maxPool2d} takes them.
   *
   * @param kernelSize the window's height and width
   * @param stride the steps between windows
   * @param padding the implicit padding on each side
   * @param dilation the spacing of a window's elements
   * @param ceilMode whether a last partial window is kept
   */
  public record PoolOptions(
      int[] kernelSize, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {}

  /**
   * The result of a forward pass.
   *
   * @param output the pooled result, {@code [N, C_out, H_pool, W_pool]}
   * @param indices INT32, each output's argmax position in its {@code H_conv x W_conv} plane
   */
  public record Result(Tensor output, Tensor indices) {}

  /**
   * Returns {@code max_pool2d(relu(conv2d(input, weight, bias)))} and the pooling's argmax indices.
   *
   * @param input {@code [N, C_in, H, W]}, FLOAT32 or FLOAT64
   * @param weight {@code [C_out, C_in / groups, kh, kw]}, of the input's dtype
   * @param bias {@code [C_out]} or null
   * @param conv the convolution's options
   * @param pool the pooling's options
   * @return the pooled result and its indices
   * @throws IllegalArgumentException if the shapes, dtypes or options do not fit
   */
  public static Result forward(
      Tensor input, Tensor weight, Tensor bias, Convolution.Options conv, PoolOptions pool) {
    ConvShape s = Convolution.shape(input, weight, bias, conv);
    PoolShape p = poolShape(s, pool);
    Tensor x = DenseArrays.dense(input);
    Tensor w = DenseArrays.dense(weight);
    Tensor b = bias == null ? null : DenseArrays.dense(bias);
    int n = convolved(s);
    int[] outShape = p.output().toArray();
    int[] idx = new int[p.output().numel()];
    int planes = s.outChannels();
    int perImage = planes * planeSize(s);
    Tensor output;
    if (input.dtype() == DType.FLOAT32) {
      float[] y = floatScratch(n);
      float[] out = new float[idx.length];
      ConvolutionF32.forward(
          s,
          DenseArrays.floats(x),
          DenseArrays.floats(w),
          b == null ? null : DenseArrays.floats(b),
          y,
          image ->
              Pool2d.reluMaxForwardPlanes(p, y, out, idx, image * planes, (image + 1) * planes));
      output = DenseArrays.wrap(out, outShape);
    } else {
      double[] y = doubleScratch(n);
      double[] out = new double[idx.length];
      ConvolutionF64.forward(
          s,
          DenseArrays.doubles(x),
          DenseArrays.doubles(w),
          b == null ? null : DenseArrays.doubles(b),
          y,
          image ->
              Pool2d.reluMaxForwardPlanes(p, y, out, idx, image * planes, (image + 1) * planes));
      output = DenseArrays.wrap(out, outShape);
    }
    return new Result(output, FusedOps.bridge().wrap(idx, outShape));
  }

  /**
   * Returns the gradients of a forward pass with respect to the input, the weight and the bias,
   * each only where asked for (null elsewhere).
   *
   * @param grad the gradient with respect to the pooled result
   * @param result the forward pass's result
   * @param input the forward pass's input
   * @param weight the forward pass's weight
   * @param conv the convolution's options
   * @param pool the pooling's options
   * @param needs which of input, weight and bias need a gradient (bias only when there is one)
   * @return the three gradients, null where not needed
   * @throws IllegalArgumentException if the gradient does not fit the result
   */
  public static Tensor[] backward(
      Tensor grad,
      Result result,
      Tensor input,
      Tensor weight,
      Convolution.Options conv,
      PoolOptions pool,
      boolean[] needs) {
    ConvShape s = Convolution.shape(input, weight, null, conv);
    PoolShape p = poolShape(s, pool);
    if (!grad.shape().equals(p.output()) || grad.dtype() != input.dtype()) {
      throw new IllegalArgumentException(
          String.format(
              "%s: gradient %s %s does not fit the result %s %s",
              OP, grad.dtype(), grad.shape(), input.dtype(), p.output()));
    }
    Tensor g = DenseArrays.dense(grad);
    Tensor r = DenseArrays.dense(result.output());
    int[] idx = (int[]) FusedOps.bridge().array(DenseArrays.dense(result.indices()));
    Tensor w = DenseArrays.dense(weight);
    int n = convolved(s);
    Tensor[] grads = new Tensor[needs.length];
    if (input.dtype() == DType.FLOAT32) {
      float[] gy = floatScratch(n);
      Pool2d.maxBackwardThroughRelu(p, DenseArrays.floats(g), DenseArrays.floats(r), idx, gy);
      float[] wf = DenseArrays.floats(w);
      if (needs[0]) {
        float[] dx = new float[input.numel()];
        ConvolutionF32.inputGradient(s, gy, wf, dx);
        grads[0] = DenseArrays.wrap(dx, input.shape().toArray());
      }
      if (needs[1]) {
        float[] dw = new float[weight.numel()];
        ConvolutionF32.weightGradient(s, gy, DenseArrays.floats(DenseArrays.dense(input)), dw);
        grads[1] = DenseArrays.wrap(dw, weight.shape().toArray());
      }
      if (needs.length > 2 && needs[2]) {
        float[] db = new float[s.outChannels()];
        ConvolutionF32.biasGradient(gy, s.batch(), s.outChannels(), planeSize(s), db);
        grads[2] = DenseArrays.wrap(db, s.outChannels());
      }
    } else {
      double[] gy = doubleScratch(n);
      Pool2d.maxBackwardThroughRelu(p, DenseArrays.doubles(g), DenseArrays.doubles(r), idx, gy);
      double[] wd = DenseArrays.doubles(w);
      if (needs[0]) {
        double[] dx = new double[input.numel()];
        ConvolutionF64.inputGradient(s, gy, wd, dx);
        grads[0] = DenseArrays.wrap(dx, input.shape().toArray());
      }
      if (needs[1]) {
        double[] dw = new double[weight.numel()];
        ConvolutionF64.weightGradient(s, gy, DenseArrays.doubles(DenseArrays.dense(input)), dw);
        grads[1] = DenseArrays.wrap(dw, weight.shape().toArray());
      }
      if (needs.length > 2 && needs[2]) {
        double[] db = new double[s.outChannels()];
        ConvolutionF64.biasGradient(gy, s.batch(), s.outChannels(), planeSize(s), db);
        grads[2] = DenseArrays.wrap(db, s.outChannels());
      }
    }
    return grads;
  }

  /**
   * Returns the shape of the convolution's result, before the relu and the pooling.
   *
   * @param input the forward pass's input
   * @param weight the forward pass's weight
   * @param conv the convolution's options
   * @return {@code [N, C_out, H_conv, W_conv]}
   * @throws IllegalArgumentException if the shapes, dtypes or options do not fit
   */
  public static Shape convolvedShape(Tensor input, Tensor weight, Convolution.Options conv) {
    ConvShape s = Convolution.shape(input, weight, null, conv);
    return Shape.of(s.batch(), s.outChannels(), s.outHeight(), s.outWidth());
  }

  private static PoolShape poolShape(ConvShape s, PoolOptions pool) {
    Shape convolved = Shape.of(s.batch(), s.outChannels(), s.outHeight(), s.outWidth());
    return PoolShape.sliding(
        "max_pool2d",
        convolved,
        pool.kernelSize(),
        pool.stride(),
        pool.padding(),
        pool.dilation(),
        pool.ceilMode());
  }

  private static int convolved(ConvShape s) {
    return s.batch() * s.outChannels() * planeSize(s);
  }

  private static int planeSize(ConvShape s) {
    return s.outHeight() * s.outWidth();
  }

  private static float[] floatScratch(int n) {
    Object[] held = SCRATCH.get();
    if (!(held[0] instanceof float[] a) || a.length < n) {
      held[0] = new float[n];
    }
    return (float[]) held[0];
  }

  private static double[] doubleScratch(int n) {
    Object[] held = SCRATCH.get();
    if (!(held[1] instanceof double[] a) || a.length < n) {
      held[1] = new double[n];
    }
    return (double[]) held[1];
  }
}
