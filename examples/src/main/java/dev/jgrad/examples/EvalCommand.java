package dev.jgrad.examples;

import dev.jgrad.data.ImageLayout;
import dev.jgrad.nn.Sequential;
import dev.jgrad.train.TrainingCheckpoint;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
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
          "Folder with the dataset's four files, itself or its mnist/ or fashion-mnist/"
              + " sub-folder; used as given, never replaced by another (default: JGRAD_DATA, the"
              + " project's data/, the cache).")
  Path data;

  @Option(
      names = "--dataset",
      description =
          "${COMPLETION-CANDIDATES} (default: the one the checkpoint was trained on, MNIST for"
              + " the seed mains).")
  DatasetName dataset;

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
    boolean convolutional = convolutional(ckpt);
    Sequential model;
    try {
      model =
          convolutional
              ? Networks.fromCheckpoint(ckpt, PARAMETER, checkpoint)
              : Mlps.fromStateDict(ckpt.modelState());
    } catch (IllegalArgumentException e) {
      throw CommandFailure.usage(
          PARAMETER,
          checkpoint,
          "its model is not a network jgrad can rebuild: " + e.getMessage(),
          "expected a checkpoint saved by jgrad train or a seed main");
    }
    ImageData images = DataFolder.load(datasetOf(ckpt).spec(), data);
    if (convolutional) {
      images = images.as(ImageLayout.NCHW);
    }
    TestScore test = TestScore.ofLogits(model, images.test());
    out.printf(
        Locale.ROOT,
        "%s: %s on %s, test accuracy %.2f%%, test loss %.4f%n",
        checkpoint,
        convolutional ? ckpt.settings().get(TrainSettings.NETWORK) : Mlps.sizes(model),
        images.spec().name(),
        100 * test.accuracy(),
        test.loss());
    return Commands.OK;
  }

  private DatasetName datasetOf(TrainingCheckpoint ckpt) throws CommandFailure {
    if (dataset != null) {
      return dataset;
    }
    String saved = ckpt.settings().get(TrainSettings.DATASET);
    if (saved == null) {
      return DatasetName.MNIST;
    }
    try {
      return DatasetName.valueOf(saved);
    } catch (IllegalArgumentException e) {
      throw CommandFailure.usage(
          PARAMETER,
          checkpoint,
          "its setting " + TrainSettings.DATASET + " '" + saved + "' names no dataset jgrad knows",
          "pass --dataset with one of " + Arrays.toString(DatasetName.values()));
    }
  }

  private static boolean convolutional(TrainingCheckpoint ckpt) {
    String network = ckpt.settings().get(TrainSettings.NETWORK);
    return Arrays.stream(Preset.Name.values())
        .anyMatch(n -> n.convolutional() && n.name().equals(network));
  }
}
