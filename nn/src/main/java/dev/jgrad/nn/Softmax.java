package dev.jgrad.nn;

/** Applies softmax along {@code dim}, as {@code torch.nn.Softmax(dim)}. */
public final class Softmax extends Activation {
  private final int dim;

  /**
   * Creates the module normalizing along {@code dim} (negative counts from the end).
   *
   * @param dim the dimension that sums to one, usually the class dimension 1 or -1
   */
  public Softmax(int dim) {
    super(x -> x.softmax(dim));
    this.dim = dim;
  }

  @Override
  protected String extraRepr() {
    return "dim=" + dim;
  }
}
