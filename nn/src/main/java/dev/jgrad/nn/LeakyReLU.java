package dev.jgrad.nn;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Applies {@code x} for {@code x > 0} and {@code negative_slope · x} otherwise, as {@code
 * torch.nn.LeakyReLU} (default slope 0.01). The derivative at 0 is the slope, as in PyTorch.
 */
public final class LeakyReLU extends Activation {
  private final double negativeSlope;

  /** Creates the module with PyTorch's default slope 0.01. */
  public LeakyReLU() {
    this(0.01);
  }

  /**
   * Creates the module with the given slope for negative inputs.
   *
   * @param negativeSlope the factor for inputs of 0 and below, finite; usually small and positive
   */
  public LeakyReLU(double negativeSlope) {
    super(x -> x.leakyRelu(negativeSlope));
    checkArgument(
        Double.isFinite(negativeSlope),
        "LeakyReLU: negative_slope must be finite, got %s",
        negativeSlope);
    this.negativeSlope = negativeSlope;
  }

  @Override
  protected String extraRepr() {
    return "negative_slope=" + negativeSlope;
  }
}
