package dev.jgrad.optim;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Multiplies the rate by {@code gamma} every epoch, as {@code
 * torch.optim.lr_scheduler.ExponentialLR(optimizer, gamma)}: {@code lr_e = base · gamma^e}.
 */
public final class ExponentialLR extends LRScheduler {
  private final double gamma;

  /**
   * Creates the scheduler.
   *
   * @param optimizer the optimizer whose groups' rates to set; their current rates become the base
   *     rates
   * @param gamma the factor applied to each rate every epoch, for example 0.95
   * @throws IllegalArgumentException if gamma is not finite
   */
  public ExponentialLR(Optimizer optimizer, double gamma) {
    super(optimizer);
    checkArgument(Double.isFinite(gamma), "ExponentialLR: gamma must be finite, got %s", gamma);
    this.gamma = gamma;
    initialStep();
  }

  @Override
  protected double nextLr(int group, int epoch, double lr, double baseLr) {
    return epoch == 0 ? lr : lr * gamma;
  }
}
