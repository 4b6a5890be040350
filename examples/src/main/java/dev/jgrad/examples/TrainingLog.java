package dev.jgrad.examples;

import dev.jgrad.tensor.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Records a training run: prints one line per epoch, rewrites {@code metrics.csv} (one row per
 * epoch) after every epoch, and draws {@code curves.png} at the end, all in the output folder. Each
 * file is replaced atomically, so a reader never sees half of one.
 */
public final class TrainingLog {
  private final Path folder;
  private final String title;
  private final int epochs;
  private final PrintStream out;
  private final List<EpochStats> history = new ArrayList<>();

  /**
   * Creates a log.
   *
   * @param folder the existing folder where the CSV and plots go, or null to print only
   * @param title the name of the run, used in the plots
   * @param epochs the number of epochs planned, printed as {@code epoch 3/100}
   * @param out where lines are printed
   */
  public TrainingLog(Path folder, String title, int epochs, PrintStream out) {
    this.folder = folder;
    this.title = title;
    this.epochs = epochs;
    this.out = out;
  }

  /**
   * Takes back the rows of epochs up to {@code lastEpoch} from this log's {@code metrics.csv}, if
   * it exists, so that a resumed run's CSV and curves cover the whole run.
   *
   * @throws IOException if the CSV exists but cannot be read or parsed
   */
  public void restore(int lastEpoch) throws IOException {
    if (folder == null || !Files.exists(csvFile())) {
      return;
    }
    List<String> lines = Files.readAllLines(csvFile());
    for (String line : lines.subList(1, lines.size())) {
      EpochStats stats;
      try {
        stats = EpochStats.fromCsvRow(line);
      } catch (IllegalArgumentException e) {
        throw new IOException(csvFile() + ": " + e.getMessage(), e);
      }
      if (stats.epoch() <= lastEpoch) {
        history.add(stats);
      }
    }
  }

  /** Records, prints and saves one epoch. */
  public void epoch(EpochStats stats) throws IOException {
    history.add(stats);
    out.println(stats.line(epochs));
    out.flush();
    if (folder != null) {
      StringBuilder csv = new StringBuilder(EpochStats.CSV_HEADER).append('\n');
      history.forEach(s -> csv.append(s.csvRow()).append('\n'));
      byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
      AtomicFiles.write(csvFile(), o -> o.write(bytes));
    }
  }

  /** Prints a line that is not an epoch's. */
  public void note(String line) {
    out.println(line);
    out.flush();
  }

  /** Returns the epochs recorded so far. */
  public List<EpochStats> history() {
    return List.copyOf(history);
  }

  /** Returns the output folder, or null if the log only prints. */
  public Path folder() {
    return folder;
  }

  /** Returns the CSV file's path (inside the output folder). */
  public Path csvFile() {
    return folder == null ? null : folder.resolve("metrics.csv");
  }

  /** Returns the loss/accuracy plot's path (inside the output folder). */
  public Path curvesFile() {
    return folder == null ? null : folder.resolve("curves.png");
  }

  /** Draws the loss and accuracy curves of the epochs recorded, if there are any and a folder. */
  public void writeCurves() throws IOException {
    if (folder != null && !history.isEmpty()) {
      byte[] image = Plots.curves(history, title);
      AtomicFiles.write(curvesFile(), o -> o.write(image));
    }
  }
}
