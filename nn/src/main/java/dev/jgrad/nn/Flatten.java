package dev.jgrad.nn;

/**
 * Flattens dimensions {@code start_dim..end_dim} into one, as {@code torch.nn.Flatten} (defaults 1
 * and -1, keeping the batch dimension).
 */
public final class Flatten extends Activation {
  private final int startDim;
  private final int endDim;

  /** Creates the module with PyTorch's defaults {@code start_dim = 1}, {@code end_dim = -1}. */
  public Flatten() {
    this(1, -1);
  }

  /**
   * Creates the module flattening {@code startDim} to the last dimension, as {@code
   * nn.Flatten(start_dim)}: {@code new Flatten(1)} turns {@code [N, 16, 5, 5]} into {@code [N,
   * 400]}.
   *
   * @param startDim the first dimension merged; negative counts from the end
   */
  public Flatten(int startDim) {
    this(startDim, -1);
  }

  /**
   * Creates the module flattening {@code startDim..endDim}.
   *
   * @param startDim the first dimension merged; negative counts from the end
   * @param endDim the last dimension merged, not before {@code startDim}; negative counts from the
   *     end
   */
  public Flatten(int startDim, int endDim) {
    super(x -> x.flatten(startDim, endDim));
    this.startDim = startDim;
    this.endDim = endDim;
  }

  /**
   * Returns the first dimension merged.
   *
   * @return start_dim as given; negative counts from the end
   */
  public int startDim() {
    return startDim;
  }

  /**
   * Returns the last dimension merged.
   *
   * @return end_dim as given; negative counts from the end
   */
  public int endDim() {
    return endDim;
  }

  @Override
  protected String extraRepr() {
    return "start_dim=" + startDim + ", end_dim=" + endDim;
  }
}
