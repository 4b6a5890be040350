package dev.jgrad.autograd;

/**
 * Thrown by {@link GradCheck} when an analytical derivative disagrees with the finite-difference
 * one, or a repeated backward pass gives a different result; PyTorch's {@code GradcheckError}.
 *
 * <p>It is an {@link AssertionError}, so a failed check inside a test is reported as a test
 * failure. The message gives both Jacobians and the worst entry.
 */
public final class GradCheckFailure extends AssertionError {
  private static final long serialVersionUID = 1L;

  /** The index of the output whose derivative failed. */
  private final int outputIndex;

  /** The index of the input whose derivative failed. */
  private final int inputIndex;

  GradCheckFailure(String message, int outputIndex, int inputIndex) {
    super(message);
    this.outputIndex = outputIndex;
    this.inputIndex = inputIndex;
  }

  /**
   * Returns the index of the output whose derivative failed (0: functions have one output).
   *
   * @return the output's index, always 0 today
   */
  public int outputIndex() {
    return outputIndex;
  }

  /**
   * Returns the index of the input whose derivative failed.
   *
   * @return the position of the input in the arguments passed to the check, from 0
   */
  public int inputIndex() {
    return inputIndex;
  }
}
