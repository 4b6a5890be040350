package dev.jgrad.nn;

/** Applies log-softmax along {@code dim}, as {@code torch.nn.LogSoftmax(dim)}. */
public final class LogSoftmax extends Activation {
  private final int dim;

  /**
   * Creates the module normalizing along {@code dim} (negative counts from the end).
   *
   * @param dim the dimension whose exponentials sum to one, usually the class dimension 1 or -1
   */
  public LogSoftmax(int dim) {
    super(x -> x.logSoftmax(dim));
    this.dim = dim;
  }

  @Override
  protected String extraRepr() {
    return "dim=" + dim;
  }
}
