package dev.jgrad.train;

/** Whether a monitored metric improves by going down (a loss) or up (an accuracy). */
public enum Mode {
  /** Lower is better, as for {@code loss} and {@code val_loss}. */
  MIN,
  /** Higher is better, as for {@code accuracy} and {@code val_accuracy}. */
  MAX;

  /**
   * Returns whether {@code value} improves on {@code best} by more than {@code minDelta}, as Keras'
   * {@code EarlyStopping} decides: {@code value < best - minDelta} for {@link #MIN}, {@code value >
   * best + minDelta} for {@link #MAX}. Any number improves on NaN (no best yet); NaN improves on
   * nothing.
   *
   * @param value the new value
   * @param best the best value so far, or NaN if there is none
   * @param minDelta the smallest change that counts, at least 0
   * @return whether {@code value} is an improvement
   */
  public boolean improves(double value, double best, double minDelta) {
    if (Double.isNaN(value)) {
      return false;
    }
    if (Double.isNaN(best)) {
      return true;
    }
    return this == MIN ? value < best - minDelta : value > best + minDelta;
  }
}
