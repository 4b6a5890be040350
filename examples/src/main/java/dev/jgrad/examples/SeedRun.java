package dev.jgrad.examples;

import dev.jgrad.data.Batch;
import dev.jgrad.tensor.DType;
import dev.jgrad.tensor.Tensor;
import dev.jgrad.tensor.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Trains a hand-written seed network and writes its log, curves and prediction grid. */
public final class SeedRun {
  private static final int GRID = 16;

  private SeedRun() {}

  /**
   * Loads MNIST, trains {@code network} with {@code config}, prints a line per epoch and the final
   * test figures, and writes {@code metrics.csv}, {@code curves.png}, {@code predictions.png} and
   * the trained weights, {@code weights.safetensors} (as seed 000 saves its weights), to the output
   * folder; returns the final test evaluation.
   *
   * @throws IOException if the data cannot be loaded or the files written
   */
  public static Evaluation manual(
      String name,
      String description,
      ManualNetwork network,
      ManualTrainer.Config config,
      RunOptions options,
      PrintStream out)
      throws IOException {
    MnistData data = MnistData.load(options.data());
    Path folder = Files.createDirectories(options.out(name));
    out.println(description);
    TrainingLog log = new TrainingLog(folder, name, config.epochs(), out);
    long start = System.nanoTime();
    ManualTrainer.train(network, data, config, log);
    Evaluation test = Evaluation.of(network, data.test(), config.dtype());
    finish(log, test, network::logits, data, config.dtype(), start, out);
    Path weights = folder.resolve("weights.safetensors");
    new Checkpoint(
            network.stateDict(),
            Map.of(),
            Map.of("epoch", Integer.toString(log.history().size()), "source", name))
        .save(weights);
    out.println("weights: " + weights.toAbsolutePath() + " (jgrad eval reads them)");
    return test;
  }

  /** Prints the final figures and writes the curves and the prediction grid. */
  static void finish(
      TrainingLog log,
      Evaluation test,
      UnaryOperator<Tensor> logits,
      MnistData data,
      DType dtype,
      long startNanos,
      PrintStream out)
      throws IOException {
    out.printf(
        Locale.ROOT,
        "test accuracy %.2f%%, test loss %.4f, %d epochs in %.1f s%n",
        100 * test.accuracy(),
        test.loss(),
        log.history().size(),
        (System.nanoTime() - startNanos) / 1e9);
    log.writeCurves();
    Path grid = log.folder().resolve("predictions.png");
    int[] first = new int[GRID];
    for (int i = 0; i < GRID; i++) {
      first[i] = i;
    }
    Batch sample = data.test().getBatch(first);
    byte[] image =
        Plots.predictionGrid(
            sample.input(), logits.apply(MnistData.inputs(sample, dtype)), sample.target(), 4);
    AtomicFiles.write(grid, o -> o.write(image));
    out.println("metrics: " + log.csvFile().toAbsolutePath());
    out.println("curves: " + log.curvesFile().toAbsolutePath());
    out.println("predictions: " + grid.toAbsolutePath());
  }
}
