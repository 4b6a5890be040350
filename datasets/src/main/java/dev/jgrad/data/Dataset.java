package dev.jgrad.data;

import java.util.function.UnaryOperator;

/**
 * A finite, indexed collection of samples that hands them out a batch at a time, as PyTorch's
 * map-style {@code Dataset} together with its collate step.
 *
 * <p>Implementations gather the requested samples into one {@link Batch} directly, so no object is
 * made per sample.
 */
public interface Dataset {
  /**
   * Returns the number of samples.
   *
   * @return the number of samples, 0 or more
   */
  int size();

  /**
   * Returns the samples at {@code indices}, in that order, as one batch; indices may repeat. The
   * array is not kept.
   *
   * @param indices the samples wanted, each in {@code [0, size())}
   * @return a new batch with {@code indices.length} samples
   * @throws IllegalArgumentException if an index is outside {@code [0, size())}
   */
  Batch getBatch(int[] indices);

  /**
   * Returns every sample, in order, as one batch (for evaluation or full-batch training).
   *
   * @return a batch of {@link #size()} samples
   */
  default Batch all() {
    int[] indices = new int[size()];
    for (int i = 0; i < indices.length; i++) {
      indices[i] = i;
    }
    return getBatch(indices);
  }

  /**
   * Returns a view of this dataset whose batches are passed through {@code transform}, for example
   * {@link Transforms#oneHot(int)}.
   *
   * @param transform applied to each batch when it is taken; it must keep the number of samples
   * @return a view that shares this dataset's samples
   */
  default Dataset map(UnaryOperator<Batch> transform) {
    return new MappedDataset(this, transform);
  }
}
