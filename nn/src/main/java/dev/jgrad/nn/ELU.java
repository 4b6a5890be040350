package dev.jgrad.nn;

/**
 * Applies {@code x} above 0 and {@code α · (e^x - 1)} at 0 and below, as {@code
 * torch.nn.ELU(alpha=1.0)}; the derivative at 0 is α, as in PyTorch.
 */
public final class ELU extends Activation {
  private final double alpha;

  /** Creates the module with {@code alpha = 1}. */
  public ELU() {
    this(1);
  }

  /**
   * Creates the module.
   *
   * @param alpha the scale α of the negative side
   */
  public ELU(double alpha) {
    super(x -> x.elu(alpha));
    this.alpha = alpha;
  }

  @Override
  protected String extraRepr() {
    return "alpha=" + BatchNormNd.pythonFloat(alpha);
  }
}
