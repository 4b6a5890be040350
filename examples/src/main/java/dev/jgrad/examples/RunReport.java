package dev.jgrad.examples;

import dev.jgrad.data.Batch;
import dev.jgrad.data.ImageDataset;
import dev.jgrad.tensor.io.AtomicFiles;
import dev.jgrad.train.History;
import dev.jgrad.train.Trainer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * The end of a run: the line with the test figures, the loss and accuracy curves ({@code
 * curves.png}), the first test images with their predictions ({@code predictions.png}), and the
 * list of files written. Images are written whole or not at all ({@link AtomicFiles}).
 */
final class RunReport {
  private static final int GRID = 16;
  private static final int COLUMNS = 4;

  private RunReport() {}

  /**
   * Prints the figures, draws the plots and lists the files.
   *
   * @param trainer the trainer after {@code fit}
   * @param test the test figures
   * @param startNanos when training started, from {@link System#nanoTime()}
   * @param folder the run's folder, where {@code metrics.csv} was written
   * @param title the run's name, for the plots
   * @param testSet the test set, whose first images are drawn with its class names
   * @param out where to print
   * @throws IOException naming the file if an image cannot be written
   */
  static void finish(
      Trainer trainer,
      TestScore test,
      long startNanos,
      Path folder,
      String title,
      ImageDataset testSet,
      PrintStream out)
      throws IOException {
    History history = trainer.history();
    out.printf(
        Locale.ROOT,
        "test accuracy %.2f%%, test loss %.4f, %d epochs in %.1f s%n",
        100 * test.accuracy(),
        test.loss(),
        history.size(),
        (System.nanoTime() - startNanos) / 1e9);
    Path curves = folder.resolve("curves.png");
    write(curves, Plots.curves(history.epochs(), title));
    Batch sample = testSet.getBatch(IntStream.range(0, GRID).toArray());
    Path grid = folder.resolve("predictions.png");
    write(
        grid,
        Plots.predictionGrid(
            sample.input(),
            trainer.predict(sample.input()),
            sample.target(),
            testSet.classNames(),
            COLUMNS));
    out.println("metrics: " + folder.resolve("metrics.csv").toAbsolutePath());
    out.println("curves: " + curves.toAbsolutePath());
    out.println("predictions: " + grid.toAbsolutePath());
  }

  private static void write(Path file, byte[] bytes) throws IOException {
    try {
      AtomicFiles.write(file, o -> o.write(bytes));
    } catch (IOException e) {
      throw new IOException("cannot write " + file.toAbsolutePath() + ": " + Faults.of(e), e);
    }
  }
}
