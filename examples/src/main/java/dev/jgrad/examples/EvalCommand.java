package dev.jgrad.examples;

import dev.jgrad.nn.Sequential;
import dev.jgrad.train.TrainingCheckpoint;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jgrad eval}: a checkpoint's test accuracy and loss. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description =
        "Print the test accuracy and mean cross-entropy of a checkpoint saved by train or a seed"
            + " main. A checkpoint whose weights are NaN or infinite is refused.")
public final class EvalCommand implements Callable<Integer> {
  private static final String PARAMETER = "CHECKPOINT";

  @Parameters(paramLabel = PARAMETER, description = "A checkpoint.safetensors file.")
  Path checkpoint;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "Folder with the four MNIST files, itself or its mnist/ sub-folder; used as given, never"
              + " replaced by another (default: JGRAD_DATA, the project's data/, the cache).")
  Path data;

  private final PrintStream out;

  /** Creates the command printing to standard output. */
  public EvalCommand() {
    this(System.out);
  }

  /**
   * Creates the command.
   *
   * @param out where to print
   */
  public EvalCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public Integer call() throws CommandFailure, IOException {
    TrainingCheckpoint ckpt = CheckpointFiles.load(PARAMETER, checkpoint);
    Sequential model;
    try {
      model = Mlps.fromStateDict(ckpt.modelState());
    } catch (IllegalArgumentException e) {
      throw CommandFailure.usage(
          PARAMETER,
          checkpoint,
          "its model is not a perceptron jgrad can rebuild: " + e.getMessage(),
          "expected a checkpoint saved by jgrad train or a seed main");
    }
    MnistData mnist = DataFolder.load(data);
    TestScore test = TestScore.ofLogits(model, mnist.test());
    out.printf(
        Locale.ROOT,
        "%s: %s, test accuracy %.2f%%, test loss %.4f%n",
        checkpoint,
        Mlps.sizes(model),
        100 * test.accuracy(),
        test.loss());
    return Commands.OK;
  }
}
