package dev.jgrad.nn;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * The base of the loss modules: a loss function of {@link Losses} with its options fixed, named
 * like PyTorch's class and printed as its repr ({@code CrossEntropyLoss()}). Loss modules hold no
 * parameters, so they are not {@link Module}s; call {@code forward(input, target)}.
 */
abstract class LossModule {
  final Reduction reduction;

  LossModule(Reduction reduction) {
    this.reduction = checkNotNull(reduction, "%s: reduction is null", getClass().getSimpleName());
  }

  /**
   * Returns the reduction the loss applies.
   *
   * @return NONE, MEAN or SUM
   */
  public Reduction reduction() {
    return reduction;
  }

  /**
   * Returns PyTorch's repr of the module: its class name and empty parentheses.
   *
   * @return for example {@code "L1Loss()"}
   */
  @Override
  public String toString() {
    return getClass().getSimpleName() + "()";
  }
}
