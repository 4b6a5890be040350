package dev.jgrad.train;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The metrics of one completed epoch, as the {@code logs} Keras hands to {@code on_epoch_end}.
 *
 * <p>A {@link Trainer} records, in this order: {@code loss} (the mean training loss), the training
 * metrics ({@code accuracy}, …), with a validation loader {@code val_loss} and {@code val_}
 * followed by each metric's name, and {@code lr}, the first parameter group's learning rate during
 * the epoch (at its start).
 *
 * @param epoch the epoch's index, from 0 (the {@code e} of {@code DataLoader.epoch(e)})
 * @param metrics the values by name, in the order above; unmodifiable
 */
public record EpochLog(int epoch, Map<String, Double> metrics) {
  /**
   * Creates the record, copying the metrics.
   *
   * @param epoch the epoch's index, from 0
   * @param metrics the values by name
   * @throws IllegalArgumentException if {@code epoch < 0}, or a name is empty, is {@code epoch} or
   *     holds a comma, a quote or a line break (names become CSV columns)
   */
  public EpochLog {
    checkArgument(epoch >= 0, "EpochLog: epoch is %s, expected >= 0", epoch);
    checkNotNull(metrics, "EpochLog: metrics are null");
    for (Map.Entry<String, Double> e : metrics.entrySet()) {
      checkName(e.getKey());
      checkNotNull(e.getValue(), "EpochLog: metric '%s' has a null value", e.getKey());
    }
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
  }

  /**
   * Checks that {@code name} can name a metric.
   *
   * @param name the metric's name
   * @throws IllegalArgumentException if the name is null, empty, {@code epoch} or holds a comma, a
   *     quote or a line break
   */
  static void checkName(String name) {
    checkArgument(
        name != null
            && !name.isEmpty()
            && !name.equals("epoch")
            && name.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r'),
        "metric name '%s' is not allowed: names are non-empty, not 'epoch', and hold no comma,"
            + " quote or line break",
        name);
  }

  /**
   * Returns a metric's value.
   *
   * @param name the metric's name, such as {@code val_loss}
   * @return its value
   * @throws IllegalArgumentException naming the metrics recorded if there is no such metric
   */
  public double get(String name) {
    Double value = metrics.get(name);
    checkArgument(
        value != null,
        "epoch %s has no metric '%s' (it has %s)",
        epoch,
        name,
        String.join(", ", metrics.keySet()));
    return value;
  }

  /**
   * Returns a metric's value if it was recorded.
   *
   * @param name the metric's name
   * @return its value, or empty
   */
  public OptionalDouble find(String name) {
    Double value = metrics.get(name);
    return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
  }
}
