package dev.jgrad.examples;

import dev.jgrad.tensor.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
  @Parameters(paramLabel = "CSV", description = "A metrics.csv written by train or a seed main.")
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

  /** Creates the command printing to {@code out}. */
  public PlotCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public Integer call() throws IOException {
    List<String> lines = Files.readAllLines(csv);
    if (lines.size() < 2 || !lines.get(0).equals(EpochStats.CSV_HEADER)) {
      throw new IOException(csv + ": expected the header " + EpochStats.CSV_HEADER + " and rows");
    }
    List<EpochStats> history = new ArrayList<>();
    for (String row : lines.subList(1, lines.size())) {
      history.add(EpochStats.fromCsvRow(row));
    }
    Path folder = csv.toAbsolutePath().getParent();
    Path target = png != null ? png : folder.resolve("curves.png");
    byte[] image = Plots.curves(history, title != null ? title : folder.getFileName().toString());
    Files.createDirectories(target.toAbsolutePath().getParent());
    AtomicFiles.write(target, o -> o.write(image));
    out.println("curves: " + target.toAbsolutePath());
    return 0;
  }
}
