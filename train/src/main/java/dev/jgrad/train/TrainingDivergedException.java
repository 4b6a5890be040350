package dev.jgrad.train;

/**
 * Thrown by {@link Trainer#fit} when the loss or a weight became NaN or infinite, as Keras' {@code
 * TerminateOnNaN} stops a run, with what PyTorch's anomaly mode would tell: where it happened.
 *
 * <p>The trainer checks every batch's loss before the backward pass, so the step that produced it
 * is never taken, and every parameter after an epoch's last step. When either is not finite the run
 * stops at once: that epoch is not completed, no callback's {@code onEpochEnd} runs for it (so
 * nothing is saved, and the last good checkpoint stays as it was), {@code onFitEnd} runs with a
 * history that is {@link History#diverged()}, and then this exception is thrown. An uncaught
 * exception ends a command-line program with a non-zero exit code.
 */
public final class TrainingDivergedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The index of the epoch that diverged, from 0. */
  private final int epoch;

  /** The index of the step in that epoch, from 0. */
  private final int step;

  /** The run's history, not serialized. */
  private final transient History history;

  /**
   * Creates the exception.
   *
   * @param message what was not finite and where, for example {@code loss is NaN at epoch 3/10,
   *     step 17/469}
   * @param epoch the epoch's index, from 0
   * @param step the batch's index in the epoch, from 0
   * @param history the run's history up to the last completed epoch
   */
  TrainingDivergedException(String message, int epoch, int step, History history) {
    super(message);
    this.epoch = epoch;
    this.step = step;
    this.history = history;
  }

  /**
   * Returns the epoch in which the run diverged.
   *
   * @return its index, from 0
   */
  public int epoch() {
    return epoch;
  }

  /**
   * Returns the step at which the run diverged.
   *
   * @return the batch's index in the epoch, from 0
   */
  public int step() {
    return step;
  }

  /**
   * Returns the run's history.
   *
   * @return the completed epochs, marked {@link History#diverged()}
   */
  public History history() {
    return history;
  }
}
