package dev.jgrad.data;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.jgrad.tensor.Tensor;

/**
 * A batch of samples: the inputs and the targets, both with the batch as their first dimension.
 *
 * @param input the inputs, for example {@code [32, 784]} FLOAT32 images
 * @param target the targets, for example {@code [32]} INT32 labels or {@code [32, 10]} one-hot rows
 */
public record Batch(Tensor input, Tensor target) {
  /**
   * Creates a batch.
   *
   * @param input the inputs, of rank 1 or more, with the samples along dimension 0
   * @param target the targets, of rank 1 or more, with as many samples as {@code input}
   * @throws IllegalArgumentException if a tensor is a scalar or the first sizes differ
   */
  public Batch {
    checkNotNull(input, "Batch: input is null");
    checkNotNull(target, "Batch: target is null");
    checkArgument(
        input.shape().rank() > 0 && target.shape().rank() > 0,
        "Batch: input %s and target %s must have a batch dimension",
        input.shape(),
        target.shape());
    checkArgument(
        input.size(0) == target.size(0),
        "Batch: input %s and target %s have different batch sizes (%s vs %s)",
        input.shape(),
        target.shape(),
        input.size(0),
        target.size(0));
  }

  /**
   * Returns the number of samples.
   *
   * @return the first size of the input (and of the target)
   */
  public int size() {
    return input.size(0);
  }
}
