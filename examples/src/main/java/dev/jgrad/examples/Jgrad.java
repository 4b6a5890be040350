package dev.jgrad.examples;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code jgrad} command line: {@code train}, {@code eval}, {@code plot} and {@code graph}. Run
 * {@code ./jgrad --help} from the repository root. Without a command it prints its help to standard
 * error and exits with {@link Commands#USAGE_ERROR}.
 */
@Command(
    name = "jgrad",
    mixinStandardHelpOptions = true,
    version = "jgrad 0.1.0",
    description = {"Train and evaluate MNIST networks with jgrad, a pure-Java autograd.", ""},
    subcommands = {TrainCommand.class, EvalCommand.class, PlotCommand.class, GraphCommand.class},
    footer = {
      "",
      "Examples:",
      "  jgrad train              # 784-128-10, Adam, 5 epochs: >= 97.5 %% test accuracy",
      "  jgrad train --hidden 256,128 --optimizer SGD --lr 0.1 --out runs/sgd",
      "  jgrad train --network SEED000 --out runs/seed000",
      "  jgrad train --resume runs/train/checkpoint.safetensors --epochs 8",
      "  jgrad eval runs/train/checkpoint.safetensors",
      "  jgrad plot runs/train/metrics.csv",
      "  jgrad graph --network LENET5 --out lenet5.png",
      "",
      "Exit codes: 0 done, 1 the run failed, 2 wrong arguments, 3 the loss or weights became NaN"
          + " or infinite."
    })
public final class Jgrad implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** Creates the command. */
  public Jgrad() {}

  /** Prints the help to standard error: a command is missing. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return Commands.USAGE_ERROR;
  }

  /**
   * Runs the command line and exits with its code.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    System.exit(Commands.execute(new Jgrad(), args));
  }
}
