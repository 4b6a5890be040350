package dev.jgrad.bench;

import java.util.Locale;

/**
 * The wall time of one epoch's training steps split into their phases: the batch gather (the data
 * loader's {@code next}), the forward pass with the loss, the backward pass (with zeroing the
 * gradients) and the optimizer's step. {@link SeedWorkload} prints it per epoch when the system
 * property {@code jgrad.bench.phases} is {@code true}, to show which phases gain from more threads.
 */
final class StepPhases {
  private final long[] nanos = new long[4];
  private long mark;

  /** Starts the clock at the beginning of an epoch's loop. */
  void start() {
    mark = System.nanoTime();
  }

  /**
   * Adds the time since the last mark to phase {@code phase} (0 gather, 1 forward, 2 backward, 3
   * step) and moves the mark to now.
   *
   * @param phase the phase that just ended
   */
  void end(int phase) {
    long now = System.nanoTime();
    nanos[phase] += now - mark;
    mark = now;
  }

  /**
   * Returns one line: the epoch and each phase's milliseconds.
   *
   * @param epoch the epoch, from 1
   * @return {@code phases epoch E gather_ms G forward_ms F backward_ms B step_ms S}
   */
  String line(int epoch) {
    return String.format(
        Locale.ROOT,
        "phases epoch %d gather_ms %.0f forward_ms %.0f backward_ms %.0f step_ms %.0f",
        epoch,
        nanos[0] / 1e6,
        nanos[1] / 1e6,
        nanos[2] / 1e6,
        nanos[3] / 1e6);
  }
}
