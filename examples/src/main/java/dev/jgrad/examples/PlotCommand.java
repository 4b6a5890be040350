package dev.jgrad.examples;

import dev.jgrad.tensor.io.AtomicFiles;
import dev.jgrad.train.EpochLog;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
  private static final List<String> COLUMNS = List.of("epoch", "loss", "accuracy", "val_accuracy");
  private static final String ACCEPTED =
      "expected a metrics.csv written by jgrad train or a seed main (columns "
          + String.join(", ", COLUMNS)
          + ")";

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
      throw CommandFailure.usage(PARAMETER, csv, "is a folder, not a file", ACCEPTED);
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(csv);
    } catch (IOException e) {
      throw CommandFailure.usage(PARAMETER, csv, "cannot be read: " + Faults.of(e), ACCEPTED);
    }
    if (lines.size() < 2) {
      throw CommandFailure.usage(PARAMETER, csv, "holds no epoch", ACCEPTED);
    }
    List<String> header = Arrays.asList(lines.get(0).split(",", -1));
    if (!header.containsAll(COLUMNS) || !header.get(0).equals("epoch")) {
      throw CommandFailure.usage(PARAMETER, csv, "its header is '" + lines.get(0) + "'", ACCEPTED);
    }
    List<EpochLog> history = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String[] fields = lines.get(i).split(",", -1);
      if (fields.length != header.size()) {
        throw CommandFailure.usage(
            PARAMETER,
            csv,
            "line " + (i + 1) + " has " + fields.length + " fields, the header " + header.size(),
            ACCEPTED);
      }
      Map<String, Double> values = new LinkedHashMap<>();
      try {
        for (int f = 1; f < fields.length; f++) {
          if (!fields[f].isEmpty()) {
            values.put(header.get(f), Double.parseDouble(fields[f]));
          }
        }
        history.add(new EpochLog(Integer.parseInt(fields[0]), values));
      } catch (IllegalArgumentException e) {
        throw CommandFailure.usage(
            PARAMETER, csv, "line " + (i + 1) + " holds a value that is not a number", ACCEPTED);
      }
      for (String column : COLUMNS.subList(1, COLUMNS.size())) {
        if (!values.containsKey(column)) {
          throw CommandFailure.usage(
              PARAMETER, csv, "line " + (i + 1) + " has no " + column, ACCEPTED);
        }
      }
    }
    return history;
  }
}
