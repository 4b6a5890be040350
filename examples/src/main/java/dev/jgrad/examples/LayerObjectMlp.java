package dev.jgrad.examples;

import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Generator;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Seed 003: a 784-100-50-10 network of layer objects, biases drawn like the weights, cross-entropy
 * on probabilities (eps 1e-15) back through the softmax Jacobian, lr 1e-3 divided again by the
 * batch size, batches of 3 taken in order, 100 epochs; the defaults are {@link
 * Preset.Name#SEED003}'s. Run {@code LayerObjectMlp --help}.
 */
@Command(
    name = "layer-object-mlp",
    mixinStandardHelpOptions = true,
    description = {
      "Seed 003: 784-100-50-10 layer objects, softmax Jacobian in backward, lr / batch size per"
          + " step, batches taken in order. Defaults are the seed's."
    })
public final class LayerObjectMlp implements Callable<Integer>, SeedMain {
  @Option(names = "--epochs", description = "Epochs (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(
      names = "--lr",
      description =
          "Learning rate, divided by the batch size at each step (default: ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(names = "--batch-size", description = "Batch size (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Mixin RunOptions run = new RunOptions();

  /** Creates the command. */
  public LayerObjectMlp() {}

  @Override
  public Preset.Name seed() {
    return Preset.Name.SEED003;
  }

  @Override
  public Integer call() throws CommandFailure, IOException {
    List<Integer> hidden = Preset.named(seed()).hidden();
    SeedRun.train(
        "layer-object-mlp",
        "seed 003, manual backprop: 784-100-50-10 layer objects, lr "
            + learningRate
            + ", batch "
            + batchSize,
        () ->
            new LayerObjectMlpManual(
                ImageData.PIXELS,
                hidden.get(0),
                hidden.get(1),
                ImageData.CLASSES,
                learningRate,
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
    System.exit(Commands.execute(new LayerObjectMlp(), args));
  }
}
