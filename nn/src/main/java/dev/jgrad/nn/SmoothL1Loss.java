package dev.jgrad.nn;

import static com.google.common.base.Preconditions.checkArgument;

import dev.jgrad.autograd.Variable;

/** The smooth L1 loss as a module, as {@code torch.nn.SmoothL1Loss(reduction='mean', beta=1.0)}. */
public final class SmoothL1Loss extends LossModule {
  private final double beta;

  /** Creates the loss with the mean reduction and {@code beta = 1}. */
  public SmoothL1Loss() {
    this(Reduction.MEAN, 1);
  }

  /**
   * Creates the loss.
   *
   * @param reduction how the per-element losses are combined
   * @param beta where the loss turns from quadratic to linear, 0 or more
   * @throws IllegalArgumentException if beta is negative
   */
  public SmoothL1Loss(Reduction reduction, double beta) {
    super(reduction);
    checkArgument(beta >= 0, "SmoothL1Loss: beta must be >= 0, got %s", beta);
    this.beta = beta;
  }

  /**
   * Returns {@link Losses#smoothL1Loss(Variable, Variable, Reduction, double)} of the input and
   * target.
   *
   * @param input the predictions, any shape
   * @param target the wanted values, of the input's shape
   * @return the loss
   * @throws IllegalArgumentException if the shapes differ
   */
  public Variable forward(Variable input, Variable target) {
    return Losses.smoothL1Loss(input, target, reduction, beta);
  }
}
