package dev.jgrad.data;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * The samples of a dataset at given indices, in the given order, as PyTorch's {@code Subset}: a
 * view that shares the dataset's data.
 */
public final class Subset implements Dataset {
  private final Dataset source;
  private final int[] indices;

  private Subset(Dataset source, int[] indices) {
    this.source = source;
    this.indices = indices;
  }

  /**
   * Returns the view of {@code source} holding the samples at {@code indices} (copied).
   *
   * @param source the dataset to view
   * @param indices the positions in {@code source}, in the order wanted; may repeat
   * @return a view that shares the source's samples
   * @throws IllegalArgumentException if an index is outside {@code [0, source.size())}
   */
  public static Subset of(Dataset source, int[] indices) {
    checkNotNull(source, "Subset.of: source is null");
    Indices.checkAll("Subset.of", indices, source.size());
    return new Subset(source, indices.clone());
  }

  /**
   * Returns the dataset this is a view of.
   *
   * @return the viewed dataset
   */
  public Dataset source() {
    return source;
  }

  /**
   * Returns a copy of the indices into the source, in order.
   *
   * @return a new array, owned by the caller
   */
  public int[] indices() {
    return indices.clone();
  }

  @Override
  public int size() {
    return indices.length;
  }

  @Override
  public Batch getBatch(int[] positions) {
    Indices.checkAll("Subset.getBatch", positions, indices.length);
    int[] mapped = new int[positions.length];
    for (int k = 0; k < positions.length; k++) {
      mapped[k] = indices[positions[k]];
    }
    return source.getBatch(mapped);
  }
}
