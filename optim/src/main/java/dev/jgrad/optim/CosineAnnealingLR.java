package dev.jgrad.optim;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Cosine annealing, as {@code torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max,
 * eta_min=0)}. Without outside changes the rate follows {@code η_e = η_min + (η_base − η_min)(1 +
 * cos(π e / T_max)) / 2}, rising again after {@code T_max} epochs; like PyTorch it is computed in
 * the chainable form:
 *
 * <pre>
 * e = 0:                          η ← η
 * (e − 1 − T_max) mod 2T_max = 0: η ← η + (η_base − η_min)(1 − cos(π / T_max)) / 2
 * otherwise:                      η ← (1 + cos(π e / T_max)) / (1 + cos(π (e − 1) / T_max)) · (η − η_min) + η_min
 * </pre>
 */
public final class CosineAnnealingLR extends LRScheduler {
  private final int tMax;
  private final double etaMin;

  /**
   * Creates the scheduler with {@code eta_min = 0}.
   *
   * @param optimizer the optimizer whose groups' rates to set; their current rates become the base
   *     rates
   * @param tMax the number of epochs from the base rate down to 0, at least 1; usually the number
   *     of epochs of the run
   * @throws IllegalArgumentException if {@code tMax < 1}
   */
  public CosineAnnealingLR(Optimizer optimizer, int tMax) {
    this(optimizer, tMax, 0);
  }

  /**
   * Creates the scheduler.
   *
   * @param optimizer the optimizer whose groups' rates to set; their current rates become the base
   *     rates
   * @param tMax the number of epochs from the base rate down to {@code etaMin}, at least 1
   * @param etaMin the lowest rate, reached after {@code tMax} epochs; 0 or more
   * @throws IllegalArgumentException if {@code tMax < 1} or {@code etaMin} is negative or not
   *     finite
   */
  public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin) {
    super(optimizer);
    checkArgument(tMax >= 1, "CosineAnnealingLR: T_max must be >= 1, got %s", tMax);
    checkArgument(
        etaMin >= 0 && Double.isFinite(etaMin),
        "CosineAnnealingLR: eta_min must be >= 0, got %s",
        etaMin);
    this.tMax = tMax;
    this.etaMin = etaMin;
    initialStep();
  }

  @Override
  protected double nextLr(int group, int epoch, double lr, double baseLr) {
    if (epoch == 0) {
      return lr;
    } else if (Math.floorMod(epoch - 1 - tMax, 2 * tMax) == 0) {
      return lr + (baseLr - etaMin) * (1 - Math.cos(Math.PI / tMax)) / 2;
    }
    return (1 + Math.cos(Math.PI * epoch / tMax))
            / (1 + Math.cos(Math.PI * (epoch - 1) / tMax))
            * (lr - etaMin)
        + etaMin;
  }
}
