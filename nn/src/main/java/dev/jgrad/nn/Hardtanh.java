package dev.jgrad.nn;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Clamps to {@code [min_val, max_val]}, as {@code torch.nn.Hardtanh(min_val=-1.0, max_val=1.0)};
 * the gradient is 0 at the bounds themselves, as in PyTorch.
 */
public final class Hardtanh extends Activation {
  private final double min;
  private final double max;

  /** Creates the module with the bounds -1 and 1. */
  public Hardtanh() {
    this(-1, 1);
  }

  /**
   * Creates the module.
   *
   * @param min the lower bound
   * @param max the upper bound, at least min
   * @throws IllegalArgumentException if {@code max < min} or either is NaN
   */
  public Hardtanh(double min, double max) {
    super(x -> x.hardtanh(min, max));
    checkArgument(min <= max, "Hardtanh: max_val %s must be >= min_val %s", max, min);
    this.min = min;
    this.max = max;
  }

  @Override
  protected String extraRepr() {
    return "min_val=" + BatchNormNd.pythonFloat(min) + ", max_val=" + BatchNormNd.pythonFloat(max);
  }
}
