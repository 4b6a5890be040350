package dev.jgrad.nn;

import static com.google.common.base.Preconditions.checkArgument;

import dev.jgrad.autograd.Variable;

/** The Huber loss as a module, as {@code torch.nn.HuberLoss(reduction='mean', delta=1.0)}. */
public final class HuberLoss extends LossModule {
  private final double delta;

  /** Creates the loss with the mean reduction and {@code delta = 1}. */
  public HuberLoss() {
    this(Reduction.MEAN, 1);
  }

  /**
   * Creates the loss.
   *
   * @param reduction how the per-element losses are combined
   * @param delta where the loss turns from quadratic to linear, positive
   * @throws IllegalArgumentException if delta is not positive
   */
  public HuberLoss(Reduction reduction, double delta) {
    super(reduction);
    checkArgument(delta > 0, "HuberLoss: delta must be > 0, got %s", delta);
    this.delta = delta;
  }

  /**
   * Returns {@link Losses#huberLoss(Variable, Variable, Reduction, double)} of the input and
   * target.
   *
   * @param input the predictions, any shape
   * @param target the wanted values, of the input's shape
   * @return the loss
   * @throws IllegalArgumentException if the shapes differ
   */
  public Variable forward(Variable input, Variable target) {
    return Losses.huberLoss(input, target, reduction, delta);
  }
}
