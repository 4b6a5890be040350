package dev.jgrad.nn;

import static com.google.common.base.Preconditions.checkArgument;

import dev.jgrad.autograd.Variable;

/**
 * Batch normalization of {@code [N, C, H, W]} inputs, as {@code torch.nn.BatchNorm2d}: each channel
 * is normalized with statistics taken over the batch and the H × W positions, {@code y = (x - mean)
 * / sqrt(var + eps) * weight + bias}. In training mode (the default) mean and var are the batch's,
 * with the biased variance, and the running statistics are updated in place: {@code running = (1 -
 * momentum) * running + momentum * stat}, with the unbiased variance for {@code running_var}
 * (PyTorch's convention; a null momentum gives a cumulative average). In evaluation mode ({@link
 * #eval()}) the running statistics are used. A batch with one value per channel cannot be
 * normalized in training mode.
 *
 * <p>State-dict keys, as PyTorch's: {@code weight} and {@code bias} (parameters, when affine),
 * {@code running_mean}, {@code running_var} and {@code num_batches_tracked} (buffers, when tracking
 * running statistics). {@code num_batches_tracked} is an INT32 scalar; PyTorch's int64 one loads
 * from safetensors (see {@link dev.jgrad.tensor.io.SafeTensors}). Parameters and buffers start as
 * FLOAT32; {@link #to} converts them.
 *
 * <pre>{@code
 * Module bn = new BatchNorm2d(16);
 * Module bnNoStats = new BatchNorm2d(16, 1e-5, null, false, false);
 * }</pre>
 */
public final class BatchNorm2d extends BatchNormNd {
  /**
   * Creates the layer with PyTorch's defaults: {@code eps = 1e-5}, {@code momentum = 0.1}, affine
   * and tracking running statistics.
   *
   * @param numFeatures the number of channels C
   * @throws IllegalArgumentException if {@code numFeatures} is negative
   */
  public BatchNorm2d(int numFeatures) {
    this(numFeatures, 1e-5, 0.1, true, true);
  }

  /**
   * Creates the layer, as {@code nn.BatchNorm2d(num_features, eps, momentum, affine,
   * track_running_stats)}.
   *
   * @param numFeatures the number of channels C
   * @param eps the value added to the variance before the square root
   * @param momentum the weight of a batch's statistics in the running update, or null for a
   *     cumulative moving average ({@code 1 / num_batches_tracked})
   * @param affine whether the layer has a learned per-channel weight and bias
   * @param trackRunningStats whether the layer keeps running statistics for evaluation mode;
   *     without them it normalizes with the batch's statistics in both modes
   * @throws IllegalArgumentException if {@code numFeatures} or {@code eps} is negative
   */
  public BatchNorm2d(
      int numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
    super(numFeatures, eps, momentum, affine, trackRunningStats);
  }

  @Override
  void checkInputDim(Variable input) {
    checkArgument(input.dim() == 4, "expected 4D input (got %sD input)", input.dim());
  }
}
