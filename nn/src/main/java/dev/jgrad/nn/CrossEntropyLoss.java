package dev.jgrad.nn;

import static com.google.common.base.Preconditions.checkArgument;

import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Tensor;

/**
 * Cross-entropy from logits as a module, as {@code torch.nn.CrossEntropyLoss(weight=None,
 * ignore_index=-100, reduction='mean', label_smoothing=0.0)}.
 */
public final class CrossEntropyLoss extends LossModule {
  private final Tensor weight;
  private final int ignoreIndex;
  private final double labelSmoothing;

  /** Creates the loss with PyTorch's defaults. */
  public CrossEntropyLoss() {
    this(null, Losses.IGNORE_INDEX, Reduction.MEAN, 0);
  }

  /**
   * Creates the loss.
   *
   * @param weight a weight per class {@code [C]}, or null for 1
   * @param ignoreIndex the class-index target whose samples contribute nothing
   * @param reduction how the per-sample losses are combined
   * @param labelSmoothing ε, in {@code [0, 1]}
   * @throws IllegalArgumentException if ε is outside {@code [0, 1]}
   */
  public CrossEntropyLoss(
      Tensor weight, int ignoreIndex, Reduction reduction, double labelSmoothing) {
    super(reduction);
    checkArgument(
        labelSmoothing >= 0 && labelSmoothing <= 1,
        "CrossEntropyLoss: label_smoothing must be between 0.0 and 1.0, got %s",
        labelSmoothing);
    this.weight = weight;
    this.ignoreIndex = ignoreIndex;
    this.labelSmoothing = labelSmoothing;
  }

  /**
   * Returns {@link Losses#crossEntropy(Variable, Tensor, Tensor, int, Reduction, double)} of the
   * logits and target.
   *
   * @param input unnormalized class scores {@code [N, C]}
   * @param target class indices, INT32 {@code [N]}, or class probabilities {@code [N, C]}
   * @return the loss
   * @throws IllegalArgumentException if the shapes do not fit or a class index is out of range
   */
  public Variable forward(Variable input, Tensor target) {
    return Losses.crossEntropy(input, target, weight, ignoreIndex, reduction, labelSmoothing);
  }
}
