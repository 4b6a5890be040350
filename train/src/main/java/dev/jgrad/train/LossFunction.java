package dev.jgrad.train;

import dev.jgrad.autograd.Variable;
import dev.jgrad.tensor.Tensor;

/**
 * The objective a {@link Trainer} minimizes: a scalar loss from a batch's output and its targets,
 * such as {@code Losses::crossEntropy}.
 *
 * <p>The trainer averages the per-batch values weighted by the batch size, so a loss with mean
 * reduction gives the mean over all samples of an epoch.
 */
@FunctionalInterface
public interface LossFunction {
  /**
   * Computes the loss of one batch.
   *
   * @param output the model's output for the batch, recorded on the tape during training
   * @param target the batch's targets, as the data loader gives them
   * @return a scalar loss; training calls {@code backward()} on it
   */
  Variable apply(Variable output, Tensor target);
}
