package dev.jgrad.nn;

import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Tensor;

/**
 * The Kullback-Leibler divergence as a module, as {@code torch.nn.KLDivLoss(reduction='mean',
 * log_target=False)}; {@link #batchmean} is PyTorch's {@code reduction='batchmean'}.
 */
public final class KLDivLoss extends LossModule {
  private final boolean batchmean;
  private final boolean logTarget;

  /** Creates the loss with the mean over all elements and probability targets. */
  public KLDivLoss() {
    this(Reduction.MEAN, false);
  }

  /**
   * Creates the loss.
   *
   * @param reduction how the per-element terms are combined
   * @param logTarget whether targets hold log-probabilities
   */
  public KLDivLoss(Reduction reduction, boolean logTarget) {
    this(reduction, false, logTarget);
  }

  private KLDivLoss(Reduction reduction, boolean batchmean, boolean logTarget) {
    super(reduction);
    this.batchmean = batchmean;
    this.logTarget = logTarget;
  }

  /**
   * Creates the loss with {@code reduction='batchmean'}: the sum divided by the batch size.
   *
   * @param logTarget whether targets hold log-probabilities
   * @return the loss module
   */
  public static KLDivLoss batchmean(boolean logTarget) {
    return new KLDivLoss(Reduction.SUM, true, logTarget);
  }

  /**
   * Returns {@link Losses#klDiv(Variable, Tensor, Reduction, boolean)} (or {@link
   * Losses#klDivBatchmean}) of the input and target.
   *
   * @param input log-probabilities, any shape
   * @param target probabilities (or log-probabilities), of the input's shape
   * @return the loss
   * @throws IllegalArgumentException if the shapes differ
   */
  public Variable forward(Variable input, Tensor target) {
    return batchmean
        ? Losses.klDivBatchmean(input, target, logTarget)
        : Losses.klDiv(input, target, reduction, logTarget);
  }
}
