package dev.jgrad.examples;

import dev.jgrad.data.DataLoader;
import dev.jgrad.data.DatasetSpec;
import dev.jgrad.tensor.DType;
import dev.jgrad.train.Accuracy;
import dev.jgrad.train.Callback;
import dev.jgrad.train.CsvLogger;
import dev.jgrad.train.ProgressBar;
import dev.jgrad.train.Trainer;
import dev.jgrad.train.TrainingCheckpoint;
import dev.jgrad.train.TrainingDivergedException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Trains a seed's hand-written twin with a {@link Trainer} (through {@link TwinModule} and {@link
 * TwinOptimizer}, so every step is the twin's own) and writes what {@code jgrad train} writes: one
 * line per epoch, {@code metrics.csv}, {@code curves.png}, {@code predictions.png}, and the weights
 * as a {@link TrainingCheckpoint}, {@code weights.safetensors}, which {@code jgrad eval} reads.
 */
final class SeedRun {
  private static final String WEIGHTS = "weights.safetensors";

  private SeedRun() {}

  /**
   * How a seed main trains.
   *
   * @param epochs the number of epochs (at most, with {@code stopWhenTrainAccuracyDrops})
   * @param batchSize the batch size; the training set's size gives full-batch gradient descent
   * @param learningRate the twin's learning rate, recorded in the run's settings
   * @param shuffle whether each epoch visits the images in a new order drawn from the seed
   * @param stopWhenTrainAccuracyDrops whether seed 001's stopping rule applies
   */
  record Loop(
      int epochs,
      int batchSize,
      double learningRate,
      boolean shuffle,
      boolean stopWhenTrainAccuracyDrops) {
    /**
     * Returns the loop of a seed, with the values given on the command line.
     *
     * @param seed the seed, whose preset says whether to shuffle and when to stop
     * @param epochs the epochs given
     * @param batchSize the batch size given
     * @param learningRate the learning rate given
     * @return the loop
     */
    static Loop of(Preset.Name seed, int epochs, int batchSize, double learningRate) {
      Preset preset = Preset.named(seed);
      return new Loop(
          epochs, batchSize, learningRate, preset.shuffle(), preset.stopWhenTrainAccuracyDrops());
    }
  }

  /**
   * Checks the options, loads MNIST, trains {@code network}, prints a line per epoch and the final
   * test figures (by the seed's own loss), and writes the run's files to the output folder.
   *
   * @param name the run's name, the default output folder {@code runs/<name>}
   * @param description the line printed before training
   * @param twin builds the twin, once the options are checked
   * @param loop how to train
   * @param options the shared options
   * @param out where to print
   * @return the trainer after training and the data, to evaluate further
   * @throws CommandFailure a usage error found before training, or a divergence
   * @throws IOException if the data cannot be loaded or a file written
   */
  static Result train(
      String name,
      String description,
      Supplier<ManualNetwork> twin,
      Loop loop,
      RunOptions options,
      PrintStream out)
      throws CommandFailure, IOException {
    if (loop.epochs() < 1) {
      throw CommandFailure.usage("--epochs", loop.epochs(), "no epoch", "expected 1 or more");
    }
    if (!(loop.learningRate() > 0 && Double.isFinite(loop.learningRate()))) {
      throw CommandFailure.usage(
          "--lr",
          loop.learningRate(),
          "not a usable learning rate",
          "expected a finite number > 0");
    }
    ImageData data = DataFolder.load(DatasetSpec.MNIST, options.data());
    if (loop.batchSize() < 1 || loop.batchSize() > data.train().size()) {
      throw CommandFailure.usage(
          "--batch-size",
          loop.batchSize(),
          "not a batch size for the " + data.train().size() + " training images",
          "use 1 to " + data.train().size());
    }
    Path folder = RunFolder.prepare(options.outOr(Path.of("runs", name)), options.force(), null);
    DType dtype = options.dtypeOr(DType.FLOAT64);
    ManualNetwork network;
    try {
      network = twin.get();
    } catch (IllegalArgumentException e) {
      throw CommandFailure.invalid(e.getMessage(), "see --help for the values accepted");
    }
    TwinModule module = new TwinModule(network);
    DataLoader loader = DataLoader.of(data.train(), loop.batchSize());
    if (loop.shuffle()) {
      loader = loader.shuffle(options.seed());
    }
    List<Callback> callbacks = new ArrayList<>();
    callbacks.add(ProgressBar.barOnly(out));
    callbacks.add(new EpochLines(out, false));
    if (loop.stopWhenTrainAccuracyDrops()) {
      callbacks.add(new StopWhenTrainAccuracyDrops(out, data.train(), dtype));
    }
    callbacks.add(new CsvLogger(folder.resolve("metrics.csv")));
    Trainer trainer =
        Trainer.builder(module)
            .loss(module.loss())
            .optimizer(
                new TwinOptimizer(
                    module, network.getClass().getSimpleName() + ".step", loop.learningRate()))
            .train(loader)
            .validate(DataLoader.of(data.test(), data.test().size()))
            .metrics(new Accuracy())
            .dtype(dtype)
            .seed(options.seed())
            .setting("source", name)
            .callbacks(callbacks.toArray(Callback[]::new))
            .build();
    out.println(description);
    long start = System.nanoTime();
    try {
      trainer.fit(loop.epochs());
    } catch (TrainingDivergedException e) {
      throw CommandFailure.diverged(e.getMessage() + "; no weights were saved");
    } catch (IOException e) {
      throw CommandFailure.failed(
          "training stopped: cannot write its files in " + folder + ": " + Faults.of(e), e);
    }
    TestScore test = TestScore.of(trainer.evaluate(DataLoader.of(data.test(), data.test().size())));
    RunReport.finish(trainer, test, start, folder, name, data.test(), out);
    Path weights = folder.resolve(WEIGHTS);
    try {
      TrainingCheckpoint.builder(network.stateDict(), trainer.optimizer())
          .epoch(trainer.completedEpochs())
          .generator(trainer.generator())
          .history(trainer.history())
          .settings(trainer.settings())
          .build()
          .save(weights);
    } catch (IOException e) {
      throw new IOException("cannot write " + weights.toAbsolutePath() + ": " + Faults.of(e), e);
    }
    out.println("weights: " + weights.toAbsolutePath() + " (jgrad eval reads them)");
    return new Result(trainer, data);
  }

  /**
   * What a seed main has after training.
   *
   * @param trainer the trainer, its model trained
   * @param data the MNIST sets it was trained and tested on
   */
  record Result(Trainer trainer, ImageData data) {}
}
