package dev.jgrad.examples;

import dev.jgrad.data.DataLoader;
import dev.jgrad.examples.TwoLayerMlpManual.WeightInit;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Generator;
import dev.jgrad.tensor.Tensor;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Seed 002: a 784-128-10 ReLU network with unscaled {@code randn} weights, trained by full-batch
 * gradient descent, lr 0.01, for 200 epochs; the defaults are {@link Preset.Name#SEED002}'s. It
 * trains poorly: with weights of variance 1 the hidden sums have a standard deviation near
 * √(784·E[x²]) ≈ 10, the logits near 100, the softmax saturates and most gradients vanish. Run
 * {@code FullBatchMlp --help}.
 */
@Command(
    name = "full-batch-mlp",
    mixinStandardHelpOptions = true,
    description = {
      "Seed 002: 784-128-10 ReLU MLP, unscaled randn init, full-batch gradient descent on the"
          + " mean gradient. Defaults are the seed's."
    })
public final class FullBatchMlp implements Callable<Integer>, SeedMain {
  @Option(names = "--epochs", description = "Epochs (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--lr", description = "Learning rate (default: ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(names = "--hidden", description = "Hidden size (default: ${DEFAULT-VALUE}).")
  int hidden;

  @Mixin RunOptions run = new RunOptions();

  /** Creates the command. */
  public FullBatchMlp() {}

  @Override
  public Preset.Name seed() {
    return Preset.Name.SEED002;
  }

  @Override
  public Integer call() throws CommandFailure, IOException {
    DType dtype = run.dtypeOr(DType.FLOAT64);
    int batchSize = Preset.named(seed()).batchSize();
    SeedRun.Result result =
        SeedRun.train(
            "full-batch-mlp",
            "seed 002, manual backprop: 784-"
                + hidden
                + "-10, unscaled randn, full-batch GD lr "
                + learningRate,
            () ->
                new TwoLayerMlpManual(
                    ImageData.PIXELS,
                    hidden,
                    ImageData.CLASSES,
                    WeightInit.UNSCALED_NORMAL,
                    new SgdUpdate(learningRate, 0),
                    dtype,
                    Generator.seeded(run.seed())),
            SeedRun.Loop.of(seed(), epochs, batchSize, learningRate),
            run,
            System.out);
    Tensor logits = result.trainer().predict(DataLoader.of(result.data().train(), batchSize));
    System.out.printf(
        Locale.ROOT,
        "the seed's printed \"loss\", -mean log(max p) on the training set: %.4f%n",
        seedLoss(SeedMath.softmax(logits)));
    return Commands.OK;
  }

  /**
   * Returns what seed 002 prints as its loss: {@code −mean_n log(max_k p_nk)}, the log-probability
   * of each row's own prediction rather than of its label, so it measures confidence, not error.
   *
   * @param probabilities {@code [B, C]} rows that sum to one
   * @return the mean over the rows
   */
  public static double seedLoss(Tensor probabilities) {
    return -probabilities.max(1, false).log().mean().item();
  }

  /**
   * Trains the network; see {@code --help}.
   *
   * @param args the options
   */
  public static void main(String[] args) {
    System.exit(Commands.execute(new FullBatchMlp(), args));
  }
}
