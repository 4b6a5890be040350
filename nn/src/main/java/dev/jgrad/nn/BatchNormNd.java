package dev.jgrad.nn;

import static com.google.common.base.Preconditions.checkArgument;

import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Shape;
import dev.jgrad.tensor.Tensor;
import java.math.BigDecimal;

/**
 * The state and forward pass shared by {@link BatchNorm1d} and {@link BatchNorm2d}, as PyTorch's
 * {@code _BatchNorm}: the affine parameters {@code weight} (ones) and {@code bias} (zeros), the
 * buffers {@code running_mean} (zeros), {@code running_var} (ones) and {@code num_batches_tracked}
 * (an INT32 scalar, 0), and the choice of statistics by mode.
 */
abstract class BatchNormNd extends Module {
  private static final String RUNNING_MEAN = "running_mean";
  private static final String RUNNING_VAR = "running_var";
  private static final String TRACKED = "num_batches_tracked";

  private final int numFeatures;
  private final double eps;
  private final Double momentum;
  private final boolean affine;
  private final boolean trackRunningStats;
  private final Parameter weight;
  private final Parameter bias;

  BatchNormNd(
      int numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
    checkArgument(
        numFeatures >= 0, "%s: num_features must be >= 0, got %s", typeName(), numFeatures);
    checkArgument(eps >= 0, "%s: eps must be >= 0, got %s", typeName(), eps);
    this.numFeatures = numFeatures;
    this.eps = eps;
    this.momentum = momentum;
    this.affine = affine;
    this.trackRunningStats = trackRunningStats;
    Shape channels = Shape.of(numFeatures);
    weight =
        affine
            ? registerParameter("weight", new Parameter(Tensor.ones(channels, DType.FLOAT32)))
            : null;
    bias =
        affine
            ? registerParameter("bias", new Parameter(Tensor.zeros(channels, DType.FLOAT32)))
            : null;
    if (trackRunningStats) {
      registerBuffer(RUNNING_MEAN, Tensor.zeros(channels, DType.FLOAT32));
      registerBuffer(RUNNING_VAR, Tensor.ones(channels, DType.FLOAT32));
      registerBuffer(TRACKED, Tensor.scalar(0, DType.INT32));
    }
  }

  /**
   * Checks the input's rank, as PyTorch's {@code _check_input_dim}.
   *
   * @param input the input of {@link #forward}
   * @throws IllegalArgumentException naming the expected and actual ranks
   */
  abstract void checkInputDim(Variable input);

  /**
   * Normalizes the batch. In training mode it uses the batch's statistics and, when tracking,
   * updates the running ones and adds one to {@code num_batches_tracked}; the running update's
   * factor is the momentum, or {@code 1 / num_batches_tracked} (a cumulative average) when the
   * momentum is null. In evaluation mode it uses the running statistics, or the batch's when the
   * module does not track them.
   *
   * @throws IllegalArgumentException naming this layer's path if the input's rank or channel count
   *     is wrong, or a channel has a single value in training mode
   */
  @Override
  protected Variable compute(Variable input) {
    return guard(
        () -> {
          checkInputDim(input);
          boolean update = isTraining() && trackRunningStats;
          int tracked = trackRunningStats ? (int) buffer(TRACKED).item() + 1 : 0;
          double factor = momentum != null ? momentum : update ? 1.0 / tracked : 0;
          Variable out =
              Functional.batchNorm(
                  input,
                  trackRunningStats ? buffer(RUNNING_MEAN) : null,
                  trackRunningStats ? buffer(RUNNING_VAR) : null,
                  weight,
                  bias,
                  isTraining() || !trackRunningStats,
                  factor,
                  eps);
          if (update) {
            buffer(TRACKED).fill(tracked);
          }
          return out;
        });
  }

  /**
   * Returns the number of channels.
   *
   * @return C of the input {@code [N, C, *]}
   */
  public int numFeatures() {
    return numFeatures;
  }

  /**
   * Returns the value added to the variance before the square root.
   *
   * @return eps, 1e-5 by default
   */
  public double eps() {
    return eps;
  }

  /**
   * Returns the weight of a batch's statistics in the running update.
   *
   * @return the momentum, 0.1 by default, or null for a cumulative moving average
   */
  public Double momentum() {
    return momentum;
  }

  /**
   * Returns whether the layer has a learned per-channel weight and bias.
   *
   * @return affine, true by default
   */
  public boolean affine() {
    return affine;
  }

  /**
   * Returns whether the layer keeps running statistics for evaluation mode.
   *
   * @return track_running_stats, true by default
   */
  public boolean trackRunningStats() {
    return trackRunningStats;
  }

  /**
   * Returns the per-channel scale.
   *
   * @return the live parameter {@code weight}, {@code [C]}, or null when not affine
   */
  public Parameter weight() {
    return weight;
  }

  /**
   * Returns the per-channel shift.
   *
   * @return the live parameter {@code bias}, {@code [C]}, or null when not affine
   */
  public Parameter bias() {
    return bias;
  }

  /**
   * Returns the running mean, updated in place by each training forward pass.
   *
   * @return the live buffer {@code running_mean}, {@code [C]}, or null when not tracking
   */
  public Tensor runningMean() {
    return trackRunningStats ? buffer(RUNNING_MEAN) : null;
  }

  /**
   * Returns the running variance (unbiased), updated in place by each training forward pass.
   *
   * @return the live buffer {@code running_var}, {@code [C]}, or null when not tracking
   */
  public Tensor runningVar() {
    return trackRunningStats ? buffer(RUNNING_VAR) : null;
  }

  /**
   * Returns the number of training batches seen, as PyTorch's {@code num_batches_tracked}.
   *
   * @return the live INT32 scalar buffer {@code num_batches_tracked}, or null when not tracking
   */
  public Tensor numBatchesTracked() {
    return trackRunningStats ? buffer(TRACKED) : null;
  }

  @Override
  protected String describe() {
    return typeName() + " " + numFeatures;
  }

  @Override
  protected String extraRepr() {
    return numFeatures
        + ", eps="
        + pythonFloat(eps)
        + ", momentum="
        + (momentum == null ? "None" : pythonFloat(momentum))
        + ", affine="
        + affine
        + ", track_running_stats="
        + trackRunningStats;
  }

  /** Returns {@code v} as Python's {@code repr} writes a float: {@code 1e-05}, {@code 0.1}. */
  static String pythonFloat(double v) {
    String s = Double.toString(v);
    int e = s.indexOf('E');
    if (e < 0) {
      return s;
    }
    int exponent = Integer.parseInt(s.substring(e + 1));
    if (exponent >= -4 && exponent < 16) {
      String plain = new BigDecimal(s).stripTrailingZeros().toPlainString();
      return plain.contains(".") ? plain : plain + ".0";
    }
    String mantissa = s.substring(0, e);
    if (mantissa.endsWith(".0")) {
      mantissa = mantissa.substring(0, mantissa.length() - 2);
    }
    return String.format("%se%s%02d", mantissa, exponent < 0 ? "-" : "+", Math.abs(exponent));
  }
}
