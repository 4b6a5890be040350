package dev.jgrad.examples;

import dev.jgrad.tensor.io.AtomicFiles;
import dev.jgrad.train.EpochLog;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jgrad plot}: draws the loss and accuracy curves of a {@code metrics.csv}. */
@Command(
    name = "plot",
    mixinStandardHelpOptions = true,
    description = "Draw curves.png (loss, train and test accuracy per epoch) from a metrics.csv.")
public final class PlotCommand implements Callable<Integer> {
  private static final String PARAMETER = "CSV";

  @Parameters(
      paramLabel = PARAMETER,
      description = "A metrics.csv written by train or a seed main.")
  Path csv;

  @Option(
      names = "--out",
      paramLabel = "PNG",
      description = "The image to write (default: curves.png beside the CSV).")
  Path png;

  @Option(names = "--title", description = "The plots' title (default: the CSV's folder name).")
  String title;

  private final PrintStream out;

  /** Creates the command printing to standard output. */
  public PlotCommand() {
    this(System.out);
  }

  /**
   * Creates the command.
   *
   * @param out where to print
   */
  public PlotCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public Integer call() throws CommandFailure, IOException {
    List<EpochLog> history = read();
    Path folder = csv.toAbsolutePath().getParent();
    Path target = png != null ? png : folder.resolve("curves.png");
    byte[] image = Plots.curves(history, title != null ? title : folder.getFileName().toString());
    try {
      Files.createDirectories(target.toAbsolutePath().getParent());
      AtomicFiles.write(target, o -> o.write(image));
    } catch (IOException e) {
      throw CommandFailure.usage(
          "--out", target, "cannot write the image: " + Faults.of(e), "expected a writable file");
    }
    out.println("curves: " + target.toAbsolutePath());
    return Commands.OK;
  }

  private List<EpochLog> read() throws CommandFailure {
    if (Files.isDirectory(csv)) {
      throw CommandFailure.usage(PARAMETER, csv, "is a folder, not a file", MetricsCsv.accepted());
    }
    try {
      return MetricsCsv.read(csv);
    } catch (IOException e) {
      throw CommandFailure.usage(
          PARAMETER, csv, "cannot be read: " + Faults.of(e), MetricsCsv.accepted());
    } catch (MetricsCsv.Malformed e) {
      throw CommandFailure.usage(PARAMETER, csv, e.getMessage(), MetricsCsv.accepted());
    }
  }
}
