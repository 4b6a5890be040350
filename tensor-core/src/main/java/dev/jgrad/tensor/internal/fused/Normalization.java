package dev.jgrad.tensor.internal.fused;

import static com.google.common.base.Preconditions.checkArgument;

import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Tensor;
import dev.jgrad.tensor.internal.norm.BatchNormKernels;
import dev.jgrad.tensor.internal.norm.ChannelGeometry;

/**
 * Batch normalization's kernels for autograd's {@code batch_norm} op: the per-channel statistics of
 * a batch, the normalizing affine transform, and the backward pass, over an input {@code [N, C, *]}
 * of FLOAT32 or FLOAT64 (read densely; a view is copied first). Per-channel statistics ({@code
 * mean}, {@code invstd}) are FLOAT64 tensors {@code [C]} whatever the input's dtype; sums over a
 * channel are accumulated in double in a fixed order, and the work is split across threads by
 * channel, so every result is bit-identical for any thread count.
 *
 * <p><b>This class is not API</b>, like {@link FusedOps}: a door into the non-exported package
 * {@code dev.jgrad.tensor.internal.norm}, opened only to jgrad's own modules.
 */
public final class Normalization {
  private Normalization() {}

  /**
   * Returns the per-channel statistics of a training batch, taken over the {@code count = N · ∏
   * spatial} values of each channel: {@code mean = Σx / count}, {@code invstd = 1 / √(Σ(x − mean)²
   * / count + eps)} (the biased variance), and the unbiased variance {@code Σ(x − mean)² / (count −
   * 1)} for a running estimate (infinite or NaN when count is 1).
   *
   * @param input the batch {@code [N, C, *]}, FLOAT32 or FLOAT64, with at least one value per
   *     channel
   * @param eps the value added to the variance before the square root
   * @return {@code {mean, invstd, unbiasedVariance}}, new FLOAT64 tensors {@code [C]}
   * @throws IllegalArgumentException if the input is not floating, has fewer than 2 dimensions, or
   *     has no value in some channel
   */
  public static Tensor[] batchStatistics(Tensor input, double eps) {
    ChannelGeometry g = geometry("batchStatistics", input);
    checkArgument(
        g.perChannel() > 0,
        "Normalization.batchStatistics: input %s has no values per channel",
        input.shape());
    int channels = g.channels();
    double[] mean = new double[channels];
    double[] squares = new double[channels];
    Tensor x = DenseArrays.dense(input);
    if (x.dtype() == DType.FLOAT32) {
      BatchNormKernels.moments(DenseArrays.floats(x), g, mean, squares);
    } else {
      BatchNormKernels.moments(DenseArrays.doubles(x), g, mean, squares);
    }
    double count = g.perChannel();
    double[] invstd = new double[channels];
    double[] unbiased = new double[channels];
    for (int c = 0; c < channels; c++) {
      invstd[c] = 1 / Math.sqrt(squares[c] / count + eps);
      unbiased[c] = squares[c] / (count - 1);
    }
    return new Tensor[] {
      DenseArrays.wrap(mean, channels),
      DenseArrays.wrap(invstd, channels),
      DenseArrays.wrap(unbiased, channels)
    };
  }

  /**
   * Returns {@code 1 / √(variance + eps)} element by element, in double.
   *
   * @param variance a 1-D tensor of variances, for example a running variance
   * @param eps the value added before the square root
   * @return a new FLOAT64 tensor of the variance's length
   * @throws IllegalArgumentException if {@code variance} is not 1-D
   */
  public static Tensor inverseStd(Tensor variance, double eps) {
    checkArgument(
        variance.dim() == 1,
        "Normalization.inverseStd: expected a 1-D variance, got %s",
        variance.shape());
    double[] v = variance.toDoubleArray();
    for (int c = 0; c < v.length; c++) {
      v[c] = 1 / Math.sqrt(v[c] + eps);
    }
    return DenseArrays.wrap(v, v.length);
  }

  /**
   * Returns {@code y = (x − mean[c]) · invstd[c] · weight[c] + bias[c]}, computed as PyTorch does
   * as {@code x · α[c] + β[c]} with {@code α = invstd · weight} and {@code β = bias − mean · α}
   * (rounded to float for a FLOAT32 input).
   *
   * @param input the batch {@code [N, C, *]}, FLOAT32 or FLOAT64
   * @param mean the per-channel mean, {@code [C]}
   * @param invstd the per-channel inverse standard deviation, {@code [C]}
   * @param weight the per-channel scale {@code [C]}, or null for 1
   * @param bias the per-channel shift {@code [C]}, or null for 0
   * @return a new dense tensor of the input's shape and dtype
   * @throws IllegalArgumentException if a per-channel tensor's length is not C
   */
  public static Tensor batchNormForward(
      Tensor input, Tensor mean, Tensor invstd, Tensor weight, Tensor bias) {
    ChannelGeometry g = geometry("batchNormForward", input);
    double[] mu = perChannel("mean", mean, g);
    double[] inv = perChannel("invstd", invstd, g);
    double[] w = weight == null ? null : perChannel("weight", weight, g);
    double[] b = bias == null ? null : perChannel("bias", bias, g);
    double[] scale = new double[g.channels()];
    double[] shift = new double[g.channels()];
    for (int c = 0; c < scale.length; c++) {
      scale[c] = w == null ? inv[c] : inv[c] * w[c];
      shift[c] = (b == null ? 0 : b[c]) - mu[c] * scale[c];
    }
    Tensor x = DenseArrays.dense(input);
    int[] shape = input.shape().toArray();
    if (x.dtype() == DType.FLOAT32) {
      float[] y = new float[input.numel()];
      BatchNormKernels.affine(DenseArrays.floats(x), y, g, scale, shift);
      return DenseArrays.wrap(y, shape);
    }
    double[] y = new double[input.numel()];
    BatchNormKernels.affine(DenseArrays.doubles(x), y, g, scale, shift);
    return DenseArrays.wrap(y, shape);
  }

  /**
   * Returns the gradients of {@link #batchNormForward} given the gradient of its output, with
   * {@code x̂ = (x − mean) · invstd}, {@code count = N · ∏ spatial} and the sums over a channel:
   *
   * <pre>
   * training: dx = (dy − Σdy / count − (x − mean) · Σ(dy · (x − mean)) · invstd² / count)
   *                · invstd · weight           (mean and invstd are the batch's own)
   * eval:     dx = dy · invstd · weight         (mean and invstd are constants)
   * both:     dweight = Σ(dy · (x − mean)) · invstd;  dbias = Σdy
   * </pre>
   *
   * @param grad the gradient of the output, of the input's shape and dtype
   * @param input the input of the forward pass
   * @param mean the mean the forward pass subtracted, {@code [C]}
   * @param invstd the inverse standard deviation it multiplied by, {@code [C]}
   * @param weight the per-channel scale, or null for 1
   * @param training whether mean and invstd were the batch's statistics (and so depend on x)
   * @param inputGrad whether to compute the input's gradient
   * @param paramGrads whether to compute the weight's and bias's gradients
   * @return {@code {dx, dweight, dbias}}, new tensors of the input's dtype, null where not asked
   * @throws IllegalArgumentException if the shapes or dtypes of grad and input differ
   */
  public static Tensor[] batchNormBackward(
      Tensor grad,
      Tensor input,
      Tensor mean,
      Tensor invstd,
      Tensor weight,
      boolean training,
      boolean inputGrad,
      boolean paramGrads) {
    ChannelGeometry g = geometry("batchNormBackward", input);
    checkArgument(
        grad.shape().equals(input.shape()) && grad.dtype() == input.dtype(),
        "Normalization.batchNormBackward: gradient %s %s differs from input %s %s",
        grad.dtype(),
        grad.shape(),
        input.dtype(),
        input.shape());
    int channels = g.channels();
    double[] mu = perChannel("mean", mean, g);
    double[] inv = perChannel("invstd", invstd, g);
    double[] w = weight == null ? null : perChannel("weight", weight, g);
    boolean f32 = input.dtype() == DType.FLOAT32;
    Tensor dy = DenseArrays.dense(grad);
    Tensor x = DenseArrays.dense(input);
    double[] sumDy = new double[channels];
    double[] dot = new double[channels];
    if (paramGrads || (training && inputGrad)) {
      if (f32) {
        BatchNormKernels.gradSums(DenseArrays.floats(dy), DenseArrays.floats(x), g, mu, sumDy, dot);
      } else {
        BatchNormKernels.gradSums(
            DenseArrays.doubles(dy), DenseArrays.doubles(x), g, mu, sumDy, dot);
      }
    }
    Tensor[] out = new Tensor[3];
    if (inputGrad) {
      out[0] = gradInput(dy, x, g, mu, inv, w, sumDy, dot, training);
    }
    if (paramGrads) {
      double[] dw = new double[channels];
      for (int c = 0; c < channels; c++) {
        dw[c] = dot[c] * inv[c];
      }
      out[1] = DenseArrays.wrap(dw, channels).to(input.dtype());
      out[2] = DenseArrays.wrap(sumDy, channels).to(input.dtype());
    }
    return out;
  }

  private static Tensor gradInput(
      Tensor dy,
      Tensor x,
      ChannelGeometry g,
      double[] mu,
      double[] inv,
      double[] w,
      double[] sumDy,
      double[] dot,
      boolean training) {
    int channels = g.channels();
    double count = g.perChannel();
    double[] scale = new double[channels];
    double[] gradMean = new double[channels];
    double[] k = new double[channels];
    for (int c = 0; c < channels; c++) {
      scale[c] = w == null ? inv[c] : inv[c] * w[c];
      gradMean[c] = sumDy[c] / count;
      k[c] = dot[c] * inv[c] * inv[c] / count;
    }
    int[] shape = x.shape().toArray();
    if (x.dtype() == DType.FLOAT32) {
      float[] dx = new float[x.numel()];
      if (training) {
        BatchNormKernels.gradInputTraining(
            DenseArrays.floats(dy), DenseArrays.floats(x), dx, g, mu, gradMean, k, scale);
      } else {
        BatchNormKernels.gradInputEval(DenseArrays.floats(dy), dx, g, scale);
      }
      return DenseArrays.wrap(dx, shape);
    }
    double[] dx = new double[x.numel()];
    if (training) {
      BatchNormKernels.gradInputTraining(
          DenseArrays.doubles(dy), DenseArrays.doubles(x), dx, g, mu, gradMean, k, scale);
    } else {
      BatchNormKernels.gradInputEval(DenseArrays.doubles(dy), dx, g, scale);
    }
    return DenseArrays.wrap(dx, shape);
  }

  private static ChannelGeometry geometry(String method, Tensor input) {
    checkArgument(
        input.dim() >= 2 && input.dtype().isFloatingPoint(),
        "Normalization.%s: expected a floating input [N, C, *], got %s %s",
        method,
        input.dtype(),
        input.shape());
    int spatial = 1;
    for (int d = 2; d < input.dim(); d++) {
      spatial *= input.size(d);
    }
    return new ChannelGeometry(input.size(0), input.size(1), spatial);
  }

  private static double[] perChannel(String name, Tensor t, ChannelGeometry g) {
    checkArgument(
        t.dim() == 1 && t.size(0) == g.channels(),
        "Normalization: %s %s should have %s elements, one per channel",
        name,
        t.shape(),
        g.channels());
    return t.toDoubleArray();
  }
}
