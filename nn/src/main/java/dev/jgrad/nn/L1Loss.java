package dev.jgrad.nn;

import dev.jgrad.autograd.Variable;

/** The mean absolute error as a module, as {@code torch.nn.L1Loss(reduction='mean')}. */
public final class L1Loss extends LossModule {
  /** Creates the loss with the mean reduction. */
  public L1Loss() {
    this(Reduction.MEAN);
  }

  /**
   * Creates the loss.
   *
   * @param reduction how the per-element losses are combined
   */
  public L1Loss(Reduction reduction) {
    super(reduction);
  }

  /**
   * Returns {@link Losses#l1Loss(Variable, Variable, Reduction)} of the input and target.
   *
   * @param input the predictions, any shape
   * @param target the wanted values, of the input's shape
   * @return the loss
   * @throws IllegalArgumentException if the shapes differ
   */
  public Variable forward(Variable input, Variable target) {
    return Losses.l1Loss(input, target, reduction);
  }
}
