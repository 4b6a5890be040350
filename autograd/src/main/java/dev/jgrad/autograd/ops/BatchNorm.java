package dev.jgrad.autograd.ops;

import static com.google.common.base.Preconditions.checkArgument;

import dev.jgrad.autograd.Function;
import dev.jgrad.autograd.NoGrad;
import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import dev.jgrad.tensor.internal.fused.Normalization;
import java.util.Arrays;

/**
 * {@code batch_norm}: {@code result = (input - mean) * invstd * weight + bias} per channel (dim 1)
 * of an input {@code [N, C, *]}, applied to (input) or (input, weight, bias). In training mode
 * {@code mean} and {@code invstd = 1 / sqrt(var + eps)} are the batch's, with the biased variance
 * over the {@code N * prod(spatial)} values of each channel, and the running statistics, if given,
 * are updated in place as PyTorch does: {@code running = (1 - momentum) * running + momentum *
 * stat}, with the unbiased variance for {@code running_var}. In evaluation mode they are the
 * running statistics, constants. A fused primitive: the statistics, the transform and the three
 * gradients run in the per-channel kernels of {@link Normalization}, bit-identical for any thread
 * count. With {@code xhat = (input - mean) * invstd} and sums and means over every dimension but
 * the channel's:
 *
 * <pre>
 * input: batch_norm_backward(grad, input, weight, mean, invstd, training)
 *        = training ? (grad - grad.mean() - xhat * (grad * xhat).mean()) * invstd * weight
 *        : grad * invstd * weight
 * weight: (grad * xhat).sum()
 * bias: grad.sum()
 * </pre>
 */
public final class BatchNorm extends Function {
  private final Tensor runningMean;
  private final Tensor runningVar;
  private final boolean training;
  private final double momentum;
  private final double eps;
  private boolean affine;
  private Shape inputShape;
  private DType dtype;
  private boolean empty;

  private BatchNorm(
      Tensor runningMean, Tensor runningVar, boolean training, double momentum, double eps) {
    checkArgument(
        (runningMean == null) == (runningVar == null),
        "batch_norm: give both running_mean and running_var, or neither");
    this.runningMean = runningMean;
    this.runningVar = runningVar;
    this.training = training;
    this.momentum = momentum;
    this.eps = eps;
  }

  /**
   * Returns the op normalizing with the batch's statistics, as {@code F.batch_norm(...,
   * training=True)}.
   *
   * @param runningMean the running mean {@code [C]}, updated in place; null for none
   * @param runningVar the running variance {@code [C]}, updated in place; null exactly when
   *     runningMean is
   * @param momentum the weight of the batch's statistic in the running update
   * @param eps the value added to the variance before the square root
   * @return a new op
   * @throws IllegalArgumentException if only one running statistic is given
   */
  public static BatchNorm training(
      Tensor runningMean, Tensor runningVar, double momentum, double eps) {
    return new BatchNorm(runningMean, runningVar, true, momentum, eps);
  }

  /**
   * Returns the op normalizing with the running statistics, as {@code F.batch_norm(...,
   * training=False)}.
   *
   * @param runningMean the running mean {@code [C]}, only read
   * @param runningVar the running variance {@code [C]}, only read
   * @param eps the value added to the variance before the square root
   * @return a new op
   * @throws IllegalArgumentException if a running statistic is null
   */
  public static BatchNorm evaluation(Tensor runningMean, Tensor runningVar, double eps) {
    checkArgument(
        runningMean != null, "batch_norm: running_mean must be defined in evaluation mode");
    checkArgument(runningVar != null, "batch_norm: running_var must be defined in evaluation mode");
    return new BatchNorm(runningMean, runningVar, false, 0, eps);
  }

  @Override
  public String name() {
    return "batch_norm";
  }

  @Override
  protected Tensor forward(Tensor... in) {
    Tensor x = in[0];
    affine = in.length == 3;
    check(x, in);
    inputShape = x.shape();
    dtype = x.dtype();
    Tensor weight = affine ? in[1] : null;
    if (x.numel() == 0) {
      empty = true;
      return Tensor.zeros(inputShape, dtype);
    }
    Tensor mean;
    Tensor invstd;
    if (training) {
      Tensor[] stats = Normalization.batchStatistics(x, eps);
      mean = stats[0];
      invstd = stats[1];
      if (runningMean != null) {
        update(runningMean, mean);
        update(runningVar, stats[2]);
      }
    } else {
      mean = Tensor.of(runningMean.toDoubleArray(), runningMean.numel());
      invstd = Normalization.inverseStd(runningVar, eps);
    }
    if (affine) {
      saveForBackward(x, mean, invstd, weight);
    } else {
      saveForBackward(x, mean, invstd);
    }
    return Normalization.batchNormForward(x, mean, invstd, weight, affine ? in[2] : null);
  }

  /** Sets {@code running = momentum * stat + (1 - momentum) * running}, in place. */
  private void update(Tensor running, Tensor stat) {
    running.copyFrom(stat.mul(momentum).add(running.to(DType.FLOAT64).mul(1 - momentum)));
  }

  private void check(Tensor x, Tensor[] in) {
    checkArgument(
        in.length == 1 || in.length == 3,
        "batch_norm: apply to (input) or (input, weight, bias), got %s inputs",
        in.length);
    checkArgument(
        x.dim() >= 2 && x.dtype().isFloatingPoint(),
        "batch_norm: expected a floating input [N, C, *], got %s %s",
        x.dtype(),
        x.shape());
    String[] names = {"weight", "bias"};
    for (int i = 1; i < in.length; i++) {
      checkChannels(names[i - 1], in[i], x);
    }
    if (runningMean != null) {
      checkChannels("running_mean", runningMean, x);
      checkChannels("running_var", runningVar, x);
    }
    checkArgument(
        !training || (long) x.size(0) * spatial(x) != 1,
        "batch_norm: Expected more than 1 value per channel when training, got input size %s",
        x.shape());
  }

  private static long spatial(Tensor x) {
    long s = 1;
    for (int d = 2; d < x.dim(); d++) {
      s *= x.size(d);
    }
    return s;
  }

  private static void checkChannels(String name, Tensor t, Tensor x) {
    checkArgument(
        t.shape().equals(Shape.of(x.size(1))),
        "batch_norm: input %s has %s channels, %s %s should have %s elements",
        x.shape(),
        x.size(1),
        name,
        t.shape(),
        x.size(1));
    checkArgument(
        t.dtype() == x.dtype(),
        "batch_norm: %s is %s but the input is %s",
        name,
        t.dtype(),
        x.dtype());
  }

  @Override
  protected Variable[] backward(Variable grad) {
    Variable[] grads = new Variable[affine ? 3 : 1];
    boolean params = affine && (needsInputGrad(1) || needsInputGrad(2));
    if (empty) {
      grads[0] = new Variable(Tensor.zeros(inputShape, dtype));
      if (params) {
        grads[1] = new Variable(Tensor.zeros(Shape.of(inputShape.size(1)), dtype));
        grads[2] = new Variable(Tensor.zeros(Shape.of(inputShape.size(1)), dtype));
      }
    } else if (NoGrad.isGradEnabled()) {
      System.arraycopy(recordedBackward(grad), 0, grads, 0, grads.length);
    } else {
      Tensor[] g =
          Normalization.batchNormBackward(
              grad.data(),
              savedTensor(0),
              savedTensor(1),
              savedTensor(2),
              affine ? savedTensor(3) : null,
              training,
              needsInputGrad(0),
              params);
      for (int i = 0; i < grads.length; i++) {
        grads[i] = g[i] == null ? null : new Variable(g[i]);
      }
    }
    for (int i = 0; i < grads.length; i++) {
      if (!needsInputGrad(i)) {
        grads[i] = null;
      }
    }
    return grads;
  }

  /**
   * Returns the three gradients of the formula in the class documentation written with {@link
   * Variable} operations, the batch statistics recomputed from the input so that they are
   * differentiated too: the form a backward pass that creates a graph records (the kernel of {@link
   * Normalization} computes the same values faster when nothing is recorded).
   */
  private Variable[] recordedBackward(Variable grad) {
    Variable x = savedVariable(0);
    int[] dims = new int[x.dim() - 1];
    int[] perChannel = new int[x.dim()];
    Arrays.fill(perChannel, 1);
    perChannel[1] = x.size(1);
    for (int d = 0, k = 0; d < x.dim(); d++) {
      if (d != 1) {
        dims[k++] = d;
      }
    }
    Variable centered;
    Variable invstd;
    if (training) {
      centered = x.sub(x.mean(dims, true));
      invstd = centered.mul(centered).mean(dims, true).add(eps).pow(-0.5);
    } else {
      centered = x.sub(new Variable(savedTensor(1).to(dtype).reshape(perChannel)));
      invstd = new Variable(savedTensor(2).to(dtype).reshape(perChannel));
    }
    Variable xhat = centered.mul(invstd);
    Variable scaled = affine ? grad.mul(savedVariable(3).reshape(perChannel)) : grad;
    Variable dx =
        training
            ? scaled
                .sub(scaled.mean(dims, true))
                .sub(xhat.mul(scaled.mul(xhat).mean(dims, true)))
                .mul(invstd)
            : scaled.mul(invstd);
    return new Variable[] {dx, grad.mul(xhat).sum(dims, false), grad.sum(dims, false)};
  }
}
