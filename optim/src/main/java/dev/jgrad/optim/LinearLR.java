package dev.jgrad.optim;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Scales the rate linearly from {@code start_factor} to {@code end_factor} of the base rate over
 * {@code total_iters} epochs, then keeps it, as {@code torch.optim.lr_scheduler.LinearLR(optimizer,
 * start_factor=1/3, end_factor=1.0, total_iters=5)}: without outside changes {@code lr_e = base ·
 * (s + (f − s) · min(e, T) / T)} with s = start_factor, f = end_factor, T = total_iters. Like
 * PyTorch it is computed in the chainable form:
 *
 * <pre>
 * e = 0:      η ← η · s
 * e &gt; T:      η ← η
 * otherwise:  η ← η · (1 + (f − s) / (T · s + (e − 1)(f − s)))
 * </pre>
 *
 * <p>Often used as a warm-up, chained with a decaying scheduler.
 */
public final class LinearLR extends LRScheduler {
  private final double startFactor;
  private final double endFactor;
  private final int totalIters;

  /**
   * Creates the scheduler with PyTorch's defaults: from a third of the base rate to all of it over
   * 5 epochs.
   *
   * @param optimizer the optimizer whose groups' rates to set; their current rates become the base
   *     rates
   */
  public LinearLR(Optimizer optimizer) {
    this(optimizer, 1.0 / 3, 1.0, 5);
  }

  /**
   * Creates the scheduler.
   *
   * @param optimizer the optimizer whose groups' rates to set; their current rates become the base
   *     rates
   * @param startFactor the factor of the base rate at epoch 0, in (0, 1]
   * @param endFactor the factor of the base rate from epoch {@code totalIters} on, in [0, 1]
   * @param totalIters the number of epochs from the start factor to the end factor; at 0 or less
   *     the rate stays at the start factor
   * @throws IllegalArgumentException if a factor is out of its range (PyTorch's messages)
   */
  public LinearLR(Optimizer optimizer, double startFactor, double endFactor, int totalIters) {
    super(optimizer);
    checkArgument(
        startFactor > 0 && startFactor <= 1,
        "LinearLR: Starting multiplicative factor expected to be greater than 0 and less or equal"
            + " to 1, got %s",
        startFactor);
    checkArgument(
        endFactor >= 0 && endFactor <= 1,
        "LinearLR: Ending multiplicative factor expected to be between 0 and 1, got %s",
        endFactor);
    this.startFactor = startFactor;
    this.endFactor = endFactor;
    this.totalIters = totalIters;
    initialStep();
  }

  @Override
  protected double nextLr(int group, int epoch, double lr, double baseLr) {
    if (epoch == 0) {
      return lr * startFactor;
    } else if (epoch > totalIters) {
      return lr;
    }
    return lr
        * (1.0
            + (endFactor - startFactor)
                / (totalIters * startFactor + (epoch - 1) * (endFactor - startFactor)));
  }
}
