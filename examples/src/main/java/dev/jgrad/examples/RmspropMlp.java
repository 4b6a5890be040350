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
 * Seed 004: a 784-h-10 ReLU network trained with RMSProp through {@code Dataset}/{@code
 * DataLoader}, with plots of the loss and accuracy and a grid of predictions with logit histograms.
 * The seed names no hidden size, rate, batch size or epoch count; the defaults ({@link
 * Preset.Name#SEED004}'s: h = 128, lr 1e-3, batch 64, 10 epochs; α 0.99 and ε 1e-8 as PyTorch's
 * RMSprop) are common choices. Run {@code RmspropMlp --help}.
 */
@Command(
    name = "rmsprop-mlp",
    mixinStandardHelpOptions = true,
    description = {
      "Seed 004: 784-h-10 ReLU MLP, He-normal init, RMSProp, with loss/accuracy curves and a"
          + " grid of predictions with logit histograms."
    })
public final class RmspropMlp implements Callable<Integer>, SeedMain {
  @Option(names = "--epochs", description = "Epochs (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--lr", description = "Learning rate (default: ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(names = "--batch-size", description = "Batch size (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--hidden", description = "Hidden size h (default: ${DEFAULT-VALUE}).")
  int hidden;

  @Option(
      names = "--alpha",
      defaultValue = "0.99",
      description = "RMSProp decay α (default: ${DEFAULT-VALUE}, PyTorch's).")
  double alpha;

  @Option(
      names = "--eps",
      defaultValue = "1e-8",
      description = "RMSProp ε (default: ${DEFAULT-VALUE}, PyTorch's).")
  double eps;

  @Mixin RunOptions run = new RunOptions();

  /** Creates the command. */
  public RmspropMlp() {}

  @Override
  public Preset.Name seed() {
    return Preset.Name.SEED004;
  }

  @Override
  public Integer call() throws CommandFailure, IOException {
    SeedRun.train(
        "rmsprop-mlp",
        "seed 004, manual backprop: 784-" + hidden + "-10, RMSProp lr " + learningRate,
        () ->
            new TwoLayerMlpManual(
                ImageData.PIXELS,
                hidden,
                ImageData.CLASSES,
                WeightInit.HE_NORMAL,
                new RmspropUpdate(learningRate, alpha, eps),
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
    System.exit(Commands.execute(new RmspropMlp(), args));
  }
}
