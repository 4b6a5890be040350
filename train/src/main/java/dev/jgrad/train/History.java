package dev.jgrad.train;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The record of a training run, one {@link EpochLog} per completed epoch, as Keras' {@code History}
 * that {@code fit} returns.
 *
 * <p>A run resumed from a {@link TrainingCheckpoint} continues the history saved in it, so {@link
 * #epochs()} covers the whole run. The history also says how the last {@code fit} ended: all epochs
 * done, stopped early by a callback ({@link #stopReason()}), or stopped because the loss or the
 * weights were no longer finite ({@link #diverged()}).
 *
 * <p>Instances are immutable snapshots.
 */
public final class History {
  private static final String EPOCH_COLUMN = "epoch";

  private final List<EpochLog> epochs;
  private final String stopReason;
  private final boolean diverged;

  /**
   * Creates a history.
   *
   * @param epochs the completed epochs in order
   * @param stopReason why the run stopped before its last planned epoch, or null
   * @param diverged whether it stopped because a value was no longer finite
   */
  History(List<EpochLog> epochs, String stopReason, boolean diverged) {
    this.epochs = List.copyOf(epochs);
    this.stopReason = stopReason;
    this.diverged = diverged;
  }

  /**
   * Returns a history of completed epochs, for a training loop other than {@link Trainer}'s (such
   * as a distributed one) that reports in the same form.
   *
   * @param epochs the completed epochs in order
   * @return a history of those epochs, not stopped
   */
  public static History of(List<EpochLog> epochs) {
    return new History(checkNotNull(epochs, "History.of: epochs are null"), null, false);
  }

  /**
   * Returns an empty history.
   *
   * @return a history of no epochs
   */
  public static History empty() {
    return new History(List.of(), null, false);
  }

  /**
   * Returns the completed epochs.
   *
   * @return the epochs' logs in order, unmodifiable
   */
  public List<EpochLog> epochs() {
    return epochs;
  }

  /**
   * Returns the number of completed epochs.
   *
   * @return the size of {@link #epochs()}
   */
  public int size() {
    return epochs.size();
  }

  /**
   * Returns the last completed epoch.
   *
   * @return its log, or empty if no epoch was completed
   */
  public Optional<EpochLog> last() {
    return epochs.isEmpty() ? Optional.empty() : Optional.of(epochs.get(epochs.size() - 1));
  }

  /**
   * Returns the names of the metrics recorded, in the order they first appear.
   *
   * @return the names, unmodifiable
   */
  public Set<String> metricNames() {
    Set<String> names = new LinkedHashSet<>();
    for (EpochLog e : epochs) {
      names.addAll(e.metrics().keySet());
    }
    return Collections.unmodifiableSet(names);
  }

  /**
   * Returns one metric over the epochs, as {@code history.history["val_loss"]} in Keras.
   *
   * @param name the metric's name
   * @return one value per epoch, NaN for an epoch that did not record it
   * @throws IllegalArgumentException naming the metrics recorded if no epoch recorded {@code name}
   */
  public List<Double> metric(String name) {
    checkArgument(
        metricNames().contains(name),
        "History: no metric '%s' (recorded: %s)",
        name,
        String.join(", ", metricNames()));
    List<Double> values = new ArrayList<>();
    for (EpochLog e : epochs) {
      values.add(e.metrics().getOrDefault(name, Double.NaN));
    }
    return List.copyOf(values);
  }

  /**
   * Returns why the last {@code fit} stopped before its planned epochs.
   *
   * @return the reason a callback gave or the divergence found, or empty if it ran to the end
   */
  public Optional<String> stopReason() {
    return Optional.ofNullable(stopReason);
  }

  /**
   * Returns whether the last {@code fit} stopped because the loss or a weight was NaN or infinite
   * (it then also threw {@link TrainingDivergedException}).
   *
   * @return whether the run diverged
   */
  public boolean diverged() {
    return diverged;
  }

  /**
   * Returns the epochs as CSV: a header {@code epoch,<metric>,…} with the names of {@link
   * #metricNames()}, then one row per epoch; values are written as {@link Double#toString(double)}
   * writes them (exact), an absent value as an empty field.
   *
   * @return the CSV text, lines ended by {@code \n}
   */
  public String toCsv() {
    Set<String> names = metricNames();
    StringBuilder csv = new StringBuilder(EPOCH_COLUMN);
    names.forEach(n -> csv.append(',').append(n));
    csv.append('\n');
    for (EpochLog e : epochs) {
      csv.append(e.epoch());
      for (String n : names) {
        Double v = e.metrics().get(n);
        csv.append(',').append(v == null ? "" : Double.toString(v));
      }
      csv.append('\n');
    }
    return csv.toString();
  }

  /**
   * Reads epochs written by {@link #toCsv()}.
   *
   * @param csv the CSV text
   * @return a history of those epochs, not stopped
   * @throws IllegalArgumentException naming the line if the text is not such a CSV
   */
  static History parseCsv(String csv) {
    checkNotNull(csv, "History: csv is null");
    String[] lines = csv.split("\n", -1);
    String[] header = lines[0].split(",", -1);
    checkArgument(
        header[0].equals(EPOCH_COLUMN),
        "history CSV: line 1 must start with '%s', got '%s'",
        EPOCH_COLUMN,
        lines[0]);
    List<EpochLog> epochs = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isEmpty() && i == lines.length - 1) {
        break;
      }
      String[] fields = lines[i].split(",", -1);
      checkArgument(
          fields.length == header.length,
          "history CSV: line %s has %s fields, the header %s",
          i + 1,
          fields.length,
          header.length);
      Map<String, Double> metrics = new LinkedHashMap<>();
      try {
        for (int f = 1; f < fields.length; f++) {
          if (!fields[f].isEmpty()) {
            metrics.put(header[f], Double.parseDouble(fields[f]));
          }
        }
        epochs.add(new EpochLog(Integer.parseInt(fields[0]), metrics));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            String.format("history CSV: line %s holds a value that is not a number: %s", i + 1, e),
            e);
      }
    }
    return new History(epochs, null, false);
  }
}
