package dev.jgrad.spark;

/**
 * Where worker 0's training time went: computing its micro-batches' gradients and the optimizer
 * step, and the gradient exchange (waiting for slower workers included).
 *
 * @param steps the optimizer steps taken in this fit (resumed epochs excluded)
 * @param computeSeconds forward, backward and optimizer step, summed over the steps
 * @param exchangeSeconds the exchange, summed over the steps
 */
public record TrainingTimes(long steps, double computeSeconds, double exchangeSeconds) {
  /**
   * Returns the exchange's share of the step time.
   *
   * @return {@code exchange / (compute + exchange)}, or 0 before any step
   */
  public double exchangeFraction() {
    double total = computeSeconds + exchangeSeconds;
    return total == 0 ? 0 : exchangeSeconds / total;
  }
}
