package dev.jgrad.examples;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Runs picocli commands the same way everywhere. Whatever goes wrong is one line on standard error,
 * {@code <command>: <what>}, and the exit code says what kind of failure it was:
 *
 * <ul>
 *   <li>{@value #OK}: done;
 *   <li>{@value #RUN_ERROR}: the run failed (a file could not be written, the dataset is missing);
 *   <li>{@value #USAGE_ERROR}: a wrong argument, named with its value and what is accepted, found
 *       before any training starts;
 *   <li>{@value #DIVERGED}: the loss or the weights stopped being finite; the last good checkpoint
 *       is kept.
 * </ul>
 */
public final class Commands {
  /** The exit code of a command that did its work. */
  public static final int OK = 0;

  /** The exit code of a run that failed. */
  public static final int RUN_ERROR = 1;

  /** The exit code for wrong arguments. */
  public static final int USAGE_ERROR = 2;

  /** The exit code of a training run whose loss or weights became NaN or infinite. */
  public static final int DIVERGED = 3;

  private Commands() {}

  /**
   * Returns a command line for {@code command} with the shared error handling; a seed's main gets
   * the seed's settings as its options' defaults.
   *
   * @param command a picocli command object
   * @return the command line
   */
  public static CommandLine commandLine(Object command) {
    CommandLine cl = new CommandLine(command);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    if (command instanceof SeedMain main) {
      cl.setDefaultValueProvider(new PresetDefaults(Preset.named(main.seed())));
    }
    cl.setParameterExceptionHandler(
        (ex, args) -> {
          CommandLine bad = ex.getCommandLine();
          bad.getErr().println(bad.getCommandName() + ": " + describe(ex));
          return USAGE_ERROR;
        });
    cl.setExecutionExceptionHandler(
        (ex, bad, parseResult) -> {
          bad.getErr().println(bad.getCommandName() + ": " + Faults.of(ex));
          return ex instanceof CommandFailure failure ? failure.exitCode() : RUN_ERROR;
        });
    return cl;
  }

  /** Returns a parse error on one line, an unknown command with the commands there are. */
  private static String describe(ParameterException ex) {
    CommandLine bad = ex.getCommandLine();
    String help = " (try '" + bad.getCommandSpec().qualifiedName() + " --help')";
    if (ex instanceof UnmatchedArgumentException unmatched
        && !bad.getSubcommands().isEmpty()
        && !unmatched.getUnmatched().isEmpty()
        && !unmatched.getUnmatched().get(0).startsWith("-")) {
      return "unknown command '"
          + unmatched.getUnmatched().get(0)
          + "'; the commands are "
          + String.join(", ", bad.getSubcommands().keySet())
          + help;
    }
    return ex.getMessage() + help;
  }

  /**
   * Parses {@code args}, runs {@code command} and returns its exit code.
   *
   * @param command a picocli command object
   * @param args the arguments
   * @return the exit code
   */
  public static int execute(Object command, String... args) {
    return commandLine(command).execute(args);
  }
}
