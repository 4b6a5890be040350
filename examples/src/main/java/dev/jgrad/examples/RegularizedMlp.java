package dev.jgrad.examples;

import dev.jgrad.examples.TwoLayerMlpManual.WeightInit;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Generator;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Seed 001: a 784-100-10 ReLU network, He-normal weights, SGD with lr 0.1 on the mean gradient of
 * batches of 128 with L2 1e-4 on the weights only, stopping when the accuracy on the training set
 * drops (the seed reports about 96 % validation accuracy after 7 epochs); the defaults are {@link
 * Preset.Name#SEED001}'s. Run {@code RegularizedMlp --help}.
 */
@Command(
    name = "regularized-mlp",
    mixinStandardHelpOptions = true,
    description = {
      "Seed 001: 784-100-10 ReLU MLP, He-normal init, SGD on the mean gradient with L2 on the"
          + " weights, stopping when training accuracy drops. Defaults are the seed's."
    })
public final class RegularizedMlp implements Callable<Integer>, SeedMain {
  @Option(names = "--epochs", description = "Most epochs (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--lr", description = "Learning rate (default: ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(names = "--batch-size", description = "Batch size (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--hidden", description = "Hidden size (default: ${DEFAULT-VALUE}).")
  int hidden;

  @Option(
      names = "--l2",
      description = "L2 coefficient on the weights (default: ${DEFAULT-VALUE}).")
  double l2;

  @Mixin RunOptions run = new RunOptions();

  /** Creates the command. */
  public RegularizedMlp() {}

  @Override
  public Preset.Name seed() {
    return Preset.Name.SEED001;
  }

  @Override
  public Integer call() throws CommandFailure, IOException {
    SeedRun.train(
        "regularized-mlp",
        "seed 001, manual backprop: 784-" + hidden + "-10, SGD lr " + learningRate + ", L2 " + l2,
        () ->
            new TwoLayerMlpManual(
                ImageData.PIXELS,
                hidden,
                ImageData.CLASSES,
                WeightInit.HE_NORMAL,
                new SgdUpdate(learningRate, l2),
                run.dtypeOr(DType.FLOAT64),
                Generator.seeded(run.seed())),
        SeedRun.Loop.of(seed(), epochs, batchSize, learningRate),
        run,
        System.out);
    return Commands.OK;
  }

  /**
   * Trains the network; see {@code --help}.
   *
   * @param args the options
   */
  public static void main(String[] args) {
    System.exit(Commands.execute(new RegularizedMlp(), args));
  }
}
