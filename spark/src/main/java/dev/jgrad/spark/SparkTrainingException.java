package dev.jgrad.spark;

/**
 * Thrown by {@link SparkTrainer#fit} when the Spark job that trains fails: its message names the
 * first error on the workers (the one that made the others stop), and its cause is Spark's own
 * exception.
 */
public final class SparkTrainingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed
   * @param cause Spark's exception
   */
  public SparkTrainingException(String message, Throwable cause) {
    super(message, cause);
  }
}
