package dev.jgrad.examples;

import dev.jgrad.train.EpochLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code metrics.csv} for {@code jgrad plot}: the history a {@code CsvLogger} writes
 * ({@code epoch,loss,accuracy,val_loss,val_accuracy,lr}, epochs counted from 0), or the earlier
 * format of the runs kept in {@code examples/results} ({@code
 * epoch,loss,train_accuracy,test_accuracy,seconds}, epochs counted from 1).
 */
final class MetricsCsv {
  private static final List<String> COLUMNS = List.of("epoch", "loss", "accuracy", "val_accuracy");
  private static final List<String> EARLIER =
      List.of("epoch", "loss", "train_accuracy", "test_accuracy");

  /** The problem found, without the file: the caller names it. */
  static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed(String fault) {
      super(fault);
    }
  }

  private MetricsCsv() {}

  /**
   * Returns what a metrics file accepted here looks like, for messages.
   *
   * @return the columns of both formats
   */
  static String accepted() {
    return "expected a metrics.csv written by jgrad train or a seed main (columns "
        + String.join(", ", COLUMNS)
        + ", or the earlier "
        + String.join(", ", EARLIER)
        + ")";
  }

  /**
   * Reads the epochs of a metrics file.
   *
   * @param csv the file
   * @return one log per row with {@code loss}, {@code accuracy} and {@code val_accuracy}
   * @throws IOException if the file cannot be read
   * @throws Malformed if it is not such a file
   */
  static List<EpochLog> read(Path csv) throws IOException, Malformed {
    List<String> lines = Files.readAllLines(csv);
    if (lines.size() < 2) {
      throw new Malformed("holds no epoch");
    }
    List<String> header = Arrays.asList(lines.get(0).split(",", -1));
    boolean earlier = header.containsAll(EARLIER);
    List<String> names = earlier ? EARLIER : COLUMNS;
    if (!header.containsAll(names) || !header.get(0).equals("epoch")) {
      throw new Malformed("its header is '" + lines.get(0) + "'");
    }
    List<EpochLog> history = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String[] fields = lines.get(i).split(",", -1);
      if (fields.length != header.size()) {
        throw new Malformed(
            "line " + (i + 1) + " has " + fields.length + " fields, the header " + header.size());
      }
      Map<String, Double> values = new LinkedHashMap<>();
      int epoch;
      try {
        epoch = Integer.parseInt(fields[0]) - (earlier ? 1 : 0);
        for (int k = 1; k < names.size(); k++) {
          String field = fields[header.indexOf(names.get(k))];
          if (field.isEmpty()) {
            throw new Malformed("line " + (i + 1) + " has no " + names.get(k));
          }
          values.put(COLUMNS.get(k), Double.parseDouble(field));
        }
        history.add(new EpochLog(epoch, values));
      } catch (IllegalArgumentException e) {
        throw new Malformed("line " + (i + 1) + " holds a value that is not a number");
      }
    }
    return history;
  }
}
