package dev.jgrad.examples;

/**
 * A failure the command line reports as one line on standard error, with its exit code: a wrong
 * argument ({@link Commands#USAGE_ERROR}), a run that diverged ({@link Commands#DIVERGED}) or one
 * that could not be completed ({@link Commands#RUN_ERROR}).
 */
public final class CommandFailure extends Exception {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  private CommandFailure(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /**
   * Returns a wrong argument, found before any training starts.
   *
   * @param option the option or parameter, such as {@code --batch-size}
   * @param value the value given, or null for an option without a value ({@code --cosine})
   * @param fault what is wrong with it
   * @param accepted what would be accepted
   * @return the failure, whose message reads {@code option value: fault; accepted}
   */
  public static CommandFailure usage(String option, Object value, String fault, String accepted) {
    String given = value == null ? option : option + " " + value;
    return new CommandFailure(Commands.USAGE_ERROR, given + ": " + fault + "; " + accepted, null);
  }

  /**
   * Returns a wrong combination of arguments that a component found, with its own words.
   *
   * @param fault what is wrong, naming the values
   * @param accepted what would be accepted
   * @return the failure, whose message reads {@code fault; accepted}
   */
  public static CommandFailure invalid(String fault, String accepted) {
    return new CommandFailure(Commands.USAGE_ERROR, fault + "; " + accepted, null);
  }

  /**
   * Returns the failure of a run whose loss or weights stopped being finite.
   *
   * @param message where it happened and what was kept
   * @return the failure
   */
  public static CommandFailure diverged(String message) {
    return new CommandFailure(Commands.DIVERGED, "diverged: " + message, null);
  }

  /**
   * Returns the failure of a run that could not be completed.
   *
   * @param message the operation, the file if there is one, and the fault in words
   * @param cause the exception that revealed it
   * @return the failure
   */
  public static CommandFailure failed(String message, Throwable cause) {
    return new CommandFailure(Commands.RUN_ERROR, message, cause);
  }

  /**
   * Returns the exit code the command line ends with.
   *
   * @return 1, 2 or 3
   */
  public int exitCode() {
    return exitCode;
  }
}
