package dev.jgrad.data;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.jgrad.tensor.Tensor;

/**
 * A dataset over two tensors whose first dimension indexes the samples, as PyTorch's {@code
 * TensorDataset}: sample {@code i} is {@code inputs[i]} with {@code targets[i]}.
 *
 * <pre>{@code
 * Dataset xor = new TensorDataset(
 *     Tensor.of(new float[] {0, 0, 0, 1, 1, 0, 1, 1}, 4, 2),
 *     Tensor.of(new int[] {0, 1, 1, 0}));
 * }</pre>
 */
public final class TensorDataset implements Dataset {
  private final Tensor inputs;
  private final Tensor targets;

  /**
   * Creates the dataset; the tensors are used as they are, not copied.
   *
   * @param inputs the inputs of all samples, with the samples along dimension 0
   * @param targets the targets of all samples, as many as {@code inputs}
   * @throws IllegalArgumentException if a tensor is a scalar or their first sizes differ
   */
  public TensorDataset(Tensor inputs, Tensor targets) {
    checkNotNull(inputs, "TensorDataset: inputs are null");
    checkNotNull(targets, "TensorDataset: targets are null");
    checkArgument(
        inputs.shape().rank() > 0 && targets.shape().rank() > 0,
        "TensorDataset: inputs %s and targets %s need a sample dimension",
        inputs.shape(),
        targets.shape());
    checkArgument(
        inputs.size(0) == targets.size(0),
        "TensorDataset: inputs %s and targets %s have different numbers of samples (%s vs %s)",
        inputs.shape(),
        targets.shape(),
        inputs.size(0),
        targets.size(0));
    this.inputs = inputs;
    this.targets = targets;
  }

  /**
   * Returns the inputs, all samples.
   *
   * @return the tensor given to the constructor
   */
  public Tensor inputs() {
    return inputs;
  }

  /**
   * Returns the targets, all samples.
   *
   * @return the tensor given to the constructor
   */
  public Tensor targets() {
    return targets;
  }

  @Override
  public int size() {
    return inputs.size(0);
  }

  @Override
  public Batch getBatch(int[] indices) {
    Indices.checkAll("TensorDataset.getBatch", indices, size());
    Tensor index = Tensor.of(indices.clone(), indices.length);
    return new Batch(inputs.indexSelect(0, index), targets.indexSelect(0, index));
  }
}
