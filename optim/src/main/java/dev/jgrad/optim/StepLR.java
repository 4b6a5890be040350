package dev.jgrad.optim;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Multiplies the rate by {@code gamma} every {@code step_size} epochs, as {@code
 * torch.optim.lr_scheduler.StepLR(optimizer, step_size, gamma=0.1)}: {@code lr_e = base · gamma^⌊e
 * / step_size⌋}, applied as {@code lr ← lr · gamma} when {@code e > 0} and {@code e mod step_size =
 * 0}.
 */
public final class StepLR extends LRScheduler {
  private final int stepSize;
  private final double gamma;

  /**
   * Creates the scheduler with PyTorch's default gamma 0.1.
   *
   * @param optimizer the optimizer whose groups' rates to set; their current rates become the base
   *     rates
   * @param stepSize the number of epochs between two decays, at least 1
   * @throws IllegalArgumentException if {@code stepSize < 1}
   */
  public StepLR(Optimizer optimizer, int stepSize) {
    this(optimizer, stepSize, 0.1);
  }

  /**
   * Creates the scheduler.
   *
   * @param optimizer the optimizer whose groups' rates to set; their current rates become the base
   *     rates
   * @param stepSize the number of epochs between two decays, at least 1
   * @param gamma the factor applied at each decay, for example 0.1
   * @throws IllegalArgumentException if {@code stepSize < 1} or gamma is not finite
   */
  public StepLR(Optimizer optimizer, int stepSize, double gamma) {
    super(optimizer);
    checkArgument(stepSize >= 1, "StepLR: step_size must be >= 1, got %s", stepSize);
    checkArgument(Double.isFinite(gamma), "StepLR: gamma must be finite, got %s", gamma);
    this.stepSize = stepSize;
    this.gamma = gamma;
    initialStep();
  }

  @Override
  protected double nextLr(int group, int epoch, double lr, double baseLr) {
    return epoch == 0 || epoch % stepSize != 0 ? lr : lr * gamma;
  }
}
