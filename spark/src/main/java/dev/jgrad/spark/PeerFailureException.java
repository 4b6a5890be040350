package dev.jgrad.spark;

/**
 * Thrown on a worker that stops because another worker failed first; its message names that first
 * error, which the exchange passes along from worker to worker.
 */
final class PeerFailureException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final String origin;

  /**
   * Creates the exception.
   *
   * @param worker the worker that stops
   * @param origin the first error, as the failing worker described it
   */
  PeerFailureException(int worker, String origin) {
    super(
        "SparkTrainer worker "
            + worker
            + " stopped because another worker failed first: "
            + origin);
    this.origin = origin;
  }

  /** Returns the first error, as the failing worker described it. */
  String origin() {
    return origin;
  }
}
