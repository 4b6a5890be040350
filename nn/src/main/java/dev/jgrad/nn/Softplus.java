package dev.jgrad.nn;

/**
 * Applies {@code log(1 + e^{β·x}) / β}, linear where {@code β·x > threshold}, as {@code
 * torch.nn.Softplus(beta=1, threshold=20)}.
 */
public final class Softplus extends Activation {
  private final double beta;
  private final double threshold;

  /** Creates the module with PyTorch's defaults {@code beta = 1}, {@code threshold = 20}. */
  public Softplus() {
    this(1, 20);
  }

  /**
   * Creates the module.
   *
   * @param beta the scale β
   * @param threshold above which {@code β·x} the function is {@code x}
   */
  public Softplus(double beta, double threshold) {
    super(x -> x.softplus(beta, threshold));
    this.beta = beta;
    this.threshold = threshold;
  }

  @Override
  protected String extraRepr() {
    return "beta=" + number(beta) + ", threshold=" + number(threshold);
  }

  /** Writes an integral value as PyTorch's integer defaults print, any other as Python does. */
  private static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15
        ? Long.toString((long) v)
        : BatchNormNd.pythonFloat(v);
  }
}
