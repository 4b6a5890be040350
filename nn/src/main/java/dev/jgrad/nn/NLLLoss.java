package dev.jgrad.nn;

import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Tensor;

/**
 * The negative log-likelihood loss as a module, as {@code torch.nn.NLLLoss(weight=None,
 * ignore_index=-100, reduction='mean')}.
 */
public final class NLLLoss extends LossModule {
  private final Tensor weight;
  private final int ignoreIndex;

  /** Creates the loss without class weights, ignoring target -100, with the weighted mean. */
  public NLLLoss() {
    this(null, Losses.IGNORE_INDEX, Reduction.MEAN);
  }

  /**
   * Creates the loss.
   *
   * @param weight a weight per class {@code [C]}, or null for 1
   * @param ignoreIndex the target value whose samples contribute nothing
   * @param reduction how the per-sample losses are combined
   */
  public NLLLoss(Tensor weight, int ignoreIndex, Reduction reduction) {
    super(reduction);
    this.weight = weight;
    this.ignoreIndex = ignoreIndex;
  }

  /**
   * Returns {@link Losses#nllLoss(Variable, Tensor, Tensor, int, Reduction)} of the input and
   * target.
   *
   * @param input class log-probabilities {@code [N, C]}
   * @param target class indices, INT32 {@code [N]}
   * @return the loss
   * @throws IllegalArgumentException if the shapes do not fit or a class index is out of range
   */
  public Variable forward(Variable input, Tensor target) {
    return Losses.nllLoss(input, target, weight, ignoreIndex, reduction);
  }
}
