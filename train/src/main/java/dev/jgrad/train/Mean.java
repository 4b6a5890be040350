package dev.jgrad.train;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * A streaming weighted mean, such as an epoch's mean loss from per-batch mean losses weighted by
 * the batch sizes.
 */
final class Mean {
  private double sum;
  private long weight;

  /** Forgets every value added. */
  void reset() {
    sum = 0;
    weight = 0;
  }

  /**
   * Adds a value.
   *
   * @param value the value, for example a batch's mean loss
   * @param count its weight, for example the batch size, at least 1
   */
  void add(double value, long count) {
    checkArgument(count >= 1, "Mean: weight is %s, expected >= 1", count);
    sum += value * count;
    weight += count;
  }

  /**
   * Returns the mean.
   *
   * @return the weighted mean of the values added, NaN if there are none
   */
  double value() {
    return weight == 0 ? Double.NaN : sum / weight;
  }
}
