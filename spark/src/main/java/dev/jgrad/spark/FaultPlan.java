package dev.jgrad.spark;

import java.io.Serializable;

/**
 * A failure to inject into a run, for the tests of failure handling: worker {@code worker} throws
 * at the start of step {@code step} of epoch {@code epoch}, in every stage attempt or only in the
 * first.
 *
 * @param worker the worker that fails
 * @param epoch the epoch
 * @param step the step within the epoch
 * @param firstAttemptOnly whether a retried stage runs through
 */
record FaultPlan(int worker, int epoch, int step, boolean firstAttemptOnly)
    implements Serializable {
  /** Throws if this plan says so for the given place. */
  void check(int w, int e, int k, int stageAttempt) {
    if (w == worker && e == epoch && k == step && (!firstAttemptOnly || stageAttempt == 0)) {
      throw new IllegalStateException(
          String.format(
              "injected failure on worker %d at epoch %d step %d (stage attempt %d)",
              w, e, k, stageAttempt));
    }
  }
}
